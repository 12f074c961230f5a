"""Recognise the formal copy's 版头 and 版记 (GB/T 9704-2012 7.2, 7.4) in a report's lines.

A report sent upward as a formal document opens with its 密级/紧急程度, the 发文机关标志
(``博乐市人民政府文件``) and the 发文字号 line (``博政发〔2024〕12号  签发人：李明``), and ends
with the 版记 (``抄送：……。`` and ``博乐市人民政府办公室  2024年3月21日印发``). They are
taken off before the report's own structure is read, and come back as :class:`Formal`, so a
formal copy imports to a sheet that builds the same formal copy again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Formal

_SECRECY = re.compile(r"(绝密|机密|秘密)(★.*)?")
_URGENCY = re.compile(r"特急|加急|特提|平急")
_NUMBER = re.compile(r"(?P<number>\S*[〔\[【（(]\s*\d{4}\s*[〕\]】）)]\s*第?\s*\d+\s*号)\s*(签发人[:：]\s*(?P<signers>.+))?")
_SIGNERS = re.compile(r"签发人[:：]\s*(?P<signers>.+)")
_PRINTED = re.compile(r"(?P<office>\S.*?)\s*(?P<date>(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)\s*印发")
_COPIES = re.compile(r"抄\s*送[:：]\s*(?P<names>.*)")
_NAME_SEPARATORS = re.compile(r"[，,、；;\s]+")
_HEAD_LINES = 6  # 密级, 紧急程度, the mark, up to two lines of 签发人 and the number


@dataclass(frozen=True)
class FormalLines:
    """What was found, and how many lines it took at the head and at the tail."""

    formal: Formal
    printed_on: dt.date | None
    head: int
    tail: int


def _names(text: str) -> list[str]:
    return [name for name in _NAME_SEPARATORS.split(text.strip().rstrip("。")) if name]


def _head(texts: list[str]) -> tuple[dict[str, object], int] | None:
    """The 版头 at the start of ``texts``: present only when a 发文字号 line follows a mark."""
    found: dict[str, object] = {"signers": []}
    for index, text in enumerate(texts[:_HEAD_LINES]):
        line = text.strip()
        number = _NUMBER.fullmatch(line)
        if number and "mark" in found:
            found["number"] = re.sub(r"\s+", "", number["number"])
            if number["signers"]:
                found["signers"] = [*found["signers"], *_names(number["signers"])]  # type: ignore[misc]
            return found, index + 1
        if (signers := _SIGNERS.fullmatch(line)) and "mark" in found:
            found["signers"] = _names(signers["signers"])
        elif _SECRECY.fullmatch(line) and "mark" not in found:
            found["secrecy"] = line
        elif _URGENCY.fullmatch(line) and "mark" not in found:
            found["urgency"] = line
        elif line and "mark" not in found:
            found["mark"] = line
        elif line:
            return None
    return None


def _tail(texts: list[str]) -> tuple[dict[str, object], int]:
    """The 版记 at the end of ``texts`` (印发 line last, 抄送 lines before it), if any."""
    found: dict[str, object] = {}
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    if end and (printed := _PRINTED.fullmatch(texts[end - 1].strip())):
        found["printed_by"] = printed["office"].strip()
        found["printed_on"] = dt.date(int(printed["y"]), int(printed["m"]), int(printed["d"]))
        end -= 1
    for start in range(end - 1, max(end - 4, -1), -1):  # 抄送 wraps over a few lines at most
        if copies := _COPIES.fullmatch(texts[start].strip()):
            found["copies_to"] = _names(" ".join([copies["names"], *texts[start + 1:end]]))
            end = start
            break
    return found, len(texts) - end if found else 0


def split_formal(texts: list[str]) -> FormalLines | None:
    """The 版头 and 版记 of a formal copy, or None for a report without a 版头."""
    head = _head(texts)
    if head is None:
        return None
    fields, head_lines = head
    tail, tail_lines = _tail(texts[head_lines:])
    printed_on = tail.pop("printed_on", None)
    formal = Formal(
        mark=str(fields["mark"]), number=str(fields["number"]), signers=list(fields["signers"]),  # type: ignore[call-overload]
        secrecy=str(fields.get("secrecy", "")), urgency=str(fields.get("urgency", "")),
        copies_to=list(tail.get("copies_to", [])),  # type: ignore[call-overload]
        printed_by=str(tail.get("printed_by", "")),
        printed_on=f"{printed_on.year}年{printed_on.month}月{printed_on.day}日印发" if printed_on else "",
    )
    return FormalLines(formal, printed_on, head_lines, tail_lines)  # type: ignore[arg-type]
