"""``drafter build``: a sheet's draft written as a .docx, safely.

The draft itself comes from :mod:`drafter.pipeline`; this module adds only the build
command's own jobs: where the file goes, not touching a draft open in Word, and keeping a
hand-edited file of that name (see :mod:`drafter.stamp`) as a backup before replacing it.
The PDF copy is :mod:`drafter.export`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import OutputError, Problem
from .files import output_path, replace_keeping
from .pipeline import Draft, default_name, draft
from .script import Script
from .stamp import untouched


class Built(NamedTuple):
    """A finished build: the draft, where it was written, and the backup of a hand-edited file it replaced."""

    draft: Draft
    target: Path
    backup: Path | None


def lock_file(target: Path) -> Path | None:
    """The lock file Word, WPS or LibreOffice keeps beside a document it has open."""
    name = target.name
    for candidate in ("~$" + name, "~$" + name[2:], ".~" + name, f".~lock.{name}#"):
        if (target.parent / candidate).exists():
            return target.parent / candidate
    return None


def build(
    sheet_path: Path, output: str | Path | None = None, template: str | None = None, script: Script | None = None,
    formal: bool = False, colophon_alone: int = 0,
) -> Built:
    """Build the .docx draft of a sheet; ``output`` is ``-o`` as typed (see :func:`output_path`).

    A draft open in Word is not touched; any other file there that is not exactly a draft
    drafter wrote (see :mod:`drafter.stamp`) is first copied to ``名称.bak.docx``, so no one's
    edits are lost to a rebuild. ``colophon_alone`` puts a formal copy's 版记 on a page of its
    own, 2 after an unnumbered blank page (see :func:`drafter.export.colophon_on_odd_page`).
    """
    result = draft(sheet_path, template, script, formal)
    if result.document.formal is not None:
        result.document.formal.own_page, result.document.formal.blank_page = colophon_alone > 0, colophon_alone > 1
    target = output_path(output, default_name(result))
    lock = lock_file(target)
    if lock is not None:
        raise OutputError(Problem(f"文件正在 Word/WPS 中打开（有锁定文件 {lock.name}），请先关闭它再生成", target))
    backup = replace_keeping(target, result.docx(stamped=True), untouched)
    return Built(result, target, backup)
