"""The PDF copy of a built draft (``drafter build --pdf``): LibreOffice lays the .docx out,
the PDF is stamped as drafter's, and the formal copy's 版记 is checked to land on an even page.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .errors import ToolMissing
from .files import replace_keeping
from .model import Document
from .pages import colophon_move, lay_out, read_pdf
from .stamp import stamp_pdf, untouched_pdf


def colophon_on_odd_page(document: Document, pdf: Path) -> int:
    """Did the formal copy's 版记 land on an odd page of this PDF? It belongs on the last page's
    back: the caller builds again with ``colophon_alone`` set to the answer, 1 where the body
    ends on an odd page, 2 where it ends on an even page without room for the 版记 (a blank
    page before it), 0 where it is right (see :func:`drafter.pages.colophon_move`). A 版记
    moved to a page of its own that still lands on an odd page (the body, relieved of it, ended
    a page earlier) needs the blank page; the answer only grows, so rebuilding ends."""
    formal = document.formal
    if formal is None or formal.blank_page:
        return 0
    try:
        move = colophon_move(read_pdf(pdf))
    except ToolMissing:  # without poppler the page cannot be read; the page check says so
        return 0
    return 2 if move and formal.own_page else move


def export_pdf(docx_path: Path) -> tuple[Path, int, Path | None]:
    """Convert a draft to PDF with LibreOffice (beside it) and count its pages; a PDF of that
    name that drafter did not write is first copied to ``名称.bak.pdf`` (returned third)."""
    with tempfile.TemporaryDirectory() as folder:
        (produced,) = lay_out([docx_path], Path(folder), missing="未生成 PDF；请安装 LibreOffice 后重试。Word 初稿已生成",
                              failed="；Word 初稿已生成")
        data = produced.read_bytes()
    target = docx_path.with_suffix(".pdf")
    backup = replace_keeping(target, stamp_pdf(data), untouched_pdf)
    return target, len(re.findall(rb"/Type\s*/Page(?![s\w])", data)), backup
