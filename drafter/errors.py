"""Errors a clerk can act on: each names the file, the line and the field, in Chinese.

The CLI catches :class:`DrafterError` once and exits with :attr:`DrafterError.exit_code`;
anything else is a bug and is reported as one. Each class owns its exit code, so a script
can tell a bad sheet from a bad template or an unwritable output:

====  =====================================================================
0     done (check: no errors)
1     check found errors (the draft or review itself succeeded)
2     the sheet or the command line is invalid (:class:`SheetError`, :class:`UsageError`)
3     a template is missing, malformed or unsafe (:class:`TemplateError`)
4     a report to import or review cannot be read (:class:`ReportError`)
5     an output cannot be written (:class:`OutputError`)
6     an outside program is missing or failed; the main result exists (:class:`ToolMissing`)
70    internal error (a bug in drafter: :data:`EXIT_INTERNAL`)
130   interrupted (Ctrl+C or a termination signal: :data:`EXIT_INTERRUPTED`)
====  =====================================================================
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘只读",
    errno.ENAMETOOLONG: "文件名太长",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese where the cause is a common one."""
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))


@dataclass(frozen=True)
class Problem:
    """One fault at one place: ``file`` 第 ``line`` 行 ``field``：``message``."""

    message: str
    file: Path | str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = []
        if self.file is not None:
            place.append(str(self.file))
        if self.line is not None:
            place.append(f"第{self.line}行")
        if self.field:
            place.append(f"“{self.field}”")
        return ("，".join(place) + "：" if place else "") + self.message


class DrafterError(Exception):
    """Base of every expected failure: bad input, a missing template, an unwritable file."""

    exit_code = 2

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


EXIT_FINDINGS = 1
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class SheetError(DrafterError):
    """The fact sheet cannot be read or does not follow the sheet format."""


class UsageError(DrafterError):
    """The command was asked for something that does not exist (a section, a folder of sheets)."""


class TemplateError(DrafterError):
    """A template is missing, malformed, unsafe, or asks for a value the sheet lacks."""

    exit_code = 3


class ReportError(DrafterError):
    """A finished report given to import, check or outline cannot be read."""

    exit_code = 4


class OutputError(DrafterError):
    """The draft cannot be written where it was asked to go."""

    exit_code = 5


class ToolMissing(DrafterError):
    """An outside program (LibreOffice) is missing or failed: the main result exists, an extra does not."""

    exit_code = 6
