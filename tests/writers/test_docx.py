"""The .docx read back with python-docx: layout per GB/T 9704-2012, numbering, footer, signature."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from drafter.pipeline import draft
from drafter.writers.text import write_text

from ..conftest import EXAMPLES, SHEETS, built

Document = docx.document.Document


@pytest.fixture(scope="module")
def twelve() -> Document:
    return built(SHEETS / "twelve-sections.yaml")


def fonts(style) -> dict[str, str]:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return {name: rfonts.get(qn(f"w:{name}")) for name in ("eastAsia", "ascii", "hAnsi")} | {
        "theme": any(rfonts.get(qn(f"w:{a}")) for a in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme"))
    }


def by_style(doc: Document, name: str) -> list:
    return [p for p in doc.paragraphs if p.style.name == name]


def test_page_is_a4_with_the_standard_margins(twelve: Document) -> None:
    section = twelve.sections[0]
    measured = [round(x.mm, 1) for x in (section.page_width, section.page_height, section.top_margin,
                                          section.bottom_margin, section.left_margin, section.right_margin)]
    assert measured == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]


def test_grid_gives_22_lines_of_fixed_pitch(twelve: Document) -> None:
    grid = twelve.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "公文标题"):
        fmt = twelve.styles[name].paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY, name
        assert fmt.line_spacing.twips == 579, name
    assert 579 * 22 <= round(twelve.sections[0].page_height.twips - twelve.sections[0].top_margin.twips
                              - twelve.sections[0].bottom_margin.twips) < 579 * 23


def test_body_type_is_condensed_to_28_characters_a_line(twelve: Document) -> None:
    for name in ("Normal", "Heading 1", "Heading 2"):
        spacing = twelve.styles[name].element.rPr.find(qn("w:spacing"))
        assert spacing is not None and spacing.get(qn("w:val")) == "-5", name
    # The text width and the character pitch as the file gives them: exactly 28 characters fit.
    section = twelve.sections[0]
    text_width = Length(section.page_width - section.left_margin - section.right_margin).pt
    pitch = twelve.styles["Normal"].font.size.pt + int(spacing.get(qn("w:val"))) / 20
    assert 28 * pitch <= text_width < 29 * pitch


@pytest.mark.parametrize(
    "style, east_asian, size, bold",
    [
        ("Normal", "仿宋_GB2312", 16, False),
        ("公文标题", "方正小标宋简体", 22, False),
        ("Heading 1", "黑体", 16, False),
        ("Heading 2", "楷体_GB2312", 16, True),
        ("Heading 3", "仿宋_GB2312", 16, True),
        ("Heading 4", "仿宋_GB2312", 16, False),
        ("标题后正文", "仿宋_GB2312", 16, False),
    ],
)
def test_fonts_per_role_are_set_for_chinese_text(twelve: Document, style: str, east_asian: str, size: int,
                                                  bold: bool) -> None:
    s = twelve.styles[style]
    assert fonts(s) == {"eastAsia": east_asian, "ascii": "Times New Roman", "hAnsi": "Times New Roman", "theme": False}
    assert s.font.size == Pt(size) and bool(s.font.bold) is bold
    assert s.font.color.rgb == docx.shared.RGBColor(0, 0, 0)


def test_document_defaults_are_chinese_16pt(twelve: Document) -> None:
    rpr = twelve.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"


def test_headings_use_word_heading_styles_with_outline_levels(twelve: Document) -> None:
    for level in (1, 2, 3, 4):
        outline = twelve.styles[f"Heading {level}"].element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)
    level1 = [p.text for p in by_style(twelve, "Heading 1")]
    assert [t.split("、")[0] for t in level1] == "一 二 三 四 五 六 七 八 九 十 十一 十二".split()
    level2 = [p.text for p in by_style(twelve, "Heading 2")]
    assert [t[: t.index("）") + 1] for t in level2][9:] == ["（十）", "（十一）", "（十二）"]
    assert [p.text for p in by_style(twelve, "Heading 3")] == ["1.三级甲", "2.三级乙。一是条目一。二是条目二。"]
    assert [p.text for p in by_style(twelve, "Heading 4")] == ["（1）四级甲。四级正文。", "（2）四级乙。四级正文。"]


def test_body_paragraphs_are_indented_two_characters(twelve: Document) -> None:
    for name in ("Normal", "Heading 1", "Heading 2"):
        assert twelve.styles[name].paragraph_format.first_line_indent == Pt(32)


def test_run_in_heading_sets_its_body_in_the_body_style(twelve: Document) -> None:
    paragraph = next(p for p in by_style(twelve, "Heading 2") if p.text.startswith("（一）"))
    heading_run, body_run = paragraph.runs
    assert heading_run.text == "（一）第1节。" and heading_run.style.name == "Default Paragraph Font"
    assert body_run.text == "正文1" and body_run.style.name == "标题后正文"
    assert twelve.styles["标题后正文"].font.bold is False
    assert paragraph.paragraph_format.keep_with_next is False


def test_item_leads_have_their_own_character_style(twelve: Document) -> None:
    paragraph = next(p for p in twelve.paragraphs if p.text.startswith("——强化政治引领"))
    assert [(r.text, r.style.name) for r in paragraph.runs] == [
        ("——", "Default Paragraph Font"), ("强化政治引领。", "条目小标题"), ("带头学法。", "Default Paragraph Font")
    ]


def test_title_addressee_and_body_order(twelve: Document) -> None:
    title, addressee, intro = twelve.paragraphs[:3]
    assert (title.style.name, title.text) == ("公文标题", "测试县2024年法治政府建设情况报告")
    assert twelve.styles["公文标题"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.paragraph_format.space_after.twips == 579  # 标题下空一行
    assert (addressee.style.name, addressee.text) == ("主送机关", "测试市人民政府：")
    assert twelve.styles["主送机关"].paragraph_format.first_line_indent == 0
    assert intro.text == "导语。"


def test_signature_issuer_centred_over_the_date_four_characters_from_the_right(twelve: Document) -> None:
    [issuer] = by_style(twelve, "发文机关署名")
    [date] = by_style(twelve, "成文日期")
    elements = [p._p for p in twelve.paragraphs]
    assert elements.index(issuer._p) + 1 == elements.index(date._p)
    assert (issuer.text, date.text) == ("测试县人民政府", "2025年3月15日")
    assert twelve.styles["成文日期"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert twelve.styles["成文日期"].paragraph_format.right_indent == Pt(64)
    # date: 3 CJK + 7 digits = 104 pt wide; issuer: 7 CJK = 112 pt → issuer indent 64 + (104 − 112) / 2
    assert issuer.paragraph_format.right_indent == Pt(60)
    assert issuer.paragraph_format.space_before.twips == 2 * 579
    assert [p.text for p in by_style(twelve, "文末附注")] == ["审核人：张三"]


def test_page_numbers_are_dashed_fields_on_the_outer_side(twelve: Document) -> None:
    section = twelve.sections[0]
    assert twelve.settings.odd_and_even_pages_header_footer is True
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                            WD_ALIGN_PARAGRAPH.LEFT)):
        [paragraph] = footer.paragraphs
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
        assert paragraph.text == "— 1 —"
        assert paragraph.paragraph_format.alignment == alignment
    assert section.footer.paragraphs[0].paragraph_format.right_indent == Pt(14)
    assert section.even_page_footer.paragraphs[0].paragraph_format.left_indent == Pt(14)
    footer_style = twelve.styles["Footer"]
    assert fonts(footer_style)["eastAsia"] == "宋体" and footer_style.font.size == Pt(14)


def test_tables_are_gridded_with_a_caption(complete_docx: Document) -> None:
    [table] = complete_docx.tables
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["项目", "数量"]
    assert [c.text for c in table.rows[1].cells] == ["各类法治培训班", "80期"]
    assert "2023年法治政府建设主要数据" in [p.text for p in by_style(complete_docx, "表题")]


def test_docx_text_is_the_text_writer_text() -> None:
    for sheet in (SHEETS / "twelve-sections.yaml", EXAMPLES / "boleshi-2023.yaml"):
        document = draft(sheet).document
        expected = [line for line in write_text(document).splitlines() if line and "\t" not in line]
        table_text = {c.text for t in built(sheet).tables for r in t.rows for c in r.cells}
        got = [p.text for p in built(sheet).paragraphs]
        assert got == [line for line in expected if line not in table_text]


def test_core_properties_name_the_report(complete_docx: Document) -> None:
    props = complete_docx.core_properties
    assert props.title == "博乐市2023年法治政府建设情况报告"
    assert props.author == "博乐市人民政府"
    assert props.created.year >= 2024
