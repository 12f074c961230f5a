"""Odd reports a clerk or another program produces: each imports to a sheet that builds, or is
refused with a Chinese message and exit code 4 — never an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.build import build
from drafter.cli import run
from drafter.readers.sheet import read_sheet

HEAD = "示范县2024年法治政府建设情况报告\n示范市人民政府：\n"


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = run([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def imported(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[str, str]:
    """Import, then build the sheet: both must succeed. The import's output and the sheet text."""
    sheet = path.with_suffix(".yaml")
    code, out, err = cli(capsys, "import", path, "-o", sheet)
    assert code == 0, err
    assert "内部错误" not in out + err
    build(sheet, path.with_name("draft.docx"))
    for command in (["outline", path], ["check", path]):
        code, out, err = cli(capsys, *command)
        assert code in (0, 1) and "内部错误" not in out + err
    code, out, _ = cli(capsys, "check", "--format", "json", path)
    assert code in (0, 1) and json.loads(out)["valid"] is True
    return out, sheet.read_text(encoding="utf-8")


def text_report(tmp_path: Path, body: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_zero_headings_are_renumbered_with_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = text_report(tmp_path, "零、总体情况\n全年工作。\n一、主要举措\n（零）小节\n正文。\n")
    imported(capsys, path)
    sheet = read_sheet(path.with_suffix(".yaml"))
    assert [p.title for p in sheet.parts] == ["总体情况", "主要举措"]
    code, out, _ = cli(capsys, "import", path, "-o", tmp_path / "again.yaml")
    assert "第3行：序号“零、”处应为“一、”（序号从一编起），已重新编号" in out


def test_a_line_starting_with_colons_is_not_a_directive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, text = imported(capsys, text_report(tmp_path, "一、主要举措\n::h1 不是指令。\n"))
    assert "：：h1不是指令。" in text


def test_control_characters_are_removed_and_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, text = imported(capsys, text_report(tmp_path, "一、主要举措\n正文\x07有控制符\x1b。\n"))
    assert "正文有控制符。" in text and "删去无法写入 Word 的控制字符：2处（第4行）" in text


def test_blank_title_lines_and_a_lone_colon(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("   \n\u3000\u3000\n：\n一、主要举措\n正文。\n", encoding="utf-8")
    imported(capsys, path)
    sheet = read_sheet(path.with_suffix(".yaml"))
    assert sheet.meta.addressee is None and sheet.intro == ["："]


def test_braces_in_the_text_do_not_become_figure_references(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    _, text = imported(capsys, text_report(tmp_path, "一、主要举措\n推进{互联网+监管}工作。\n"))
    assert "推进｛互联网+监管｝工作。" in text


@pytest.mark.parametrize("typed", ["二〇二五年三月二十日", "二○二五年三月二十日"])
def test_a_date_in_chinese_numerals(capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str) -> None:
    path = text_report(tmp_path, f"一、主要举措\n正文。\n示范县人民政府\n{typed}\n")
    imported(capsys, path)
    sheet = read_sheet(path.with_suffix(".yaml"))
    assert (sheet.meta.issuer, str(sheet.meta.date)) == ("示范县人民政府", "2025-03-20")


def test_a_drafter_draft_whose_date_was_retyped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta: {region: 示范县, year: 2024, issuer: 示范县人民政府, date: 2025-03-20}\n"
                     "parts: [{kind: achievements, text: 正文。}]\n", encoding="utf-8")
    _, draft, _ = build(sheet, tmp_path / "draft.docx")
    document = docx.Document(draft)
    [date] = [p for p in document.paragraphs if p.text == "2025年3月20日"]
    date.runs[0].text = "二〇二五年三月二十日"
    for extra in date.runs[1:]:
        extra.text = ""
    document.save(draft)
    imported(capsys, draft)
    assert str(read_sheet(draft.with_suffix(".yaml")).meta.date) == "2025-03-20"


def word_file(tmp_path: Path, change: object) -> Path:
    document = docx.Document()
    document.add_paragraph("示范县2024年法治政府建设情况报告")
    document.add_paragraph("一、主要举措")
    change(document)  # type: ignore[operator]
    document.add_paragraph("全年办结案件12件。")
    path = tmp_path / "report.docx"
    document.save(path)
    return path


def empty_header_cell(document: docx.document.Document) -> None:
    table = document.add_table(rows=3, cols=3)
    for (row, col), text in {(0, 1): "指标", (0, 2): "数值", (1, 0): "复议", (1, 1): "案件", (1, 2): "12"}.items():
        table.cell(row, col).text = text


def header_only(document: docx.document.Document) -> None:
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"


def empty_tbl(document: docx.document.Document) -> None:
    document.element.body.append(OxmlElement("w:tbl"))


def outline_level(value: str | None) -> object:
    def change(document: docx.document.Document) -> None:
        paragraph = document.add_paragraph("（一）小节标题")
        outline = OxmlElement("w:outlineLvl")
        if value is not None:
            outline.set(qn("w:val"), value)
        paragraph._p.get_or_add_pPr().append(outline)
    return change


def test_a_table_with_an_empty_header_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = word_file(tmp_path, empty_header_cell)
    imported(capsys, path)
    table = read_sheet(path.with_suffix(".yaml")).parts[0].table
    assert table is not None and (table.columns, table.rows) == (["", "指标", "数值"], [["复议", "案件", "12"]])


@pytest.mark.parametrize("change, message", [
    (header_only, "只有一行的表格已作为段落保留，请核对"),
    (empty_tbl, "空表格（没有文字）已略去"),
], ids=["no data rows", "empty w:tbl"])
def test_tables_without_data(capsys: pytest.CaptureFixture[str], tmp_path: Path, change: object, message: str) -> None:
    out, _ = imported(capsys, word_file(tmp_path, change))
    code, out, _ = cli(capsys, "import", tmp_path / "report.docx", "-o", tmp_path / "again.yaml")
    assert message in out


@pytest.mark.parametrize("value", ["x", None, "12"], ids=["non-numeric", "missing", "out of range"])
def test_odd_outline_levels_are_ignored(capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str | None) -> None:
    path = word_file(tmp_path, outline_level(value))
    imported(capsys, path)
    assert read_sheet(path.with_suffix(".yaml")).parts[0].sections[0].title == "小节标题"


def test_ten_thousand_level_one_headings_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from drafter.numbering import chinese_numeral

    path = text_report(tmp_path, "\n".join(f"{chinese_numeral(n)}、标题{n}\n正文。" for n in range(1, 10000)))
    for command in ("import", "outline", "check"):
        code, out, err = cli(capsys, command, path)
        assert code == 4 and "同一级标题超过999个，不像一份年度报告" in err, (command, out, err)
    code, out, _ = cli(capsys, "check", "--format", "json", path)
    assert code == 4 and "同一级标题超过999个" in json.loads(out)["problems"][0]["message"]


EDITS = {  # a paragraph of a drafter draft (by style id) retyped by a clerk, and what import must make of it
    "blank title": ("DocTitle", "   ", lambda s: s.meta.title == []),
    "lone colon as addressee": ("Addressee", "：", lambda s: s.meta.addressee is None),
    "braces in a heading": ("Heading2", "（一）推进{互联网+监管}", lambda s: "推进｛互联网+监管｝" in str(s.model_dump())),
    "directive-like heading": ("Heading2", "::h1 x", lambda s: "：：h1 x" in str(s.model_dump())),
    "blank issuer": ("Issuer", " ", lambda s: s.meta.issuer is None),
    "date in Chinese numerals": ("DocDate", "二〇二五年三月二十日", lambda s: str(s.meta.date) == "2025-03-20"),
    "date that is no date": ("DocDate", "明天", lambda s: s.meta.date is None and s.meta.closing[0] == "明天"
                             and s.meta.issuer == "示范县人民政府"),
    "heading with no words": ("Heading1", "一、", lambda s: len(s.parts) >= 1),
    "zero heading": ("Heading2", "（零）小节", lambda s: "小节" in str(s.model_dump())),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_drafter_draft_edited_by_hand(capsys: pytest.CaptureFixture[str], tmp_path: Path, edit: str) -> None:
    style, text, expect = EDITS[edit]
    _, draft, _ = build(Path(__file__).parent / "imports" / "attachments-habits.yaml", tmp_path / "draft.docx")
    document = docx.Document(draft)
    paragraph = next(p for p in document.paragraphs if p.style.style_id == style)
    for extra in paragraph.runs[1:]:
        extra.text = ""
    paragraph.runs[0].text = text
    document.save(draft)
    imported(capsys, draft)
    assert expect(read_sheet(draft.with_suffix(".yaml")))


@pytest.mark.parametrize("body", [
    "一、::\n正文。", "一、主要举措\n一是\n二是", "一、主要举措\n正文。一是加强领导。二是", "一、主要举措\n（一）。正文。",
], ids=["colons after a marker", "bare ordinals", "trailing ordinal", "run-in heading without words"])
def test_markers_with_nothing_after_them(capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str) -> None:
    imported(capsys, text_report(tmp_path, body + "\n"))


def test_a_text_table_with_an_empty_corner_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = text_report(tmp_path, "一、主要举措\n主要数据\n\t本年\t上年\n复议案件\t31\t28\n正文。\n")
    imported(capsys, path)
    table = read_sheet(path.with_suffix(".yaml")).parts[0].table
    assert table is not None and (table.caption, table.columns, table.rows) == ("主要数据", ["", "本年", "上年"],
                                                                                [["复议案件", "31", "28"]])
