"""Read a report from a PDF's text layer: lines joined back into paragraphs, page furniture dropped.

A PDF holds positioned lines, not paragraphs. A paragraph goes on while a line runs to the
right edge of the text block; a line that starts indented (首行缩进) or follows a short line
begins a new one, across page breaks too; a title in large type wrapped onto a second line
stays one title. Running heads and page numbers ("— 1 —", "第1页
共3页", a document's name repeated at the top of every page) sit in the top and bottom
margin zone and are dropped there. A PDF without any text (a scan) is refused with a message:
drafter does no OCR.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ReportError
from .structure import Line
from ..text import CJK

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_MARGIN_ZONE = 0.1  # the top and bottom tenth of a page: where running heads and page numbers sit
_MOST_PAGES = 500


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    size: float  # the line's height: about one character


def _page_lines(path: Path) -> list[tuple[float, list[_PdfLine]]]:
    """Each page's height and its text lines in reading order."""
    import pdfplumber  # imported on use: only PDF import needs it
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    pages = []
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > _MOST_PAGES:
                raise ReportError(Problem(f"PDF 超过 {_MOST_PAGES} 页，不像一份年度报告，请检查", path))
            for page in pdf.pages:
                lines = [_PdfLine(line["text"], line["x0"], line["x1"], line["top"], line["bottom"] - line["top"])
                         for line in page.extract_text_lines(strip=True) if line["text"].strip()]
                pages.append((float(page.height), lines))
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError):
        raise ReportError(Problem("无法读取这份 PDF（文件可能已损坏或加了密码）", path)) from None
    return pages


def _furniture(pages: list[tuple[float, list[_PdfLine]]]) -> set[int]:
    """ids of lines that are running heads or page numbers: in the margin zone, and a page number,
    or text that recurs there on several pages (digits aside: "第3页" is "第页" on each page)."""
    zone: list[_PdfLine] = [line for height, lines in pages for line in lines
                            if line.top < height * _MARGIN_ZONE or line.top > height * (1 - _MARGIN_ZONE)]
    recurring = Counter(re.sub(r"\d+", "#", line.text.replace(" ", "")) for line in zone)
    return {id(line) for line in zone if _PAGE_NUMBER.match(line.text)
            or (len(pages) > 1 and recurring[re.sub(r"\d+", "#", line.text.replace(" ", ""))] > 1)}


def pdf_lines(path: Path) -> list[Line]:
    """The paragraphs of a PDF report as lines."""
    pages = _page_lines(path)
    dropped = _furniture(pages)
    body = [line for _, lines in pages for line in lines if id(line) not in dropped]
    if not body:
        raise ReportError(Problem("这份 PDF 没有文字层（可能是扫描件），drafter 无法读取；请用 OCR 软件识别成文字，"
                                  "或找到原来的 Word 文件再导入", path))
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]  # the text block's left edge
    right = max(line.x1 for line in body)
    body_size = Counter(round(line.size) for line in body).most_common(1)[0][0]
    paragraphs: list[str] = []
    previous: _PdfLine | None = None
    for line in body:
        indented = line.x0 > left + line.size * 0.8
        after_short = previous is not None and previous.x1 < right - previous.size * 1.5
        # a title in large type wrapped over two centred lines is one title
        title_goes_on = previous is not None and min(line.size, previous.size) > body_size * 1.2 \
            and abs(line.size - previous.size) < 1 and line.top - previous.top < line.size * 3
        if previous is None or (indented or after_short) and not title_goes_on:
            paragraphs.append(line.text)
        else:
            joint = "" if re.match(f"[{CJK}]", line.text) or re.search(f"[{CJK}]$", paragraphs[-1]) else " "
            paragraphs[-1] += joint + line.text
        previous = line
    return [Line(text, number) for number, text in enumerate(paragraphs, start=1)]
