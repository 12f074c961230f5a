"""Errors a clerk can act on: each names the file, the line and the field, in Chinese.

The CLI catches :class:`DrafterError` once and exits with :attr:`DrafterError.exit_code`;
anything else is a bug and is reported as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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


class SheetError(DrafterError):
    """The fact sheet cannot be read or does not follow the sheet format."""


class TemplateError(DrafterError):
    """A template is missing, malformed, unsafe, or asks for a value the sheet lacks."""


class OutputError(DrafterError):
    """The draft cannot be written where it was asked to go."""
