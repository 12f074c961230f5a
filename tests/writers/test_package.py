"""The .docx package read back part by part: what Word, WPS and LibreOffice are told before any
layout happens (fonts and their substitutes, languages, line breaking, tables, the reference
document drafter ships)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml.ns import qn

from drafter.build import build
from drafter.pipeline import draft
from drafter.style import FACES, GB9704, NO_LINE_START, TRADITIONAL_FACES
from drafter.title import break_title, splits_word, title_findings
from drafter.writers.docx import REFERENCE, column_widths, reference_docx, write_docx

from ..conftest import EXAMPLES, SHEETS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def package() -> dict[str, bytes]:
    return parts(write_docx(draft(EXAMPLES / "boleshi-2023.yaml").document))


def test_the_shipped_reference_document_is_generated_from_the_style() -> None:
    assert REFERENCE.read_bytes() == reference_docx(GB9704), "run: python -m drafter.writers.docx"


def test_no_stale_parts_and_an_honest_app_xml(package: dict[str, bytes]) -> None:
    names = set(package)
    assert not {n for n in names if "stylesWithEffects" in n or "thumbnail" in n or n.startswith("customXml")}
    app = package["docProps/app.xml"].decode()
    assert "<Application>drafter</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app


def test_chinese_theme_language_and_no_japanese_fonts(package: dict[str, bytes]) -> None:
    for name in ("word/settings.xml", "word/styles.xml", "word/theme/theme1.xml", "word/fontTable.xml"):
        text = package[name].decode()
        assert "ja-JP" not in text and "Jpan" not in text and "ＭＳ" not in text, name
    settings = docx.Document(io.BytesIO(write_docx(draft(EXAMPLES / "minimal.yaml").document))).settings.element
    assert settings.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    before = settings.find(qn("w:noLineBreaksBefore"))
    assert before.get(qn("w:lang")) == "zh-CN" and set("。，、；：？！”’）》") <= set(before.get(qn("w:val")))
    assert set("“‘（《") <= set(settings.find(qn("w:noLineBreaksAfter")).get(qn("w:val")))
    assert not set("“‘（《") & set(NO_LINE_START)


def test_the_font_table_names_every_face_used_with_its_substitute(package: dict[str, bytes]) -> None:
    xml = package["word/styles.xml"].decode() + package["word/document.xml"].decode()
    used = {name for fonts in re.findall(r"<w:rFonts [^>]*>", xml)
            for name in re.findall(r'w:(?:ascii|hAnsi|eastAsia)="([^"]+)"', fonts)}
    table = {font.get(qn("w:name")): font for font in
             docx.oxml.parse_xml(package["word/fontTable.xml"]).iter(qn("w:font"))}
    used.discard("Courier")  # only in python-docx's unused "Macro Text" style
    assert used <= set(table), used - set(table)
    assert table["仿宋_GB2312"].find(qn("w:altName")).get(qn("w:val")) == "仿宋"
    assert table["楷体_GB2312"].find(qn("w:altName")).get(qn("w:val")) == "楷体"
    assert "宋" in table["方正小标宋简体"].find(qn("w:altName")).get(qn("w:val"))
    for name in ("仿宋_GB2312", "黑体", "方正小标宋简体"):
        assert table[name].find(qn("w:charset")).get(qn("w:val")) == "86"
        assert len(table[name].find(qn("w:panose1")).get(qn("w:val"))) == 20
    assert table["Times New Roman"].find(qn("w:family")).get(qn("w:val")) == "roman"


def test_every_paragraph_style_lets_22_lines_fill_a_page(package: dict[str, bytes]) -> None:
    styles = docx.oxml.parse_xml(package["word/styles.xml"])
    defaults = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert defaults.find(f"{W}widowControl").get(qn("w:val")) == "0"
    assert defaults.find(f"{W}overflowPunct").get(qn("w:val")) == "1"
    assert defaults.find(f"{W}kinsoku").get(qn("w:val")) == "1"
    document = docx.Document(io.BytesIO(write_docx(draft(EXAMPLES / "boleshi-2023.yaml").document)))
    used = {p.style.name for p in document.paragraphs}
    for style in document.styles:
        if style.name in used:
            assert style.paragraph_format.widow_control is False, style.name
    assert document.styles["Heading 1"].paragraph_format.keep_with_next
    title = document.styles["公文标题"].element.pPr
    assert title.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"


def test_the_signature_block_keeps_with_the_last_lines_of_the_body() -> None:
    document = docx.Document(io.BytesIO(write_docx(draft(EXAMPLES / "boleshi-2023.yaml").document)))
    paragraphs = document.paragraphs
    issuer = next(i for i, p in enumerate(paragraphs) if p.style.name == "发文机关署名")
    last_body = paragraphs[issuer - 1].paragraph_format
    assert last_body.keep_with_next and last_body.widow_control  # its last two lines go with the block
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[issuer:-1])
    assert not paragraphs[-1].paragraph_format.keep_with_next


def test_tables_repeat_their_header_keep_rows_whole_and_size_columns_by_content() -> None:
    document = docx.Document(io.BytesIO(write_docx(draft(EXAMPLES / "boleshi-2023.yaml").document)))
    table = document.tables[0]
    rows = table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    assert {cell.vertical_alignment for row in rows for cell in row.cells} == {WD_CELL_VERTICAL_ALIGNMENT.CENTER}
    widths = [column.width for column in table.columns]
    assert widths[0] > widths[1] and abs(sum(widths) - GB9704.page.text_width) < 2000
    assert rows[1].cells[1].paragraphs[0].alignment is not None  # figures flush right
    caption = table._tbl.getprevious()
    assert caption.pPr.pStyle.val == "TableCaption"  # the caption stays with its table
    assert document.styles["表题"].paragraph_format.keep_with_next


def test_a_column_is_never_narrower_than_its_longest_word() -> None:
    size, total = GB9704.table.size, GB9704.page.text_width
    widths = column_widths([["乡镇（街道）", "指标", "说明"], ["乡镇（街道）", "提高2.2个百分点", "依法行政" * 8]], size, total)
    assert widths[0].pt >= 6 * size.pt and widths[1].pt >= 5 * size.pt  # 乡镇（街道） and 2.2个 whole
    assert widths[2] > widths[1]


def test_quotes_dashes_and_ellipses_are_set_in_the_east_asian_face() -> None:
    document = docx.Document(io.BytesIO(write_docx(draft(EXAMPLES / "boleshi-2023.yaml").document)))
    seen = 0
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if re.search("[“”‘’—…]", run.text):
                fonts = run._r.rPr.rFonts
                assert fonts.get(qn("w:hint")) == "eastAsia", run.text
                assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia")) != "Times New Roman"
                assert re.fullmatch("[“”‘’—…·]+", run.text)
                seen += 1
    assert seen > 10


@pytest.mark.parametrize("script, lang", [("tw", "zh-TW"), ("hk", "zh-HK"), ("traditional", "zh-TW")])
def test_traditional_drafts_take_traditional_faces_and_their_language(tmp_path: Path, script: str, lang: str) -> None:
    _, path, _ = build(SHEETS / "canonical.yaml", tmp_path / "draft.docx", script=script)
    files = parts(path.read_bytes())
    styles = files["word/styles.xml"].decode()
    assert f'w:eastAsia="{lang}"' in styles
    named = {name for fonts in re.findall(r"<w:rFonts [^>]*>", styles + files["word/document.xml"].decode())
             for name in re.findall(r'w:eastAsia="([^"]+)"', fonts)}
    assert not set(TRADITIONAL_FACES) & named  # no GB2312-only face left
    assert set(TRADITIONAL_FACES.values()) & named
    fonts = files["word/fontTable.xml"].decode()
    assert "仿宋_GB2312" not in fonts and 'w:name="仿宋"' in fonts


def test_long_titles_break_between_words_in_a_trapezoid() -> None:
    assert break_title("巴音郭楞蒙古自治州2020年法治政府建设情况报告", 20) == ["巴音郭楞蒙古自治州", "2020年法治政府建设情况报告"]
    assert break_title("博乐市2023年法治政府建设情况报告", 20) == ["博乐市2023年法治政府建设情况报告"]
    for title in ("新疆维吾尔自治区博尔塔拉蒙古自治州2023年法治政府建设情况报告", "示范市人民政府关于2024年度法治政府建设情况的报告",
                  "中共某某自治县委员会某某自治县人民政府关于2023年度法治政府建设工作情况和2024年工作安排的报告"):
        lines = break_title(title, 20)
        assert "".join(lines) == title and len(lines) > 1 and not splits_word(lines)
        assert all(len(line) > 1 for line in lines)


def test_the_default_title_of_a_long_region_prints_broken_by_meaning() -> None:
    from drafter.pipeline import pack_for
    from drafter.render import render
    from drafter.sheet import Sheet

    sheet = Sheet.model_validate({"meta": {"region": "巴音郭楞蒙古自治州", "year": 2020}, "parts": [{"kind": "plans", "text": "正文。"}]})
    document = docx.Document(io.BytesIO(write_docx(render(sheet, pack_for(sheet)))))
    title = [p.text for p in document.paragraphs if p.style.name == "公文标题"]
    assert title == ["巴音郭楞蒙古自治州", "2020年法治政府建设情况报告"]
    given = Sheet.model_validate({"meta": {"region": "某县", "year": 2020, "title": ["某县2020年法治", "政府建设情况报告"]},
                                  "parts": [{"kind": "plans", "text": "正文。"}]})
    assert [p.text for p in docx.Document(io.BytesIO(write_docx(render(given, pack_for(given))))).paragraphs][:2] == \
        ["某县2020年法治", "政府建设情况报告"]  # a title given as a list is printed as given


def test_check_warns_about_a_hand_broken_title() -> None:
    rules = {f.rule for f in title_findings(["巴音郭楞蒙古自治州2020年法治政府建设情", "况报告"], 3)}
    assert rules == {"title-break", "title-balance"}
    assert not title_findings(["巴音郭楞蒙古自治州", "2020年法治政府建设情况报告"])
    assert not title_findings(["一行标题"])
    assert FACES  # every face named has its font-table entry (see above)


def test_a_pack_may_bring_its_own_reference_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from drafter.cli import run

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "report.j2").write_text('{% extends "standard/report.j2" %}', encoding="utf-8")
    reference = docx.Document(str(REFERENCE))  # as a locality would: drafter's own, restyled in Word
    reference.styles["Normal"].element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    reference.save(str(pack / "reference.docx"))
    _, path, _ = build(EXAMPLES / "minimal.yaml", tmp_path / "draft.docx", template=str(pack))
    styles = docx.Document(str(path)).styles
    assert styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert styles["公文标题"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    broken = docx.Document()
    broken.save(str(pack / "reference.docx"))
    code = run(["build", str(EXAMPLES / "minimal.yaml"), "-o", str(tmp_path / "again.docx"), "-t", str(pack)])
    assert code == 3
    assert "参考文档缺少 drafter 的样式" in capsys.readouterr().err
    assert not (tmp_path / "again.docx").exists()


def test_check_of_a_report_warns_about_its_broken_title(tmp_path: Path) -> None:
    from drafter.review import review

    report = tmp_path / "report.txt"
    report.write_text("巴音郭楞蒙古自治州2020年法治政府建设情\n况报告\n\n自治区人民政府：\n"
                      "一、主要举措和成效\n全年办理行政复议案件312件。\n", encoding="utf-8")
    rules = {f.rule for f in review(report).findings}
    assert "title-break" in rules


def test_a_title_broken_to_fit_reads_back_as_one_line(tmp_path: Path) -> None:
    from drafter.readers.report import read_report
    from drafter.pipeline import pack_for
    from drafter.render import render
    from drafter.sheet import Sheet

    sheet = Sheet.model_validate({"meta": {"region": "巴音郭楞蒙古自治州", "year": 2020},
                                  "parts": [{"kind": "plans", "text": "正文。"}]})
    path = tmp_path / "draft.docx"
    path.write_bytes(write_docx(render(sheet, pack_for(sheet))))
    assert read_report(path).document.title == ["巴音郭楞蒙古自治州2020年法治政府建设情况报告"]
