"""The document model: what a report *is*, independent of any file format.

Readers (the fact sheet through the templates; later .txt/.docx import) produce a
:class:`Document`; transforms (numbering, script conversion) rewrite it; writers
(DOCX, plain text) lay it out. The model holds structure and words only: a heading
knows its *level*, never its typed number, and nothing here knows a font.
Computed fields (``number``, ``path``, ``marker``) are empty until :func:`drafter.numbering.number`
fills them, so every writer shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Union

ItemStyle = Literal["ordinal", "dash", "arabic"]
"""How an enumeration is marked: 一是/二是 (ordinal), —— (dash) or 1. 2. (arabic)."""

PartKind = Literal["achievements", "responsibility", "shortcomings", "plans", "other"]
"""The parts the 2019 督察工作规定 requires of an annual report, plus "other"."""

PART_KIND_LABELS: dict[str, str] = {
    "achievements": "主要举措和成效",
    "responsibility": "第一责任人履职情况",
    "shortcomings": "不足和原因",
    "plans": "下一年度安排",
    "other": "其他",
}
"""How a clerk names each kind (outline, check messages)."""

PART_KIND_WORDS: dict[PartKind, tuple[str, str]] = {
    "responsibility": ("第一责任人", r"履行.{0,12}职责"),
    "shortcomings": ("不足|问题|差距", "短板"),
    "plans": ("计划|安排|打算", "下一步|下一年|思路|重点工作|目标任务"),
    "achievements": ("举措|成效", "情况|开展|主要工作|进展|成绩|做法"),
}
"""The words of each kind, as regular expressions: (what a passage about it says, what else a
title of such a part says). A level-1 title is of the first kind either matches (so this order:
“存在的问题和下一步打算” is shortcomings); ``check`` takes a report whose text says the first
for a part that is there but not set apart."""

MAX_HEADING_LEVEL = 4
"""GB/T 9704-2012 7.3.3 defines four heading levels: 一、 （一） 1. （1）."""


@dataclass(frozen=True)
class NumberingHabits:
    """Local numbering habits a report may keep instead of the GB/T 9704-2012 7.3.3 form:
    level 1 as 第一部分 (``part_markers``), level 3 counted on through a whole part rather
    than restarting under each （一） (``level3_straight``), and "1、" for "1." (``arabic_mark``)."""

    part_markers: bool = False
    level3_straight: bool = False
    arabic_mark: Literal[".", "、"] = "."


STANDARD_NUMBERING = NumberingHabits()


@dataclass
class Item:
    """One entry of an enumeration; ``lead`` is its run-in heading sentence, if any."""

    text: str
    lead: str = ""
    marker: str = ""


@dataclass
class ItemList:
    """An enumeration. As a block, each item is its own paragraph; inside a
    :class:`Paragraph` the items continue that paragraph (一是…。二是…。)."""

    style: ItemStyle
    items: list[Item] = field(default_factory=list)


@dataclass
class Paragraph:
    """A body paragraph; ``items`` are an enumeration run on after its text."""

    text: str = ""
    items: ItemList | None = None


@dataclass
class Heading:
    """A numbered heading. ``runin`` is the body that follows the heading sentence
    in the same paragraph (公文 style "（一）标题。正文……"); ``kind`` marks the
    required part a level-1 heading opens."""

    level: int
    text: str
    kind: PartKind | None = None
    runin: Paragraph | None = None
    number: str = ""
    path: tuple[int, ...] = ()
    """Computed with ``number``: the counters of this heading and its parents, (2, 3) for 二、（三）."""
    label: str = ""
    """Computed with ``number``: the numbers of this heading and its parents as printed, 二、（三）."""
    source: tuple[Any, ...] = ()
    """The sheet path of the part or section this heading prints, ("parts", 1, "sections", 2);
    empty for a heading a pack writes of its own and for a report read back. ``check`` names a
    finding in a sheet field by the heading its field prints under."""


@dataclass
class Table:
    """A simple grid with one header row, e.g. key figures of the year."""

    caption: str
    header: list[str]
    rows: list[list[str]]


Block = Union[Heading, Paragraph, ItemList, Table]


@dataclass
class Formal:
    """The 版头 and 版记 of the formal copy sent upward (GB/T 9704-2012 7.2 and 7.4): words
    only, as the clerk gave them; where each goes on the page is the writer's business."""

    mark: str
    """发文机关标志: ``博乐市人民政府文件``, or the agency's name alone."""
    number: str = ""
    """发文字号: ``博政发〔2024〕12号``."""
    signers: list[str] = field(default_factory=list)
    """签发人 of an upward document; with them the number moves left (7.2.5, 7.2.6)."""
    secrecy: str = ""
    """密级和保密期限, top left of the first page (7.2.2)."""
    urgency: str = ""
    """紧急程度, below the secrecy line (7.2.3)."""
    copies_to: list[str] = field(default_factory=list)
    """抄送机关 (7.4.2)."""
    printed_by: str = ""
    """印发机关 (7.4.3)."""
    printed_on: str = ""
    """印发日期 as printed: ``2024年3月21日印发``."""
    own_page: bool = False
    """The 版记 on a page of its own: set when the body ends on an odd page, so the 版记 stands
    on its back, the document's last (even) page, as double-sided printing wants (7.4)."""
    blank_page: bool = False
    """With ``own_page``: an unnumbered blank page before the 版记's page, also unnumbered (7.5),
    for a body that ends on an even page with no room left for the 版记."""


@dataclass
class Attachment:
    """An attachment (附件). Its title is listed in the 附件说明 under the body (GB/T 9704-2012
    7.3.4); when its text is part of the report, it follows the signature on a page of its own,
    headed 附件N (7.3.7). ``body`` empty: only named, its text is sent separately."""

    title: str
    body: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A whole report: title block, addressee, body, signature, date and closing lines."""

    title: list[str] = field(default_factory=list)
    byline: str = ""
    addressee: str = ""
    body: list[Block] = field(default_factory=list)
    issuer: str = ""
    date: str = ""
    closing: list[str] = field(default_factory=list)
    formal: Formal | None = None
    """The 版头 and 版记, set only for the formal copy; the draft is the body alone."""
    attachments: list[Attachment] = field(default_factory=list)
    numbering: NumberingHabits = STANDARD_NUMBERING

    def headings(self) -> list[Heading]:
        """All headings in reading order (the outline)."""
        return [block for block in self.body if isinstance(block, Heading)]
