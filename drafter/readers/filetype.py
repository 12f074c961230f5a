"""What a file really is, from its first bytes: the one place that tells a Word file, a PDF
or an archive from a text file, so each command can say what to do with it instead of
reading a binary file as text (or a text file as Word)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

FileKind = Literal["docx", "xlsx", "zip", "ole", "pdf", "rtf", "text"]

_SIGNATURES: list[tuple[bytes, FileKind]] = [
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc, .xls, .wps: Office's older compound file
    (b"%PDF-", "pdf"),
    (b"{\\rtf", "rtf"),
]

NAMES: dict[FileKind, str] = {
    "docx": "Word 文件（.docx）",
    "xlsx": "Excel 文件（.xlsx）",
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
        except (OSError, zipfile.BadZipFile, ValueError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return kind


def not_a_sheet(kind: FileKind, path: Path) -> str:
    """Why a file given as a fact sheet is not one, and what to do instead."""
    if kind == "docx":
        return f"这是 Word 文件，不是 YAML 事实表；要从它生成事实表，请用 drafter import {path.name}"
    if kind in ("ole", "pdf", "rtf"):
        return (f"这是{NAMES[kind]}，不是 YAML 事实表；要从已有报告生成事实表，请先在 Word/WPS 中另存为 .docx，"
                "再用 drafter import")
    return f"这是{NAMES[kind]}，不是 YAML 事实表"


def unreadable_report(kind: FileKind) -> str | None:
    """Why a file given as a report cannot be read (None: it can, as .docx or text)."""
    if kind == "pdf":
        return "暂不能读取 PDF 文件；请在 Word/WPS 中打开后另存为 .docx，或复制全文保存为 .txt，再导入"
    if kind == "ole":
        return "暂不支持旧版 .doc 文件，请在 Word 或 WPS 中另存为 .docx 后再导入"
    if kind in ("xlsx", "rtf"):  # a zip that is not a Word file: the .docx reader says so
        return f"这是{NAMES[kind]}，不是报告；请导入 .docx 或 .txt"
    return None
