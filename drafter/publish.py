"""``drafter publish``: the copy of the report a website puts in its 政府信息公开 column.

Two files from the same numbered document as the .docx, so the web copy cannot drift from
the printed one: an accessible HTML page and plain text for pasting into a CMS.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .pipeline import default_name, draft
from .errors import OutputError, Problem
from .files import refuse_overwrite, write_atomic
from .script import Script
from .writers.web import write_web_html, write_web_text


class Published(NamedTuple):
    """The two files written, and the report's title (for the command's message)."""

    title: str
    page: Path
    text: Path


def _folder(output: str | None) -> Path:
    """``-o`` names the folder both files go into (default: here); :func:`write_atomic`
    makes it, with its parents, when the files are written."""
    folder = Path(output) if output else Path.cwd()
    if folder.exists() and not folder.is_dir():
        raise OutputError(Problem("网页稿要写两个文件，-o 应为文件夹", folder))
    return folder


def publish(sheet_path: Path, output: str | None = None, template: str | None = None,
            script: Script | None = None, force: bool = False) -> Published:
    """Write ``标题.html`` and ``标题.txt``; nothing is written if either exists (without ``force``)."""
    result = draft(sheet_path, template, script)
    folder = _folder(output)
    stem = default_name(result).removesuffix(".docx")
    page, text = folder / f"{stem}.html", folder / f"{stem}.txt"
    for target in (page, text):
        refuse_overwrite(target, force)
    write_atomic(page, write_web_html(result.document, result.sheet.meta.date, result.sheet.meta.script).encode("utf-8"))
    write_atomic(text, write_web_text(result.document).encode("utf-8"))
    return Published(result.title, page, text)
