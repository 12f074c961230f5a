"""A finding: one fault the reviewer, the page check or the title breaker reports, as a value.

Kept apart from the reviewer (lint.py) because the title breaker, which every build runs,
reports findings too: importing lint's rules (compiled patterns, word tables) costs a build
some 15 ms it does not use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
SEVERITY_LABELS = {"error": "错误", "warning": "警告"}


@dataclass(frozen=True)
class Finding:
    """One fault: which rule, how serious, what to do, where (sheet or report line, section)."""

    rule: str
    severity: Severity
    message: str
    line: int | None = None
    section: str | None = None
    quote: str | None = field(default=None, compare=False)
    """The offending words as they stand in the text (where a comment is anchored), if any."""
    count: int = field(default=1, compare=False)
    """How many places this finding stands for (more than one where a repeated fault is grouped)."""

    def as_dict(self) -> dict[str, Any]:
        found = asdict(self)
        if self.quote is None:
            del found["quote"]
        if self.count == 1:
            del found["count"]
        return found


def format_finding(finding: Finding, source: str) -> str:
    place = [source] + ([f"第{finding.line}行"] if finding.line else []) + ([finding.section] if finding.section else [])
    return f"{SEVERITY_LABELS[finding.severity]}：{'，'.join(place)}：{finding.message}"
