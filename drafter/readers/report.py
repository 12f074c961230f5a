"""Reading a finished report, whatever its form: :func:`read_report` is the one entry.

Which reader a report needs is decided by what the file is (its first bytes) and, failing that, its name.

Clerks have last year's report in whatever form the office or the website kept it: .docx
(Word, WPS, LibreOffice), an old .doc or .wps, an .odt, the PDF from the website, the saved
web page, or text copied from it. A renamed file is common (a .doc saved as "报告.docx", a
page saved as "报告.txt"), so the content decides where it can: PDF, zip (Word or ODF),
OLE (old Word and WPS) and HTML each have a recognisable start.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path

from .. import office
from ..model import PART_KIND_WORDS, PartKind
from ..script import convert_text
from ..errors import Problem, ReportError, ToolMissing, os_reason
from .docx import docx_lines
from .filetype import OLE, sniff
from .html import html_lines
from .pdf import pdf_lines
from .structure import Line, Reading, read_lines
from .txt import txt_lines

_CONVERTED = {".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot", ".fodt"}


def report_kind(path: Path) -> str:
    """"docx", "office" (via LibreOffice), "pdf", "html" or "text"."""
    try:
        with path.open("rb") as stream:
            head = stream.read(512)
    except OSError as exc:
        raise ReportError(Problem(f"无法读取文件（{os_reason(exc)}）", path)) from None
    suffix, kind = path.suffix.lower(), sniff(path)
    if kind == "pdf":
        return "pdf"
    if kind in ("docx", "xlsx", "zip"):
        return "docx"  # the .docx reader says what a zip that is not Word is
    if head.startswith(OLE[:4]) and (kind != "ole" or len(head) < 512):
        raise ReportError(Problem("文件已损坏（旧版 Word/WPS 文件的开头不完整），请重新下载或从原处复制", path))
    if kind in ("odt", "ole", "rtf") or suffix in _CONVERTED:
        return "office"
    if suffix == ".docx":
        return "docx"  # not a zip: the .docx reader says it is damaged
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _through_libreoffice(path: Path) -> tuple[list[Line], bool]:
    """An old Word or WPS file, or an ODF text, converted to .docx in a temporary folder and read as one."""
    program = office.soffice()
    if program is None:
        raise ToolMissing(Problem(f"读取 {path.suffix or '此类'} 文件需要 LibreOffice（soffice），但没有找到；"
                                  "请安装 LibreOffice，或在 Word/WPS 中把文件另存为 .docx 后再导入", path))
    with tempfile.TemporaryDirectory() as folder:
        produced = office.convert(program, [path.resolve()], "docx:MS Word 2007 XML", Path(folder)).get(path.resolve())
        if produced is None:
            raise ReportError(Problem("LibreOffice 无法打开这个文件（可能已损坏，或不是 Word/WPS 文档）", path))
        lines, _ = docx_lines(produced)
    return lines, False


def report_lines(path: Path) -> tuple[list[Line], bool]:
    """A finished report's lines as written, and whether they carry drafter's exact roles."""
    kind = report_kind(path)
    if kind == "docx":
        return docx_lines(path)
    if kind == "office":
        return _through_libreoffice(path)
    if kind == "pdf":
        return pdf_lines(path), False
    if kind == "html":
        return html_lines(path), False
    return txt_lines(path), False


def read_report(path: Path, keep_script: bool = False, lines: tuple[list[Line], bool] | None = None) -> Reading:
    """Recognise a finished report in any form this module knows (``lines``: already read by
    :func:`report_lines`, left unchanged, so a caller that checks the raw lines reads the file once)."""
    raw, exact = lines or report_lines(path)
    reading = read_lines([dataclasses.replace(line) for line in raw], str(path), keep_script, exact)
    kind = report_kind(path)
    if kind in ("pdf", "html") and reading.warnings:  # they have paragraphs, not lines
        where = "PDF" if kind == "pdf" else "网页"
        reading.warnings.insert(0, Problem(f"以下提示中的“第N行”指从{where}中提取出的第N段文字", str(path)))
    return reading


def kind_of(title: str) -> PartKind:
    """Which required part a level-1 title opens, by the words such titles use (:data:`PART_KIND_WORDS`)."""
    simplified = convert_text(title, "t2s")
    for kind, (core, title_words) in PART_KIND_WORDS.items():
        if re.search(f"{core}|{title_words}", simplified):
            return kind
    return "other"
