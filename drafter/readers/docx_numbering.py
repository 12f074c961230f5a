"""The numbers Word, WPS and LibreOffice show before list paragraphs, computed from numbering.xml.

Automatic numbering is not in the paragraph's text: the paragraph names a list (``w:numPr``:
``w:numId`` and level ``w:ilvl``, directly or through its style) and the list's definition
(``w:abstractNum``) says how each level is written (``w:numFmt``, ``w:lvlText`` such as "%1、"
or "（%2）"), where it starts (``w:start``) and when it restarts (``w:lvlRestart``). A list
instance (``w:num``) may override the start of a level (``w:lvlOverride/w:startOverride``),
which restarts the count, or redefine a level for itself; instances of one abstract list
otherwise count on together, as Word does. Word's multilevel lists are often list styles: an
abstract list that only says ``w:numStyleLink`` takes its levels from the one with that ``w:styleLink``. Only what a report uses is modelled: decimal, Chinese counting, letters, Roman
numerals, circled numbers; bullets give no number (the recogniser then sees the bare text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from .. import ooxml
from ..numbering import chinese_numeral

_LEVELS = 9


def _int(value: str | None, default: int) -> int:
    """An integer attribute; Word files from other programs sometimes carry junk there."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _letters(n: int, upper: bool) -> str:
    text = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("A") + rest) + text
    return text if upper else text.lower()


def _roman(n: int, upper: bool) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in values:
        while n >= value:
            text, n = text + letters, n - value
    return text if upper else text.lower()


def format_number(n: int, fmt: str) -> str:
    """One counter written in a ``w:numFmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified") and 0 < n < 10000:
        return chinese_numeral(n)
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        return _letters(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        return _roman(n, fmt == "upperRoman")
    if fmt == "decimalEnclosedCircle" and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # restart after this (1-based) level; None: after any higher level


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)


class ListNumbers:
    """Walks a document's paragraphs in order and gives each list paragraph its visible number."""

    def __init__(self, document: DocxDocument) -> None:
        self.abstract: dict[str, _List] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.counters: dict[str, list[int | None]] = {}  # per abstract list: the count at each level
        self.started: set[str] = set()  # numIds whose start overrides have been applied
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}
        numbering = ooxml.numbering_element(document)
        if numbering is not None:
            self._read(numbering)
        for style in document.styles:
            ppr = style.element.pPr
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is not None:
                self.style_numbering[style.style_id] = self._num_pr(num_pr)

    def _read(self, root: object) -> None:
        by_style: dict[str, _List] = {}  # list styles: Word's multilevel lists are often defined as one
        links: dict[str, str] = {}
        for abstract in root.findall(qn("w:abstractNum")):  # type: ignore[attr-defined]
            listing = _List()
            for lvl in abstract.findall(qn("w:lvl")):
                listing.levels[_int(lvl.get(qn("w:ilvl")), 0)] = self._level(lvl)
            abstract_id = abstract.get(qn("w:abstractNumId"))
            self.abstract[abstract_id] = listing
            style_link, num_style_link = abstract.find(qn("w:styleLink")), abstract.find(qn("w:numStyleLink"))
            if style_link is not None:
                by_style[style_link.get(qn("w:val"))] = listing
            if num_style_link is not None:  # "use the list style X": its levels live in X's abstractNum
                links[abstract_id] = num_style_link.get(qn("w:val"))
        for abstract_id, style in links.items():
            if style in by_style:
                self.abstract[abstract_id] = by_style[style]
        for num in root.findall(qn("w:num")):  # type: ignore[attr-defined]
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            num_id, abstract_id = num.get(qn("w:numId")), ref.get(qn("w:val"))
            overrides: dict[int, int] = {}
            redefined: dict[int, _Level] = {}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[ilvl] = _int(start.get(qn("w:val")), 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    redefined[ilvl] = self._level(lvl)
            if redefined:  # levels redefined for this instance: a list of its own
                base = self.abstract.get(abstract_id, _List())
                abstract_id = f"{abstract_id}/{num_id}"
                self.abstract[abstract_id] = _List({**base.levels, **redefined})
            self.nums[num_id] = (abstract_id, overrides)

    @staticmethod
    def _level(lvl: object) -> _Level:
        def val(tag: str) -> str | None:
            node = lvl.find(qn(tag))  # type: ignore[attr-defined]
            return node.get(qn("w:val")) if node is not None else None

        restart = val("w:lvlRestart")
        return _Level(_int(val("w:start"), 1), val("w:numFmt") or "decimal", val("w:lvlText") or "",
                      _int(restart, 0) if restart is not None else None)

    @staticmethod
    def _num_pr(num_pr: object) -> tuple[str | None, int | None]:
        num_id = num_pr.find(qn("w:numId"))  # type: ignore[attr-defined]
        ilvl = num_pr.find(qn("w:ilvl"))  # type: ignore[attr-defined]
        return (num_id.get(qn("w:val")) if num_id is not None else None,
                _int(ilvl.get(qn("w:val")), 0) if ilvl is not None else None)

    def _numbering_of(self, paragraph: DocxParagraph) -> tuple[str | None, int]:
        """The list and level of a paragraph: its own ``w:numPr``, else its style's."""
        num_id, ilvl = None, None
        ppr = ooxml.element(paragraph).pPr
        if ppr is not None and ppr.numPr is not None:
            num_id, ilvl = self._num_pr(ppr.numPr)
        style_id = ooxml.style_id(paragraph)
        if style_id in self.style_numbering:
            style_num, style_lvl = self.style_numbering[style_id]
            num_id = num_id or style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        return num_id, ilvl or 0

    def number(self, paragraph: DocxParagraph) -> str:
        """The number shown before this paragraph ("一、", "（二）", "3."), or "" for none.
        Call once per paragraph, in document order: the counters advance."""
        num_id, ilvl = self._numbering_of(paragraph)
        if not num_id or num_id == "0" or num_id not in self.nums or not 0 <= ilvl < _LEVELS:
            return ""
        abstract_id, overrides = self.nums[num_id]
        listing = self.abstract.get(abstract_id)
        if listing is None or ilvl not in listing.levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self.started:  # a list instance with start overrides begins afresh there
            self.started.add(num_id)
            for at, start in overrides.items():
                if 0 <= at < _LEVELS:
                    counters[at] = start - 1
        level = listing.levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = listing.levels.get(deeper, _Level()).restart
            if restart is None or (restart and ilvl <= restart - 1):  # 0: never restarts
                counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        def placeholder(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown = listing.levels.get(at, _Level())
            count = counters[at]
            return format_number(shown.start if count is None else count, shown.fmt)

        return re.sub(r"%([1-9])", placeholder, level.text)
