"""The draft's body written as text (drafter.writers.docx.wordml): well-formed, in the order the
schema prescribes (Word refuses a file whose properties are out of order), and read back by
python-docx with every character as the model holds it."""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile
from pathlib import Path
from typing import Callable

import docx
import pytest
from lxml import etree

from drafter.errors import TemplateError
from drafter.model import Document, Heading, Paragraph, Table
from drafter.pipeline import draft
from drafter.style import GB9704
from drafter.writers.docx import REFERENCE, pack_reference, write_docx
from drafter.writers.docx.wordml import check_characters

from ..conftest import EXAMPLES
from ..readers.test_libreoffice_docx import libreoffice_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# ECMA-376 Part 1, §17.3.1.26 (CT_PPr) and §17.3.2.28 (CT_RPr): the order of their children.
PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
       "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
       "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
       "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
RPR = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
       "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
       "cs em lang eastAsianLayout specVanish oMath").split()
SHEETS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "seeds").glob("*.yaml"))


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.stem for s in SHEETS])
def test_every_property_stands_in_schema_order(sheet: Path) -> None:
    for formal in (False, True):
        result = draft(sheet, formal=formal)
        root = body(result.docx())
        for tag, order in (("pPr", PPR), ("rPr", RPR)):
            for properties in root.iter(f"{W}{tag}"):
                names = [etree.QName(child).localname for child in properties]
                assert names == sorted(names, key=order.index), (sheet.name, formal, names)


def test_text_that_is_markup_elsewhere_is_read_back_as_written() -> None:
    """&, <, >, quotes, a tab and a line break in a sheet's words: python-docx reads the same text."""
    words = '甲&乙<丙>“丁”"戊"\t己\n庚 '
    model = Document(title=["标题&<>"], body=[Heading(1, words, number="一、"), Paragraph(words),
                                              Table("", ["项目&", "数<量"], [["a>b", "1"]])], issuer="某&政府")
    read = docx.Document(io.BytesIO(write_docx(model)))
    texts = [p.text for p in read.paragraphs]
    assert "标题&<>" in texts and "一、" + words in texts and words in texts and "某&政府" in texts
    assert [[c.text for c in row.cells] for row in read.tables[0].rows] == [["项目&", "数<量"], ["a>b", "1"]]
    assert read.core_properties.title == "标题&<>" and read.core_properties.author == "某&政府"


def test_a_character_xml_cannot_hold_is_never_written() -> None:
    with pytest.raises(ValueError):
        check_characters("<w:t>\x01</w:t>")
    model = Document(title=["标题"], body=[Paragraph("正文\x0b")])
    with pytest.raises(ValueError):
        write_docx(model)


def test_the_formal_copy_s_pages_without_numbers_point_at_the_empty_footer() -> None:
    """The blank and 版记 pages form a section of their own whose odd and even footers are the
    reference document's empty one; the body's section keeps the numbered footers."""
    result = draft(EXAMPLES / "boleshi-2023-formal.yaml", formal=True)
    formal = dataclasses.replace(result.document.formal, blank_page=True)
    root = body(write_docx(dataclasses.replace(result.document, formal=formal), GB9704))
    sections = list(root.iter(f"{W}sectPr"))
    assert len(sections) == 2

    def footers(section: etree._Element) -> dict[str, str]:
        return {ref.get(f"{W}type"): ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                for ref in section.iter(f"{W}footerReference")}

    numbered, unnumbered = footers(sections[0]), footers(sections[1])
    assert len({numbered["default"], numbered["even"], numbered["first"]}) == 3
    assert unnumbered["default"] == unnumbered["even"] == unnumbered["first"] == numbered["first"]


def _with_styles(change: Callable[[str], str]) -> bytes:
    """drafter's reference document with its ``word/styles.xml`` changed."""
    source, out = zipfile.ZipFile(REFERENCE), io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data.decode("utf-8")).encode("utf-8") if info.filename == "word/styles.xml" else data)
    return out.getvalue()


def test_a_table_takes_the_id_the_reference_gives_table_grid() -> None:
    """Word may save "Table Grid" under another id ("a3" in a Chinese Word): the table is ruled by
    that style, found by its name."""
    reference = _with_styles(lambda xml: xml.replace('w:styleId="TableGrid"', 'w:styleId="a3"'))
    model = Document(title=["标题"], body=[Table("", ["项目", "数量"], [["案件", "12"]])])
    read = docx.Document(io.BytesIO(write_docx(model, reference=reference)))
    assert read.tables[0].style.name == "Table Grid"


def test_a_pack_reference_without_table_grid_is_refused_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "reference.docx").write_bytes(
        _with_styles(lambda xml: xml.replace('<w:name w:val="Table Grid"/>', '<w:name w:val="Plain"/>')))
    with pytest.raises(TemplateError, match="缺少 drafter 的样式：Table Grid"):
        pack_reference(tmp_path)


@pytest.mark.external
def test_a_reference_saved_again_by_libreoffice_is_refused_with_the_styles_it_lost(tmp_path: Path) -> None:
    """LibreOffice gives the styles of a reference.docx it saves ids of its own: a pack bringing one
    is told in Chinese which of drafter's styles are gone, before any draft is written."""
    (tmp_path / "source").mkdir()
    shutil.copyfile(REFERENCE, tmp_path / "source" / "reference.docx")
    pack = tmp_path / "pack"
    pack.mkdir()
    libreoffice_docx(tmp_path / "source" / "reference.docx", pack)
    with pytest.raises(TemplateError, match="缺少 drafter 的样式：DocTitle"):
        pack_reference(pack)
