"""The printed page, measured: every example and seed sheet, and drafts whose last paragraph grows
one line at a time through two whole pages, laid out by LibreOffice and read back from its PDF.

All drafts of a test go through one LibreOffice run (starting it costs more than converting).
Asserted on every page: 22 lines on every full page (a page with a table aside; before a page that
opens with a standalone heading, or with the signature block and the lines kept with it, fewer),
no character of the .docx missing from the PDF, no line opening with closing punctuation, issuer
and date on one page together with body text, and the title block: lines broken between words and
exactly one blank line before the addressee.

The PDFs are made as ``build --pdf`` makes them (:func:`drafter.pages.lay_out`): where LibreOffice,
which moves a paragraph kept with the next only whole, strands the signature block, the draft is
laid out again with the last two printed lines of the body as a paragraph kept with the block.
"""

from __future__ import annotations

import copy
import zipfile
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest

from drafter.pipeline import draft
from drafter.model import Document, Heading, ItemList, Paragraph
from drafter.style import GB9704, Style
from drafter.pages import Line, check_pages, convert, lay_out, read_docx, read_pdf, row_of
from drafter.title import splits_word
from drafter.writers.docx import write_docx

from ..conftest import EXAMPLES, program

pytestmark = pytest.mark.external

SHEETS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "seeds").glob("*.yaml"))
PAGE_RULES = {"page-lost-characters", "page-signature-split", "page-signature-alone", "page-short", "page-line-start"}
FILLER = "依法全面履行政府职能，深化“放管服”改革，推进严格规范公正文明执法、行政复议和应诉工作——成效明显……"


