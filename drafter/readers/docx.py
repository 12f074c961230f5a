"""Read a .docx report: drafter's own drafts exactly (by their styles), others by their text.

A draft made by ``drafter build`` names every role in its styles (公文标题, Heading 1–4,
the run-in body and item-lead character styles, 成文日期 …), so reading it back needs no
guessing. Any other Word file is read paragraph by paragraph like a text, except that a
paragraph in a heading style (outline level) is taken as a heading of that level.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import Problem, ReportError
from ..style import GB9704
from ..title import automatic
from ..writers.docx import LEAD_STYLE_ID, RUNIN_STYLE_ID
from .report import Line, Reading, read_lines

# Paragraph style ids of drafter's drafts and the role each marks.
_ROLES = {
    "DocTitle": "title", "Byline": "byline", "Addressee": "addressee", "Issuer": "issuer", "DocDate": "date",
    "Closing": "closing", "TableCaption": "caption",
    "Heading1": "heading1", "Heading2": "heading2", "Heading3": "heading3", "Heading4": "heading4",
}


def _paragraph_line(paragraph: DocxParagraph, number: int, exact: bool) -> Line:
    style_id = paragraph.style.style_id if paragraph.style is not None else ""
    line = Line(paragraph.text, number, role=_ROLES.get(style_id))
    if not exact:
        outline = paragraph.style.element.pPr.find(qn("w:outlineLvl")) if paragraph.style is not None \
            and paragraph.style.element.pPr is not None else None
        level = int(outline.get(qn("w:val"))) + 1 if outline is not None else 0
        line.role = f"heading{level}" if 1 <= level <= 4 else None
        return line
    offset = 0
    for run in paragraph.runs:
        run_style = run.style.style_id if run.style is not None else ""
        if run_style == RUNIN_STYLE_ID and line.runin_at is None and line.role and line.role.startswith("heading"):
            line.runin_at = offset
        if run_style == LEAD_STYLE_ID:
            line.leads.append(offset)
        offset += len(run.text)
    return line


def read_docx(path: Path, keep_script: bool = False) -> Reading:
    """Recognise a .docx report; a file that is not a .docx gets a message saying so."""
    lines, exact = docx_lines(path)
    return read_lines(lines, str(path), keep_script, exact)


def docx_lines(path: Path) -> tuple[list[Line], bool]:
    """The paragraphs and tables of a .docx in order, and whether drafter made it (exact roles)."""
    if not zipfile.is_zipfile(path):
        raise ReportError(Problem("不是有效的 .docx 文件（可能已损坏，或是旧版 .doc：请在 Word 中另存为 .docx）", path))
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a zip that is not a Word document
        raise ReportError(Problem("无法作为 Word 文档打开（压缩包里没有 Word 正文）", path)) from None
    exact = any(style.style_id == "DocTitle" for style in document.styles)
    lines: list[Line] = []
    for number, block in enumerate(document.iter_inner_content(), start=1):
        if isinstance(block, DocxTable):
            rows = [[cell.text for cell in row.cells] for row in block.rows]
            lines.append(Line("", number, cells=rows))
        else:
            lines.append(_paragraph_line(block, number, exact))
    if not any(line.text.strip() or line.cells for line in lines):
        raise ReportError(Problem("文档里没有文字", path))
    title = [line for line in lines if line.role == "title"]
    if exact and automatic([line.text for line in title], GB9704):  # drafter broke a one-line title to fit
        title[0].text = "".join(line.text for line in title)
        lines = [line for line in lines if line not in title[1:]]
    return lines, exact
