"""The formal copy's 版记 on the rendered page whatever page the body ends on (GB/T 9704-2012 7.4,
7.5): at the foot of an even page, the back of the last body page; after an unnumbered blank
page where the body ends on an even page with no room left, the 版记 page unnumbered too.

The minimal example, made a formal copy and signed, its last paragraph grown line by line: some
lengths end the body on an odd page (the 版记 goes on its back), some fill an even page (the
blank page is needed). Each is laid out by LibreOffice and read back from its PDF.
"""

from __future__ import annotations

import copy
import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.section import WD_SECTION

from drafter.errors import TemplateError
from drafter.export import colophon_on_odd_page
from drafter.pipeline import draft
from drafter.model import Document
from drafter.pages import check_pages, colophon_move, colophon_page, lay_out, read_pdf, row_of
from drafter.style import GB9704
from drafter.writers.docx import REFERENCE, write_docx

from ..conftest import EXAMPLES, program
from .test_page import grown

_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')
_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


def page_numbers(pdf: Path) -> list[str]:
    """What each page prints below the 版心 (its page number, or nothing)."""
    bottom = GB9704.page.top.pt + GB9704.page.lines_per_page * GB9704.page.line_pitch.pt + 6
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    return ["".join(word for top, word in _WORD.findall(page) if float(top) > bottom) for page in _PAGE.findall(xhtml)]


def formal_minimal() -> Document:
    document = draft(EXAMPLES / "minimal.yaml").document
    formal = draft(EXAMPLES / "boleshi-2023-formal.yaml").document
    document.formal, document.issuer, document.date = formal.formal, formal.issuer, formal.date
    return document


def test_the_unnumbered_pages_in_the_package() -> None:
    """The blank and 版记 pages are a section of their own whose footers are the reference
    document's empty one; the body's section keeps the numbered footers, also in the next draft
    written in the same process (the writer reuses one template)."""
    document = formal_minimal()
    document.formal.own_page = document.formal.blank_page = True
    blank = docx.Document(io.BytesIO(write_docx(document)))
    body, last = blank.sections
    assert "PAGE" in body.footer._element.xml and "PAGE" in body.even_page_footer._element.xml
    assert not last.footer.is_linked_to_previous and not last.footer.paragraphs[0].text
    assert "PAGE" not in last.footer._element.xml + last.even_page_footer._element.xml
    assert last.start_type == WD_SECTION.NEW_PAGE and blank.paragraphs[-1].paragraph_format.page_break_before
    after = docx.Document(io.BytesIO(write_docx(formal_minimal())))
    assert len(after.sections) == 1 and "PAGE" in after.sections[0].footer._element.xml


def test_a_pack_reference_without_the_empty_footer_is_refused_for_unnumbered_pages() -> None:
    """A pack's reference document made from an older drafter has no empty first-page footer: the
    blank and 版记 pages would print page numbers, so the template is refused, saying what to do."""
    old = docx.Document(str(REFERENCE))
    old.sections[0].first_page_footer.is_linked_to_previous = True  # drops the empty footer's reference
    buffer = io.BytesIO()
    old.save(buffer)
    document = formal_minimal()
    document.formal.own_page = document.formal.blank_page = True
    with pytest.raises(TemplateError) as caught:
        write_docx(document, reference=buffer.getvalue())
    assert "以 drafter/data/reference.docx 为底重新修改" in str(caught.value)
    document.formal.own_page = document.formal.blank_page = False  # no unnumbered pages: written as ever
    assert docx.Document(io.BytesIO(write_docx(document, reference=buffer.getvalue()))).paragraphs


