"""The PDF copy of a built draft (``drafter build --pdf``): LibreOffice lays the .docx out,
the PDF is stamped as drafter's, and the formal copy's 版记 is checked to land on an even page.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .files import replace_keeping
from .model import Document
from .pages import colophon_page, convert, read_pdf
from .stamp import stamp_pdf, untouched_pdf


def colophon_on_odd_page(document: Document, pdf: Path) -> bool:
    """Did the formal copy's 版记 land on an odd page of this PDF? It belongs on the last page's
    back: where the body ends on an odd page, the caller builds again with ``colophon_alone``."""
    formal = document.formal
    if formal is None or formal.own_page:
        return False
    page = colophon_page(read_pdf(pdf))
    return page is not None and page % 2 == 1


def export_pdf(docx_path: Path) -> tuple[Path, int, Path | None]:
    """Convert a draft to PDF with LibreOffice (beside it) and count its pages; a PDF of that
    name that drafter did not write is first copied to ``名称.bak.pdf`` (returned third)."""
    with tempfile.TemporaryDirectory() as folder:
        (produced,) = convert([docx_path], Path(folder), missing="未生成 PDF；请安装 LibreOffice 后重试。Word 初稿已生成",
                              failed="；Word 初稿已生成")
        data = produced.read_bytes()
    target = docx_path.with_suffix(".pdf")
    backup = replace_keeping(target, stamp_pdf(data), untouched_pdf)
    return target, len(re.findall(rb"/Type\s*/Page(?![s\w])", data)), backup
