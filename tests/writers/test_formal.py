"""The formal copy (版头 and 版记, GB/T 9704-2012 7.2 and 7.4): read back with python-docx,
and measured on the page LibreOffice renders."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, Twips

from drafter.build import build
from drafter.export import colophon_on_odd_page, export_pdf
from drafter.pipeline import draft
from drafter.cli import run
from drafter.pages import check_pages, colophon_page, read_pdf
from drafter.style import GB9704
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

from ..conftest import EXAMPLES, program

FORMAL = EXAMPLES / "boleshi-2023-formal.yaml"
PITCH = GB9704.page.line_pitch


def _read(sheet: Path, formal: bool = False) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_docx(draft(sheet, formal=formal).document)))


def _east_asian(run: docx.text.run.Run) -> str:
    return run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_masthead_in_the_package() -> None:
    paragraphs = _read(FORMAL).paragraphs
    mark, number, title = paragraphs[0], paragraphs[1], paragraphs[2]
    assert mark.text == "博乐市人民政府文件" and mark.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert _east_asian(mark.runs[0]) == "方正小标宋简体" and mark.runs[0].font.size == Pt(42)
    assert abs(mark.paragraph_format.space_before - Mm(35)) < Twips(1)  # 上边缘至版心上边缘 35 mm (7.2.4)
    # Its line is as tall as takes the page back onto the grid: 35 mm + the line = 5 grid lines.
    assert abs(mark.paragraph_format.space_before + mark.paragraph_format.line_spacing - PITCH * 5) < Twips(1)
    assert mark._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    # Upward document: the number one character in from the left, 签发人 on its line (7.2.5, 7.2.6).
    assert number.text == "\t博政发〔2024〕12号\t签发人：李明"
    assert number.paragraph_format.space_before == PITCH * 2  # 发文机关标志下空二行
    assert number.paragraph_format.tab_stops[0].position == Pt(16)
    assert [_east_asian(r) for r in number.runs] == ["仿宋_GB2312", "仿宋_GB2312", "楷体_GB2312"]
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:color")), rule.get(qn("w:sz"))) == ("FF0000", "12")
    # 红线下空二行: two lines less the rule and its distance (9 + 1.5 pt), back on the grid
    assert title.style.name == "公文标题" and abs(title.paragraph_format.space_before - (PITCH * 2 - Pt(10.5))) < Twips(1)


def test_the_colophon_in_the_package() -> None:
    paragraphs = _read(FORMAL).paragraphs
    copies, printed = paragraphs[-3], paragraphs[-2]
    assert copies.text == "抄送：自治州司法局，市委办公室，市人大常委会办公室，市政协办公室。"
    assert printed.text == "博乐市人民政府办公室\t2024年3月21日印发"
    assert all(_east_asian(r) == "仿宋_GB2312" and r.font.size == Pt(14) for r in copies.runs + printed.runs)
    first, last = (p._p.pPr.find(qn("w:framePr")) for p in (copies, printed))
    assert last.get(qn("w:yAlign")) == "bottom" and first.get(qn("w:yAlign")) is None
    text_height = Length(GB9704.page.height - GB9704.page.top - GB9704.page.bottom)
    assert int(first.get(qn("w:y"))) == text_height.twips - 3 * PITCH.twips  # 抄送 on 2 lines, 印发 on 1
    rules = [{edge.tag.split("}")[1]: edge.get(qn("w:sz")) for edge in p._p.pPr.find(qn("w:pBdr"))}
             for p in (copies, printed)]
    assert rules == [{"top": "8"}, {"top": "6", "bottom": "8"}]  # 0.35 mm outside, 0.25 mm between (7.4.1)


def test_the_draft_has_no_masthead_and_formal_defaults_come_from_the_sheet() -> None:
    assert not any(p.text == "博乐市人民政府文件" for p in _read(EXAMPLES / "boleshi-2023.yaml").paragraphs)
    paragraphs = _read(EXAMPLES / "minimal.yaml", formal=True).paragraphs
    meta = draft(EXAMPLES / "minimal.yaml").sheet.meta
    issuer = meta.issuer or meta.region
    assert paragraphs[0].text == f"{issuer}文件" and paragraphs[1].text == ""  # no number given
    assert paragraphs[-2].text == issuer  # 印发机关 defaults to the issuer; no date, no 印发日期


def test_the_preview_shows_the_formal_elements() -> None:
    lines = write_text(draft(FORMAL).document).splitlines()
    assert lines[:3] == ["博乐市人民政府文件", "博政发〔2024〕12号\u3000\u3000签发人：李明", ""]
    assert lines[-2:] == ["抄送：自治州司法局，市委办公室，市人大常委会办公室，市政协办公室。",
                          "博乐市人民政府办公室\u3000\u30002024年3月21日印发"]


@pytest.mark.parametrize(("typed", "kept"), [("博政发[2024]12号", "博政发〔2024〕12号"),
                                             ("博政发【2024】3号", "博政发〔2024〕3号")])
def test_document_numbers_get_hexagonal_brackets(tmp_path: Path, typed: str, kept: str) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(FORMAL.read_text(encoding="utf-8").replace("博政发〔2024〕12号", typed), encoding="utf-8")
    assert draft(sheet).document.formal.number == kept


@pytest.mark.parametrize(("typed", "message"), [
    ("博政发〔2024〕第12号", "发文字号的序号不加“第”字"),
    ("博政发〔2024〕012号", "发文字号的序号用阿拉伯数字，不编虚位（1 不写作 01）"),
    ("博政发2024年12号", "发文字号应写作“机关代字〔年份〕序号号”"),
])
def test_wrong_document_numbers_are_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str,
                                              message: str) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(FORMAL.read_text(encoding="utf-8").replace("博政发〔2024〕12号", typed), encoding="utf-8")
    assert run(["build", str(sheet), "-o", str(tmp_path / "d.docx")]) == 2
    assert f"第12行，“meta.doc_number”：{message}" in capsys.readouterr().err
    assert not (tmp_path / "d.docx").exists()


def test_several_signers_two_a_line_with_the_number_on_the_last(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(FORMAL.read_text(encoding="utf-8").replace("signers: [李明]", "signers: [李明, 王芳, 赵强]"),
                     encoding="utf-8")
    paragraphs = docx.Document(io.BytesIO(write_docx(draft(sheet).document))).paragraphs
    assert [p.text for p in paragraphs[1:3]] == ["\t签发人：李明\u3000王芳", "\t博政发〔2024〕12号\t\t赵强"]
    assert paragraphs[2]._p.pPr.find(qn("w:pBdr")) is not None and paragraphs[1]._p.pPr.find(qn("w:pBdr")) is None


def _red_rows(pdf: Path, folder: Path) -> tuple[list[int], list[int]]:
    """Rows (points from the top) of page 1 with any red, and with red across over a
    quarter of the page's width (a rule)."""
    subprocess.run([program("pdftoppm", "poppler-utils"), "-r", "72", "-f", "1", "-l", "1", str(pdf),
                    str(folder / "page")], check=True)
    _, size, _, pixels = next(folder.glob("page*.ppm")).read_bytes().split(b"\n", 3)
    width, height = map(int, size.split())
    counts = []
    for y in range(height):
        row = pixels[y * width * 3:(y + 1) * width * 3]
        counts.append(sum(1 for x in range(0, width * 3, 3) if row[x] > 180 and row[x + 1] < 90 and row[x + 2] < 90))
    return [y for y, n in enumerate(counts) if n], [y for y, n in enumerate(counts) if n > width / 4]