@pytest.mark.external
def test_the_colophon_goes_to_the_back_of_the_body_or_after_an_unnumbered_blank_page(tmp_path: Path) -> None:
    program("soffice", "libreoffice-writer-nogui")
    program("pdftotext", "poppler-utils")
    base = formal_minimal()
    lengths = range(8, 26)
    first = tmp_path / "first"
    first.mkdir()
    paths = []
    for n in lengths:
        paths.append(first / f"grow-{n:02d}.docx")
        paths[-1].write_bytes(write_docx(grown(base, n)))
    moves = {}
    for n, pdf in zip(lengths, lay_out(paths, first)):
        moves[n] = colophon_move(read_pdf(pdf))
        document = grown(base, n)
        assert colophon_on_odd_page(document, pdf) == moves[n]
        if moves[n]:  # a 版记 moved to a page of its own that still lands on an odd page needs the blank page
            document.formal.own_page = True
            assert colophon_on_odd_page(document, pdf) == 2
            document.formal.blank_page = True
            assert colophon_on_odd_page(document, pdf) == 0
    assert {1, 2} <= set(moves.values()), moves  # both cases occur among these lengths

    # As build --formal --pdf does: move the 版记 as told, lay out again, until it is right.
    moved, results = {n: m for n, m in moves.items() if m}, {}
    for round_ in range(2):
        folder = tmp_path / f"moved-{round_}"
        folder.mkdir()
        paths, built = [], []
        for n, move in moved.items():
            document = grown(base, n)
            document.formal = copy.copy(document.formal)
            document.formal.own_page, document.formal.blank_page = True, move == 2
            built.append(document)
            paths.append(folder / f"grow-{n:02d}.docx")
            paths[-1].write_bytes(write_docx(document))
        again = {}
        for (n, move), made, docx_path, pdf in zip(moved.items(), built, paths, lay_out(paths, folder)):
            results[n] = (move, docx_path, pdf)
            if colophon_on_odd_page(made, pdf):
                again[n] = colophon_on_odd_page(made, pdf)
        moved = again
    assert not moved, moved
    assert {move for move, _, _ in results.values()} == {1, 2}
    for move, docx_path, pdf in results.values():
        pages = read_pdf(pdf)
        numbers = page_numbers(pdf)
        name = docx_path.name
        assert len(pages) % 2 == 0 and colophon_page(pages) == len(pages), name
        # the 版记 alone at the foot of the last page, its last line on the 版心's lower edge (7.4.1)
        assert pages[-1].lines and all(row_of(line) > GB9704.page.lines_per_page // 2 for line in pages[-1].lines)
        assert pages[-1].lines[-1].text.endswith("印发") and row_of(pages[-1].lines[-1]) == GB9704.page.lines_per_page
        body_pages = len(pages) - move
        assert pages[body_pages - 1].lines, name  # the body's last page
        assert [n.replace(" ", "") for n in numbers[:body_pages]] == [f"—{i}—" for i in range(1, body_pages + 1)]
        if move == 2:  # 7.5: a blank page before the 版记 page; neither carries a page number
            assert not pages[-2].lines and numbers[-2:] == ["", ""], (name, numbers)
        else:  # the 版记 on the back of the last body page, numbered as every page
            assert numbers[-1].replace(" ", "") == f"—{len(pages)}—", (name, numbers)
        rules = {f.rule for f in check_pages(docx_path, pdf)}
        assert not rules & {"page-colophon-odd", "page-short", "page-signature-alone", "page-signature-split"}, (name, rules)


@pytest.mark.external
def test_build_formal_pdf_adds_the_blank_page_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The clerk's path: ``build --formal --pdf`` of a sheet whose body fills its second page."""
    program("soffice", "libreoffice-writer-nogui")
    from drafter.cli import run
    from .test_page import FILLER

    sheet = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    formal = yaml.safe_load((EXAMPLES / "boleshi-2023-formal.yaml").read_text(encoding="utf-8"))["meta"]
    for key in ("issuer", "date", "masthead", "doc_number", "signers", "copies_to", "printed_by", "printed_on"):
        sheet["meta"][key] = formal[key]
    sheet["parts"][-1]["text"] += (FILLER * 10)[: 14 * 28]
    path = tmp_path / "县.yaml"
    path.write_text(yaml.safe_dump(sheet, allow_unicode=True), encoding="utf-8")
    assert run(["build", str(path), "-o", str(tmp_path / "县.docx"), "--formal", "--pdf"]) == 0
    out = capsys.readouterr().out
    assert "已加一个空白页" in out and "共4页" in out, out
    pdf = tmp_path / "县.pdf"
    pages = read_pdf(pdf)
    assert not pages[2].lines and colophon_page(pages) == 4
    assert [n.replace(" ", "") for n in page_numbers(pdf)] == ["—1—", "—2—", "", ""]
