"""Read a .docx report: drafter's own drafts exactly (by their styles), others by their text.

A draft made by ``drafter build`` names every role in its styles (公文标题, Heading 1–4,
the run-in body and item-lead character styles, 成文日期 …), so reading it back needs no
guessing. Any other Word file is read paragraph by paragraph like a text, with what the
reader sees but the text lacks put back: the automatic list numbers (computed from
numbering.xml, see :mod:`.docx_numbering`), the outline level of a heading style (a paragraph
in 标题 2 is a level-2 heading, numbered or not), and short all-bold paragraphs, which the
recogniser takes as unnumbered headings and says so.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable, _Row as DocxRow
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import Problem, ReportError
from .. import ooxml
from ..style import GB9704, LEAD_STYLE_ID, ROLES, RUNIN_STYLE_ID, STYLE_ID
from ..title import automatic
from .docx_budget import check_docx_budget
from .docx_numbering import ListNumbers
from .structure import Line

# Paragraph style ids of drafter's drafts and the role each marks (the writer's own table).
_ROLES = {role.id: role.reads_as for role in ROLES if role.kind != "character" and role.reads_as != "table"}


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_BOLD_HEADING_MAX = 40  # a bold paragraph longer than this is emphasis, not a heading


def _outline_level(paragraph: DocxParagraph) -> int:
    """The outline level (1–9; 0: body text) Word's navigation pane shows: the paragraph's own
    ``w:outlineLvl``, else its style's or a base style's, else a built-in heading style's name.
    A missing or non-numeric value (seen in files from other programs) counts as none."""
    holders = [ooxml.element(paragraph)]
    style = paragraph.style
    for _ in range(10):  # base styles chain; a loop in a damaged file must not hang
        if style is None:
            break
        holders.append(style.element)
        style = style.base_style
    for holder in holders:
        ppr = holder.find(qn("w:pPr"))
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        value = outline.get(qn("w:val")) if outline is not None else None
        if value is not None and value.strip().isdigit():
            return int(value) + 1 if int(value) < 9 else 0
    name = _HEADING_NAME.match(paragraph.style.name or "") if paragraph.style is not None else None
    return int(name.group(1)) if name else 0


def _bold_only(paragraph: DocxParagraph) -> bool:
    """A short paragraph all in bold: how many clerks mark a heading they did not number."""
    text = paragraph.text.strip()
    if not text or len(text) > _BOLD_HEADING_MAX or _SENTENCE_END.search(text):
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)


_SENTENCE_END = re.compile(r"[。；，！？]")


def _paragraph_line(paragraph: DocxParagraph, number: int, exact: bool, numbers: ListNumbers | None = None) -> Line:
    line = Line(paragraph.text, number, role=_ROLES.get(ooxml.style_id(paragraph) or ""))
    if not exact:
        shown = numbers.number(paragraph) if numbers is not None else ""
        if shown and not paragraph.text.lstrip().startswith(shown.strip()):
            line.text = shown.strip() + paragraph.text  # the automatic number, as the reader sees it
        level = _outline_level(paragraph)
        line.role = f"heading{level}" if 1 <= level <= 4 else "bold" if _bold_only(paragraph) else None
        return line
    offset = 0
    for run in paragraph.runs:
        run_style = ooxml.style_id(run)
        if run_style == RUNIN_STYLE_ID and line.runin_at is None and line.role and line.role.startswith("heading"):
            line.runin_at = offset
        if run_style == LEAD_STYLE_ID:
            line.leads.append(offset)
        offset += len(run.text)
    return line


def _table_rows(table: DocxTable) -> list[list[str]]:
    """A table's cell texts row by row; an empty or grid-less ``w:tbl`` (other programs write
    them) has none, and a row python-docx cannot lay out is read from its cells as they stand."""
    rows = []
    for tr in ooxml.element(table).tr_lst:
        try:
            cells = [cell.text for cell in DocxRow(tr, table).cells]
        except (IndexError, ValueError, KeyError):
            cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.tc_lst]
        rows.append(cells)
    return rows


def docx_lines(path: Path) -> tuple[list[Line], bool]:
    """The paragraphs and tables of a .docx in order, and whether drafter made it (exact roles)."""
    check_docx_budget(path)
    if not zipfile.is_zipfile(path):
        raise ReportError(Problem("不是有效的 .docx 文件（可能已损坏，或是旧版 .doc：请在 Word 中另存为 .docx）", path))
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a zip that is not a Word document
        raise ReportError(Problem("无法作为 Word 文档打开（压缩包里没有 Word 正文）", path)) from None
    exact = any(style.style_id == STYLE_ID["title"] for style in document.styles)
    numbers = None if exact else ListNumbers(document)
    lines: list[Line] = []
    for number, block in enumerate(document.iter_inner_content(), start=1):
        if isinstance(block, DocxTable):
            lines.append(Line("", number, cells=_table_rows(block)))
        else:
            lines.append(_paragraph_line(block, number, exact, numbers))
    if not any(line.text.strip() or line.cells for line in lines):
        raise ReportError(Problem("文档里没有文字", path))
    title = [line for line in lines if line.role == "title"]
    if exact and automatic([line.text for line in title], GB9704):  # drafter broke a one-line title to fit
        title[0].text = "".join(line.text for line in title)
        lines = [line for line in lines if line not in title[1:]]
    return lines, exact
