"""Write the report fixtures of tests/fuzz/reports (run once; the files are kept in the repository).

Each file is one input class from the robustness review: odd tables, headings numbered from
零, control characters, odd Word structures, other encodings. ``python -m tests.fuzz.make_reports``.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.script import convert_text

HERE = Path(__file__).parent / "reports"
BODY = "测试县2024年法治政府建设情况报告\n一、主要举措和成效\n全面推进依法行政。\n二、存在的不足\n一是学法不够。\n三、下一年度安排\n继续推进。\n"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content.encode(encoding))


def word(name: str, build) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document()
    document.add_paragraph("测试县2024年法治政府建设情况报告")
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("全面推进依法行政。")
    build(document)
    document.add_paragraph("二、下一年度安排")
    document.add_paragraph("继续推进。")
    document.save(str(HERE / name))


def table(rows: list[list[str]]):  # type: ignore[no-untyped-def]
    def build(document: docx.document.Document) -> None:
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    return build


def empty_tbl(document: docx.document.Document) -> None:
    tbl = OxmlElement("w:tbl")
    tbl.append(OxmlElement("w:tblPr"))
    tbl.append(OxmlElement("w:tblGrid"))
    document.element.body.append(tbl)


def rows_without_cells(document: docx.document.Document) -> None:
    grid = document.add_table(rows=2, cols=1)
    for tr in grid._tbl.tr_lst:
        for tc in tr.tc_lst:
            tr.remove(tc)


def outline_level(value: str | None):  # type: ignore[no-untyped-def]
    def build(document: docx.document.Document) -> None:
        style = document.styles.add_style("奇怪标题", 1)
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        if value is not None:
            level.set(qn("w:val"), value)
        ppr.append(level)
        document.add_paragraph("（一）奇怪的标题", style="奇怪标题")
    return build


def main() -> None:
    HERE.mkdir(exist_ok=True)
    text("zero-headings.txt", "测试县2024年法治政府建设情况报告\n零、总体情况\n（零）基本情况\n全面推进。\n一、主要举措\n继续。\n")
    text("colon-colon-line.txt", BODY.replace("全面推进依法行政。", "::heading 1\n全面推进依法行政。"))
    text("control-characters.txt", BODY.replace("全面推进", "全面\x07推\x1b进\x0c"))
    text("whitespace-title.txt", "   \u3000 \n" + BODY)
    text("lone-colon.txt", "：\n" + BODY)
    text("table-only.txt", "测试县2024年法治政府建设情况报告\n项目\t数量\n复议\t35件\n")
    text("impossible-date.txt", BODY + "测试县人民政府\n2025年2月30日\n")
    text("heading-without-words.txt", BODY.replace("二、存在的不足", "??（一）。—"))
    text("braces.txt", BODY.replace("全面推进依法行政。", "推行“{互联网+监管}”模式，{ 复议案件 }办理。"))
    text("headings-10000.txt", "测试县2024年法治政府建设情况报告\n"
         + "".join(f"{n}、第{n}部分\n正文。\n" for n in _numerals(10000)))
    text("tab-table-empty-header.txt", BODY.replace("全面推进依法行政。", "主要数据\n\t数量\n行政复议\t35件\n案卷评查\t120卷"))
    text("big5.txt", convert_text(BODY, "s2t"), "cp950")
    text("utf16-le.txt", BODY, "utf-16")
    text("utf16-be-nobom.txt", BODY, "utf-16-be")
    text("gb18030.txt", BODY, "gb18030")
    (HERE / "not-a-report.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    word("table-empty-header-cell.docx", table([["项目", ""], ["行政复议", "35件"], ["案卷评查", "120卷"]]))
    word("table-header-only.docx", table([["项目", "数量"]]))
    word("table-all-empty.docx", table([["", ""], ["", ""]]))
    word("table-rows-without-cells.docx", rows_without_cells)
    word("empty-w-tbl.docx", empty_tbl)
    word("outline-level-not-a-number.docx", outline_level("abc"))
    word("outline-level-missing-value.docx", outline_level(None))
    word("outline-level-huge.docx", outline_level("99999999999999999999"))
    word("invisible-characters.docx", lambda d: d.add_paragraph("含有\u200b零宽字符和\ufeff的段落"))
    _retyped_date()


def _numerals(count: int) -> list[str]:
    from drafter.numbering import chinese_numeral

    return [chinese_numeral(n) for n in range(1, count + 1)]


def _retyped_date() -> None:
    """A drafter draft whose date a clerk retyped in Chinese numerals (二〇二四年三月二十日)."""
    from drafter.pipeline import draft
    from drafter.writers.docx import write_docx

    examples = Path(__file__).parents[2] / "examples"
    document = docx.Document(io.BytesIO(write_docx(draft(examples / "boleshi-2023.yaml").document)))
    for paragraph in document.paragraphs:
        if paragraph.style.style_id == "DocDate":
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = "二〇二四年三月二十日"
    document.save(str(HERE / "drafter-draft-retyped-date.docx"))


if __name__ == "__main__":
    main()