def grown(document: Document, lines: int) -> Document:
    """The document with about ``lines`` lines (28 characters each) added to its last paragraph."""
    result = copy.deepcopy(document)
    extra = (FILLER * (lines * 28 // len(FILLER) + 1))[: lines * 28]
    last = result.body[-1]
    if isinstance(last, Heading) and last.runin is not None:
        last = last.runin
    if isinstance(last, ItemList):
        last.items[-1].text += extra
    elif isinstance(last, Paragraph):
        last.text += extra
    else:
        result.body.append(Paragraph(extra))
    return result


def render_all(folder: Path, documents: dict[str, Document | tuple[Document, Style]]) -> list[tuple[Path, Path]]:
    """Write each document (with the style of its script, where given) and convert all at once."""
    program("soffice", "libreoffice-writer-nogui")
    program("pdftotext", "poppler-utils")
    paths = []
    for name, document in documents.items():
        model, house = document if isinstance(document, tuple) else (document, GB9704)
        path = folder / f"{name}.docx"
        path.write_bytes(write_docx(model, house))
        paths.append(path)
    return list(zip(paths, lay_out(paths, folder)))


def assert_pages(docx_path: Path, pdf: Path) -> None:
    found = check_pages(docx_path, pdf)
    findings = [f"{docx_path.name}: {f.message}" for f in found if f.rule in PAGE_RULES]
    assert not findings, "\n".join(findings)
    # the issuer's page holds at least two lines of the body before it (7.3.5)
    issuer = [t.replace(" ", "") for style, t in read_docx(docx_path).paragraphs if style == "Issuer" and t.strip()]
    if issuer:
        page = next(p for p in reversed(read_pdf(pdf)) if any(line.text == issuer[0] for line in p.lines))
        at = max(i for i, line in enumerate(page.lines) if line.text == issuer[0])
        assert at >= 2, f"{docx_path.name} p.{page.number}: fewer than two lines of body before the issuer"
    # the same multiset comparison, done without the module: .docx text against plain pdftotext
    text = read_docx(docx_path)
    wanted = Counter(ch for _, t in text.paragraphs for ch in t if not ch.isspace())
    wanted.update(ch for row in text.rows for cell in row for ch in cell if not ch.isspace())
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not wanted - Counter(ch for ch in printed if not ch.isspace()), docx_path.name
    # every line outside a table on the grid, after a table too (its rows are one pitch each)
    pitch, top = GB9704.page.line_pitch.pt, GB9704.page.top.pt
    table_rows = {"".join(row).replace(" ", "") for row in text.rows}
    pages = read_pdf(pdf)
    # A formal copy's red mark stands 35 mm below the 版心's top (7.2.4) and its 版记 on the 版心's
    # lower edge (7.4.1), each off the grid by the standard's own measure.
    paragraphs = docx.Document(str(docx_path)).paragraphs
    red = bool(paragraphs[0].runs) and paragraphs[0].runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    framed = "".join(p.text.replace(" ", "") for p in paragraphs if p._p.pPr is not None
                     and p._p.pPr.find(docx.oxml.ns.qn("w:framePr")) is not None)

    def on_grid(line: Line) -> bool:
        return line.text not in table_rows and not (red and line.text == paragraphs[0].text) and line.text not in framed

    reference = (next(line for line in pages[0].lines if on_grid(line)).middle - top) / pitch % 1
    for page in pages:
        for line in page.lines:
            if on_grid(line):
                offset = abs((line.middle - top) / pitch % 1 - reference)
                assert offset < 0.06, f"{docx_path.name} p.{page.number}: off the grid by {offset:.2f} line: {line.text}"
    # the title block on page 1: words kept whole, one blank grid row before the addressee
    title = [t for style, t in text.paragraphs if style == "DocTitle"]
    addressee = [t.replace(" ", "") for style, t in text.paragraphs if style == "Addressee"]
    assert not splits_word(title), title
    first = pages[0].lines
    if red:  # the formal copy's 版头 (mark, then the number line) stands above the title
        first = first[next(i for i, line in enumerate(first) if line.text == title[0].replace(" ", "")):]
    assert [line.text for line in first[: len(title)]] == [t.replace(" ", "") for t in title]
    if addressee:
        after = first[len(title)]
        assert after.text == addressee[0]
        assert row_of(after) - row_of(first[len(title) - 1]) == 2, "one blank line between title and addressee"


def drafts_of(sheets: list[Path]) -> dict[str, Document | tuple[Document, Style]]:
    """Each sheet's draft in its own script (two seeds are traditional) with that script's style."""
    drafts = {sheet.stem: draft(sheet) for sheet in sheets}
    return {name: (d.document, GB9704.for_script(d.sheet.meta.script)) for name, d in drafts.items()}


def test_every_example_and_seed_prints_full_pages_with_every_character(tmp_path: Path) -> None:
    for docx_path, pdf in render_all(tmp_path, drafts_of(SHEETS)):
        assert_pages(docx_path, pdf)


def lines_of(pdf: Path) -> list[str]:
    """Every printed line of the PDF in order, pages run together."""
    return [line.text for page in read_pdf(pdf) for line in page.lines]


def test_a_growing_last_paragraph_never_strands_the_signature(tmp_path: Path) -> None:
    """The minimal example, signed and dated, its last paragraph grown line by line from one page
    to three. As written, LibreOffice strands the block at some lengths (it moves a kept paragraph
    only whole); laid out as ``build --pdf`` does, no length does, and the kept tail re-wraps
    nothing: every line holds what it held before, so the split falls exactly on a line end."""
    base = draft(EXAMPLES / "minimal.yaml").document
    base.issuer, base.date, base.closing = "示例县人民政府", "2025年3月20日", ["（联系人：王静，电话：1234567）"]
    documents = {f"grow-{n:02d}": grown(base, n) for n in range(0, 46)}
    results = render_all(tmp_path, documents)
    assert len(read_pdf(results[-1][1])) >= 3  # really went through two whole pages
    plain = tmp_path / "as-written"
    plain.mkdir()
    stranded = 0
    for (docx_path, pdf), as_written in zip(results, convert([d for d, _ in results], plain)):
        rules = {f.rule for f in check_pages(docx_path, as_written, fonts=False)}
        stranded += bool(rules & {"page-signature-alone", "page-signature-split", "page-short"})
        assert_pages(docx_path, pdf)
        assert lines_of(pdf) == lines_of(as_written), docx_path.name
    assert stranded, "LibreOffice no longer strands the block: the kept tail may be dropped"


@pytest.mark.properties
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.stem)
def test_every_sheet_with_a_growing_last_paragraph(tmp_path: Path, sheet: Path, request: pytest.FixtureRequest) -> None:
    """The slow sweep (``-m properties``): each example and seed, its last paragraph grown
    through two whole pages; about ten minutes, so not in the default run."""
    if "properties" not in (request.config.option.markexpr or ""):
        pytest.skip("slow page sweep: run with -m properties")
    base = draft(sheet)
    house = GB9704.for_script(base.sheet.meta.script)
    for docx_path, pdf in render_all(tmp_path, {f"grow-{n:02d}": (grown(base.document, n), house) for n in range(0, 46)}):
        assert_pages(docx_path, pdf)


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    from drafter.cli import run

    code = run([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_pages_finds_the_characters_a_layout_loses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The draft as written passes; the same draft without the explicit w:overflowPunct (how
    drafters wrote it before) loses line-end commas in LibreOffice's PDF, and the check says so."""
    program("soffice", "libreoffice-writer-nogui")
    good = tmp_path / "good.docx"
    good.write_bytes(write_docx(draft(EXAMPLES / "boleshi-2023.yaml").document))
    code, out, _ = cli(capsys, "check", good, "--pages", "--format", "json")
    assert code == 0, out
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b'<w:overflowPunct w:val="1"/>', b"")
            target.writestr(info, data)
    code, out, _ = cli(capsys, "check", bad, "--pages")
    assert code == 1
    assert "PDF 中缺少" in out and "“，”" in out


def test_check_pages_without_libreoffice_says_so_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.pages

    path = tmp_path / "draft.docx"
    path.write_bytes(write_docx(draft(EXAMPLES / "minimal.yaml").document))
    monkeypatch.setattr(drafter.pages.shutil, "which", lambda name: None)
    code, out, err = cli(capsys, "check", path, "--pages")
    assert code == 6
    assert "没有找到 LibreOffice" in err and "Traceback" not in err + out


def test_build_pdf_checks_its_own_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program("soffice", "libreoffice-writer-nogui")
    code, out, _ = cli(capsys, "build", EXAMPLES / "locality-2024.yaml", "-o", tmp_path / "draft.docx", "--pdf")
    assert code == 0
    assert "已生成 PDF" in out
    assert "页面检查：" in out or "页面警告" in out
    assert "缺少" not in out and "只有署名" not in out


def test_the_fonts_libreoffice_replaced_are_named(tmp_path: Path) -> None:
    from drafter.pages import font_report

    ((docx_path, pdf),) = render_all(tmp_path, drafts_of([EXAMPLES / "minimal.yaml"]))
    missing, used = font_report(docx_path, pdf)
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    for face in ("仿宋_GB2312", "方正小标宋简体"):
        assert (face in missing) == (face not in installed)
    assert used and not any("+" in name for name in used)
    # the minimal example's last paragraph ends "…发展。" with "展。" alone on its last line
    short = [f.message for f in check_pages(docx_path, pdf) if f.rule == "page-short-last-line"]
    assert short and "“展。”" in short[0]
