"""What a file really is, from its first bytes: the one place that tells a Word file, a PDF
or an archive from a text file, so each command can say what to do with it instead of
reading a binary file as text (or a text file as Word)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

FileKind = Literal["docx", "xlsx", "odt", "zip", "ole", "pdf", "rtf", "text"]

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office's older compound file: .doc, .xls, .wps
_SIGNATURES: list[tuple[bytes, FileKind]] = [
    (b"PK\x03\x04", "zip"),
    (OLE, "ole"),
    (b"%PDF-", "pdf"),
    (b"{\\rtf", "rtf"),
]

NAMES: dict[FileKind, str] = {
    "docx": "Word 文件（.docx）",
    "xlsx": "Excel 文件（.xlsx）",
    "odt": "OpenDocument 文本（.odt）",
    "zip": "压缩文件（.zip）",
    "ole": "旧版 Word/WPS/Excel 文件（.doc/.wps/.xls）",
    "pdf": "PDF 文件",
    "rtf": "RTF 文件",
    "text": "文本文件",
}


def sniff(path: Path) -> FileKind:
    """The kind of file by its signature (a file that cannot be opened counts as text: the
    reader that opens it next reports why)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        return "text"
    kind: FileKind = next((k for signature, k in _SIGNATURES if head.startswith(signature)), "text")
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
        except (OSError, zipfile.BadZipFile, ValueError, KeyError):
            return "zip"
    return kind


def not_a_sheet(kind: FileKind, path: Path) -> str:
    """Why a file given as a fact sheet is not one, and what to do instead."""
    if kind == "docx":
        return f"这是 Word 文件，不是 YAML 事实表；要从它生成事实表，请用 drafter import {path.name}"
    if kind in ("ole", "odt", "pdf", "rtf"):
        return (f"这是{NAMES[kind]}，不是 YAML 事实表；要从已有报告生成事实表，请先在 Word/WPS 中另存为 .docx，"
                "再用 drafter import")
    return f"这是{NAMES[kind]}，不是 YAML 事实表"
