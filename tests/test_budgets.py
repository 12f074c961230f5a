"""Input budgets by what input costs, not by its syntax, and sheet text that can never turn
into a template directive. Each hostile input ends quickly with a Chinese message and its
documented exit code (2 sheet, 4 report), and nothing is written."""

from __future__ import annotations

import base64
import io
import time
import zipfile
from pathlib import Path

import pytest

from drafter.pipeline import draft
from drafter.cli import run
from drafter.writers.docx import write_docx

from .conftest import EXAMPLES

HEAD = "meta: {region: 县, year: 2024}\n"


def drafter(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, float]:
    start = time.perf_counter()
    code = run([str(a) for a in argv])
    elapsed = time.perf_counter() - start
    return code, capsys.readouterr().err, elapsed


def test_a_long_text_aliased_many_times_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """3 MB on disk, 200 million characters once every alias is copied."""
    sheet = tmp_path / "alias.yaml"
    sheet.write_text(HEAD + "intro: &a " + "法" * 1_000_000 + "\nparts:\n"
                     + "".join("  - {kind: plans, text: *a}\n" for _ in range(200)), encoding="utf-8")
    code, err, elapsed = drafter(capsys, "build", sheet, "-o", tmp_path / "out.docx")
    assert code == 2 and err.strip() == f"错误：{sheet}：别名（&、*）展开后内容过多，疑似恶意构造的文件，已拒绝"
    assert elapsed < 15 and not (tmp_path / "out.docx").exists()


def test_a_sheet_within_the_budget_still_uses_aliases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "ok.yaml"
    sheet.write_text(HEAD + "parts:\n  - {kind: plans, title: &t 重点工作, text: 无。}\n  - {kind: other, title: *t, text: 无。}\n",
                     encoding="utf-8")
    assert drafter(capsys, "build", sheet, "-o", tmp_path / "out.docx")[0] == 0


def minimal_docx() -> bytes:
    return write_docx(draft(EXAMPLES / "minimal.yaml").document)


def rezipped(source: bytes, replace: dict[str, bytes] | None = None, add_zeros: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info, (replace or {}).get(info.filename, original.read(info)))
        if add_zeros:
            with archive.open("word/media/image1.png", "w", force_zip64=True) as stream:
                chunk = bytes(1 << 20)
                for _ in range(add_zeros):
                    stream.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("command", ["check", "import", "outline"])
def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     command: str) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(rezipped(minimal_docx(), add_zeros=210))
    assert bomb.stat().st_size < 1024 * 1024
    code, err, elapsed = drafter(capsys, command, bomb, *(["-o", tmp_path / "s.yaml"] if command == "import" else []))
    assert code == 4 and err.strip() == f"错误：{bomb}：文档解压后超过 200 MB（压缩包炸弹？），已拒绝"
    assert elapsed < 15 and not (tmp_path / "s.yaml").exists()


def test_a_paragraph_flood_is_refused_before_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = minimal_docx()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        body = archive.read("word/document.xml")
    cut = body.index(b"<w:body>") + len(b"<w:body>")
    flood = tmp_path / "flood.docx"
    flood.write_bytes(rezipped(source, {"word/document.xml": body[:cut] + b"<w:p/>" * 300_000 + body[cut:]}))
    assert flood.stat().st_size < 1024 * 1024
    code, err, elapsed = drafter(capsys, "import", flood, "-o", tmp_path / "s.yaml")
    assert code == 4 and "段落（一份年度报告只有几百段），不像一份年度报告，已拒绝" in err and "300,0" in err
    assert elapsed < 15 and not (tmp_path / "s.yaml").exists()


def test_an_oversized_part_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = minimal_docx()
    big = tmp_path / "big.docx"
    big.write_bytes(rezipped(source, {"word/styles.xml": b"<w:styles>" + b" " * (21 * 1024 * 1024) + b"</w:styles>"}))
    code, err, _ = drafter(capsys, "check", big)
    assert code == 4 and "文档的“word/styles.xml”解压后超过 20 MB，不像一份年度报告，已拒绝" in err


def directive_sheet(tmp_path: Path, text_yaml: str, extra: str = "") -> Path:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(HEAD + extra + "parts:\n  - kind: plans\n    text: " + text_yaml + "\n", encoding="utf-8")
    return sheet


FORGED = "::h1 伪造的标题"


@pytest.mark.parametrize("text_yaml, message", [
    (f"!!binary {base64.b64encode(FORGED.encode()).decode()}", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    (f"!!binary {base64.b64encode(('正文' + chr(10) + FORGED).encode()).decode()}", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    ("!!set {a, b}", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    ("!!omap [a: 1]", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    ("!!pairs [a: 1]", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    ("!!timestamp 2024-01-01", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    ('":"', "第4行，“parts[1].text”：文字不能以“::”开头"),
    ("!!python/object:os.system x", "第4行：YAML 格式错误：不允许的 YAML 标签"),
    (f'"{FORGED}"', "第4行，“parts[1].text”：文字不能以“::”开头"),
    (f"!!str '{FORGED}'", "第4行，“parts[1].text”：文字不能以“::”开头"),
    (f"|\n      {FORGED}", "第4行，“parts[1].text”：文字不能以“::”开头"),
])
def test_sheet_text_never_becomes_a_directive(tmp_path: Path, capsys: pytest.CaptureFixture[str], text_yaml: str,
                                              message: str) -> None:
    sheet = directive_sheet(tmp_path, text_yaml)
    code, err, _ = drafter(capsys, "build", sheet, "-o", tmp_path / "out.docx")
    assert code == 2 and message in err, err
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("extra, field", [
    ('figures:\n  案件: {value: 3, unit: "件\\n::h1 伪造"}\n', "figures.案件.unit"),
    ('figures:\n  案件: {value: 3, unit: "件\\u2028::closing 伪造"}\n', "figures.案件.unit"),
    ('figures:\n  "::h1 伪造": {value: 3}\n', "figures"),
    ('figures:\n  案件: {value: 3, unit: ":"}\n', "figures.案件.unit"),
])
def test_text_outside_the_cleaned_fields_cannot_become_a_directive_either(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, field: str) -> None:
    """Figure units and names are not paragraph text, but a template may print them: every
    string handed to a template is checked, whatever field it came from."""
    sheet = directive_sheet(tmp_path, "无。", extra)
    code, err, _ = drafter(capsys, "build", sheet, "-o", tmp_path / "out.docx")
    if code == 0:  # the sheet folded the line break: the text stays inside its sentence
        document = draft(sheet).document
        assert all("伪造" not in line for line in [*(h.text for h in document.headings()), *document.closing])
    else:
        assert code == 2 and f"“{field}”：文字不能" in err and "“::”开头（那是模板指令的写法）" in err, err


def test_a_directive_inside_a_paragraph_stays_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A line break inside a paragraph is folded, so its second line cannot start a directive."""
    import docx

    sheet = directive_sheet(tmp_path, f"|\n      正文\n      {FORGED}\n      ::closing 伪造的附注")
    assert drafter(capsys, "build", sheet, "-o", tmp_path / "out.docx")[0] == 0
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert any(text == f"正文{FORGED}::closing 伪造的附注" for _, text in paragraphs)
    assert not any(text.endswith("伪造的标题") and text != f"正文{FORGED}::closing 伪造的附注" for _, text in paragraphs)
