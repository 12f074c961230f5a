"""The segmenter cuts exactly as ``jieba.cut(text, HMM=False)`` while reading only the
dictionary buckets a text needs, from a cache that is rebuilt when damaged."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter import segment

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*(ROOT / "seeds").rglob("*.txt"), *(ROOT / "examples").rglob("*.yaml"),
                *(ROOT / "tests" / "corpus").glob("*.txt")])
jieba.setLogLevel(logging.WARNING)


def jieba_words(text: str) -> list[str]:
    return list(jieba.cut(text, HMM=False))


def all_lines() -> list[str]:
    return [line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_line_of_the_examples_seeds_and_corpus_is_cut_as_jieba_cuts_it() -> None:
    lines = all_lines()
    assert len(lines) > 1000
    different = [line for line in lines if segment.cut(line) != jieba_words(line)]
    assert different == []


# Characters of the shipped texts plus the marks jieba treats specially (Latin runs, digits,
# "+#&._%-", CR LF and other spaces), so the property reaches every branch of the cut.
_ALPHABET = sorted({ch for line in all_lines() for ch in line} | set("aZ09+#&._%-\r\n\t 　"))


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_text_is_cut_as_jieba_cuts_it(text: str) -> None:
    assert segment.cut(text) == jieba_words(text)
    assert segment.is_word(text[:2]) == bool(jieba.get_FREQ(text[:2]))


def test_known_cuts() -> None:
    assert segment.cut("乡镇（街道）对对口帮扶") == ["乡镇", "（", "街道", "）", "对", "对口", "帮扶"]
    assert segment.is_word("市场") and not segment.is_word("场对") and not segment.is_word("")


def cut_fresh(monkeypatch: pytest.MonkeyPatch, text: str) -> list[str]:
    monkeypatch.setattr(segment, "_dictionary", None)
    return segment.cut(text)


def test_the_cache_is_built_once_then_read_and_rebuilt_when_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    text = "深入推进依法行政，全市市场主体对对口帮扶工作作风满意"
    expected = jieba_words(text)
    assert cut_fresh(monkeypatch, text) == expected
    (cache,) = tmp_path.glob("words-*.bin")
    parse = segment._parse_source
    monkeypatch.setattr(segment, "_parse_source", lambda source: pytest.fail("dict.txt read again"))
    assert cut_fresh(monkeypatch, text) == expected  # read from the cache
    monkeypatch.setattr(segment, "_parse_source", parse)
    cache.write_bytes(cache.read_bytes()[:-1000])  # truncated
    assert cut_fresh(monkeypatch, text) == expected
    assert len(cache.read_bytes()) > 1_000_000  # rewritten whole
    data = bytearray(cache.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte changed inside a bucket, the length kept
    cache.write_bytes(bytes(data))
    assert cut_fresh(monkeypatch, text) == expected
    assert cache.read_bytes() != bytes(data)  # found damaged and rewritten


def test_without_a_cache_folder_the_dictionary_is_read_into_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CACHE", "")
    text = "对照上年的计划逐项落实"
    assert cut_fresh(monkeypatch, text) == jieba_words(text)
    read_only = tmp_path / "read-only"
    read_only.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE", str(read_only))
    assert cut_fresh(monkeypatch, text) == jieba_words(text)


def test_without_a_home_folder_there_is_no_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """A service account with no HOME and no passwd entry: Path.home() raises; no cache, no traceback."""
    monkeypatch.delenv("DRAFTER_CACHE", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert segment.cache_folder() is None


def test_a_build_with_a_table_does_not_import_jieba(tmp_path: Path) -> None:
    """The table's column widths cut words; a build must not pay for jieba's import and its
    whole dictionary for that."""
    code = ("import sys; from pathlib import Path; from drafter.build import build; "
            f"build(Path({str(ROOT / 'examples' / 'boleshi-2023.yaml')!r}), Path({str(tmp_path / 'x.docx')!r})); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jieba'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "x.docx").stat().st_size > 10_000