_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def _boxes(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, top, bottom) in points of every word pdftotext finds on ``page``."""
    out = subprocess.run([program("pdftotext", "poppler-utils"), "-f", str(page), "-l", str(page), "-bbox",
                          str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(word, float(top), float(bottom)) for top, bottom, word in _WORD.findall(out)]


@pytest.mark.external
def test_the_formal_copy_on_the_rendered_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program("soffice", "libreoffice-writer-nogui")
    target = tmp_path / "formal.docx"
    assert run(["build", str(FORMAL), "-o", str(target), "--pdf"]) == 0
    pages = int(capsys.readouterr().out.split("共")[1].split("页")[0])
    pdf, mm = target.with_suffix(".pdf"), Mm(1).pt
    number = next(w for w in _boxes(pdf, 1) if w[0].startswith("博政发"))
    red, rules = _red_rows(pdf, tmp_path)
    # The red mark's glyphs begin 35 mm below the 版心's top (7.2.4), within 2 mm.
    assert abs(red[0] - (GB9704.page.top.pt + Mm(35).pt)) < 2 * mm, red[0]
    # A red rule as wide as the 版心 lies 4 mm below the number (7.2.7), within 1.5 mm.
    below = [y for y in rules if y > number[2]]
    assert below and abs(below[0] - number[2] - Mm(4).pt) < 1.5 * mm, (below[:3], number)
    # The 版记 is on the last page only, its last line ending on the 版心's lower edge (7.4.1).
    last = _boxes(pdf, pages)
    printed = [w for w in last if w[0].endswith("印发")]
    assert printed and abs(printed[0][2] - Length(GB9704.page.height - GB9704.page.bottom).pt) < 3 * mm, printed
    assert any(w[0].startswith("抄送") for w in last)
    assert not any(w[0].startswith("抄送") for page in range(1, pages) for w in _boxes(pdf, page))
    # The 版记 stands on an even page, the back of the last body page (double-sided printing).
    assert pages % 2 == 0, pages


@pytest.mark.external
def test_a_colophon_on_an_odd_page_is_told_and_moved(tmp_path: Path) -> None:
    program("soffice", "libreoffice-writer-nogui")
    built = build(FORMAL, tmp_path / "formal.docx")
    pdf, _, _ = export_pdf(built.target)
    page = colophon_page(read_pdf(pdf))
    findings = [f.rule for f in check_pages(built.target, pdf)]
    assert ("page-colophon-odd" in findings) == (page % 2 == 1) and colophon_on_odd_page(built.draft.document, pdf) == (page % 2 == 1)
    moved = build(FORMAL, tmp_path / "formal.docx", colophon_alone=True)
    anchor = docx.Document(str(moved.target)).paragraphs[-1]
    assert anchor.paragraph_format.page_break_before and anchor.text == ""
    pdf, pages, _ = export_pdf(moved.target)
    rows = [w for w in _boxes(pdf, pages) if not w[0].startswith("—")]
    assert rows and all(w[1] > Length(GB9704.page.height).pt / 2 for w in rows)  # the 版记 alone, at the foot
    assert "page-short" not in [f.rule for f in check_pages(moved.target, pdf)]  # the body's last page may end short
