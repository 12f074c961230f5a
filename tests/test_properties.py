"""Property tests (hypothesis): whatever a clerk types, drafter builds or says why, never crashes.

Default run: 150 examples per property (600 in all). CI's slow job runs the same properties
with ``--hypothesis-profile=slow``: 3,000 each, 12,000 in all.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from drafter.cli import run
from drafter.errors import DrafterError
from drafter.model import Paragraph, Table
from drafter.readers.sheet import read_sheet
from drafter.pipeline import pack_for
from drafter.render import render
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

from .conftest import SHEETS

pytestmark = pytest.mark.properties

# Every character class a sheet may meet: CJK (also rare: Extension B, compatibility), Latin,
# digits, punctuation, emoji, right-to-left marks, zero-width and combining characters.
# Not the ones XML cannot hold (C0 controls, U+FFFE/FFFF) nor lone surrogates: those are
# refused by the sheet reader, which the next property covers.
WIDE = st.sampled_from("法治政府建设一二三〇（）“”《》、，。；：！？…—·𠀀𪚥𫝆豈兀")
TEXT_CHARS = st.one_of(
    WIDE, WIDE, WIDE,
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs", "Mn", "Cf"]),
    st.sampled_from(["\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "😀", "👨", "\t", "\u3000", "\xa0"]),
)
TEXT = st.text(TEXT_CHARS, min_size=1, max_size=30).filter(lambda t: t.strip() not in ("", ":") and not t.lstrip().startswith("::"))


def items() -> st.SearchStrategy:
    return st.lists(st.one_of(TEXT, st.fixed_dictionaries({"text": TEXT}, optional={"lead": TEXT})), max_size=3)


def section(children: st.SearchStrategy | None) -> st.SearchStrategy:
    optional = {"text": st.lists(TEXT, max_size=2), "items": items(), "run_in": st.booleans(),
                "items_style": st.sampled_from(["ordinal", "dash", "arabic"]), "items_inline": st.booleans(),
                "after": st.lists(TEXT, max_size=1)}
    if children is not None:
        optional["sections"] = st.lists(children, max_size=2)
    return st.fixed_dictionaries({"title": TEXT}, optional=optional)


# parts hold sections three deep at most: the four heading levels of GB/T 9704
LEVEL4 = section(None)
LEVEL3 = section(LEVEL4)
LEVEL2 = section(LEVEL3)
PART = st.fixed_dictionaries(
    {"kind": st.sampled_from(["achievements", "responsibility", "shortcomings", "plans", "other"])},
    optional={"title": TEXT, "text": st.lists(TEXT, max_size=2), "items": items(), "sections": st.lists(LEVEL2, max_size=3),
              "table": st.fixed_dictionaries({"columns": st.lists(TEXT, min_size=1, max_size=3)}).flatmap(
                  lambda t: st.fixed_dictionaries({"columns": st.just(t["columns"]), "rows": st.lists(
                      st.lists(TEXT, min_size=len(t["columns"]), max_size=len(t["columns"])), min_size=1, max_size=2)}))},
)
SHEET = st.fixed_dictionaries(
    {"meta": st.fixed_dictionaries({"region": TEXT, "year": st.integers(1990, 2100)},
                                   optional={"addressee": TEXT, "issuer": TEXT, "byline": TEXT,
                                             "closing": st.lists(TEXT, max_size=2),
                                             "title": st.lists(TEXT, min_size=1, max_size=2)}),
     "parts": st.lists(PART, min_size=1, max_size=3)},
    optional={"intro": st.lists(TEXT, max_size=2), "conclusion": st.lists(TEXT, max_size=1)},
)


@given(SHEET)
def test_a_valid_sheet_always_builds_a_docx_that_reads_back_with_the_same_text(data: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            sheet = read_sheet(path)
        except DrafterError:
            assume(False)  # e.g. a text that is only spaces: invalid, and said so (next property)
            return
    document = render(sheet, pack_for(sheet))
    written = docx.Document(io.BytesIO(write_docx(document)))
    rows = [[cell.text for cell in row.cells] for table in written.tables for row in table.rows]
    expected_rows = [row for block in document.body if isinstance(block, Table) for row in [block.header, *block.rows]]
    assert rows == expected_rows
    # Outside tables the .docx holds the text writer's lines; a table keeps only its caption there.
    without_tables = dataclasses.replace(document, body=[
        Paragraph(block.caption) if isinstance(block, Table) else block
        for block in document.body if not (isinstance(block, Table) and not block.caption)])
    expected = [line for line in write_text(without_tables).splitlines() if line]
    paragraphs = [p.text for p in written.paragraphs]
    if len(document.title) == 1:  # a one-line title the .docx breaks to fit the 版心 (drafter.title)
        title = [p.text for p in written.paragraphs if p.style.style_id == "DocTitle"]
        paragraphs = ["".join(title)] * bool(title) + paragraphs[len(title):]
    assert paragraphs == expected


def _assert_refused(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["check", str(path)])
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.err.startswith("错误：") and "Traceback" not in captured.out + captured.err


@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_with_a_message(capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_bytes(data)
        _assert_refused(path, capsys)


@given(st.text(max_size=400))
def test_random_text_is_refused_with_a_message(capsys: pytest.CaptureFixture[str], text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _assert_refused(path, capsys)


CANONICAL = (SHEETS / "canonical.yaml").read_text(encoding="utf-8")


@given(st.lists(st.tuples(st.integers(0, len(CANONICAL)), st.integers(0, 8), st.text(max_size=4)), min_size=1,
                max_size=4))
def test_a_damaged_sheet_is_either_fine_or_refused_never_a_crash(capsys: pytest.CaptureFixture[str],
                                                                 edits: list[tuple[int, int, str]]) -> None:
    text = CANONICAL
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        code = run(["build", str(path), "-o", str(Path(folder) / "d.docx")])
        captured = capsys.readouterr()
        assert code in (0, 2), captured
        assert "Traceback" not in captured.out + captured.err and "内部错误" not in captured.err
        if code == 2:
            assert not (Path(folder) / "d.docx").exists()
