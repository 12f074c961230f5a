"""Recognise the outline of a finished report — from text lines or .docx paragraphs — as a document model.

Both the .txt and the .docx reader hand over :class:`Line` objects; a .docx made by drafter
adds exact hints (the paragraph's role from its style, where a run-in body and item leads
begin), a plain text carries none and is read by the patterns real reports use:
title, addressee "……：", byline, headings 一、/（一）/1./（1） (also with half-width or
"、" variants), run-in headings "（一）标题。正文", enumerations 一是……二是…… and "——"
lines, the date line and closing lines such as 审核人. Typed numbers are checked and
dropped: the model computes them again; gaps and repeats are reported with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem
from ..model import Document, Heading, Item, ItemList, ItemStyle, Paragraph, Table
from ..numbering import chinese_numeral, heading_number, numeral_value
from ..script import Script, convert_text, is_traditional, learn_forms
from .noise import Cleaning, clean_line, squeeze_spaces

_CN = "一二三四五六七八九十百零〇"
# Marker kinds in GB/T 9704 order: the level each would have in a well-formed report.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(rf"^([{_CN}]+)[、.．]\s*(.*)$")),
    ("paren_cn", re.compile(rf"^[（(]([{_CN}]+)[）)][、.．]?\s*(.*)$")),
    ("arabic", re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)\s*(.*)$")),
    ("paren_arabic", re.compile(r"^[（(](\d{1,3})[）)][、.．]?\s*(.*)$")),
]
_GB_ORDER = {kind: n for n, (kind, _) in enumerate(_MARKERS, start=1)}
_ORDINAL = re.compile(rf"([{_CN}]+)是")
_ITEM_BOUNDARY = "。；：！？"
_DASH = re.compile(r"^[—―─-]{2}\s*(.*)$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CLOSING = re.compile(r"^(审核人|審核人|审核|審核|编辑|編輯|责任编辑|責任編輯|责编|責編|校对|校對|来源|來源|作者|撰稿|供稿)\s*[：:]")
_SENTENCE_PUNCT = re.compile(r"[。；！？]")
_LEAD_MAX = 30  # a lead sentence longer than this is the item's text, not its heading


@dataclass
class Line:
    """One paragraph of the source. ``role``, ``runin_at`` and ``leads`` come from a .docx
    made by drafter (its styles say exactly what each piece is); text leaves them unset."""

    text: str
    number: int
    role: str | None = None
    runin_at: int | None = None
    leads: list[int] = field(default_factory=list)
    cells: list[list[str]] | None = None


@dataclass
class Reading:
    """The recognised document, what the clerk should check, and the source's script."""

    document: Document
    warnings: list[Problem] = field(default_factory=list)
    script: Script = "simplified"
    """The script to build the sheet in to give the source back (a traditional source
    converted to a simplified sheet is built in its variant again)."""
    forms: dict[str, str] = field(default_factory=dict)
    """Characters where the source departs from that variant's standard conversion."""


def sentences_split(text: str) -> tuple[str, str]:
    """The first sentence (without its 。) and the rest."""
    match = re.search("。", text)
    if not match:
        return text, ""
    return text[: match.start()], text[match.end():]


def _lead_and_text(body: str, line: Line, offset: int, exact: bool) -> tuple[str, str]:
    """Split an item's words into lead sentence and text: exactly where a .docx says so,
    otherwise at the first "。" when that sentence is short and more follows."""
    if exact:
        if offset in line.leads:
            lead, rest = sentences_split(body)
            return lead, rest
        return "", body
    lead, rest = sentences_split(body)
    if rest and len(lead) <= _LEAD_MAX and not re.search("[，；：]", lead):
        return lead, rest
    return "", body


def _ordinal_positions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the markers 一是, 二是, … in order, each at the start of the text
    or right after a sentence or clause end; fewer than two is no enumeration."""
    found: list[tuple[int, int]] = []
    position = 0
    for n in range(1, 100):
        marker = f"{chinese_numeral(n)}是"
        while True:
            at = text.find(marker, position)
            if at < 0:
                return found if len(found) >= 2 else []
            if at == 0 or text[at - 1] in _ITEM_BOUNDARY:
                found.append((at, at + len(marker)))
                position = at + len(marker)
                break
            position = at + 1
    return found


def split_inline_items(text: str, line: Line, base: int, exact: bool) -> Paragraph:
    """A paragraph whose tail is an enumeration 一是……二是…… becomes text + inline items."""
    positions = _ordinal_positions(text)
    if not positions:
        return Paragraph(text)
    items = ItemList("ordinal")
    for n, (_, end) in enumerate(positions):
        stop = positions[n + 1][0] if n + 1 < len(positions) else len(text)
        lead, rest = _lead_and_text(text[end:stop], line, base + end, exact)
        items.items.append(Item(rest, lead))
    return Paragraph(text[: positions[0][0]], items)


class _Recogniser:
    """Reads body lines in order into the document, keeping the open headings for numbering checks."""

    def __init__(self, source: str, exact: bool) -> None:
        self.source = source
        self.exact = exact
        self.doc = Document()
        self.warnings: list[Problem] = []
        self.stack: list[tuple[str, int]] = []  # (marker kind, number as typed) of each open level
        self.items: ItemList | None = None
        self.caption: str | None = None

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(Problem(message, self.source, line.number))

    # -- headings -------------------------------------------------------------------------
    @staticmethod
    def heading_marker(line: Line) -> tuple[str, int, str] | None:
        """(marker kind, number, text after it) when the line opens with a heading marker."""
        for kind, pattern in _MARKERS:
            match = pattern.match(line.text)
            if match and match.group(2):
                try:
                    return kind, numeral_value(match.group(1)), match.group(2)
                except ValueError:
                    return None
        return None

    def level_for(self, kind: str) -> int:
        """A marker kind already open is a sibling there; a new kind nests under the last
        open kind that ranks above it in GB/T 9704 order."""
        kinds = [k for k, _ in self.stack]
        if kind in kinds:
            return kinds.index(kind) + 1
        depth = len(self.stack)
        while depth and _GB_ORDER[self.stack[depth - 1][0]] > _GB_ORDER[kind]:
            depth -= 1
        return depth + 1

    def check_number(self, line: Line, kind: str, number: int, level: int) -> None:
        """Warn once per numbering fault. A heading is right when it follows the number typed
        before it or the position that heading really had, so the correct （四） after a repeated
        （二）, or the （四） after a skipped （三）, is not reported again as a knock-on fault."""
        positions: dict[int, int] = self.__dict__.setdefault("positions", {})  # level → counted position of its last heading
        if len(self.stack) >= level:
            previous = self.stack[level - 1][1]
            counted = positions.get(level, previous)
        else:
            previous = counted = 0
        positions[level] = counted + 1
        if number in (previous + 1, counted + 1):
            return
        typed, wanted = heading_number(_GB_ORDER[kind], number), heading_number(_GB_ORDER[kind], counted + 1)
        if previous == 0 and level > 1:
            why = "在新的上级标题下应从头编号，原文可能是连续编号"
        elif number == previous:
            why = "与上一个序号重复"
        else:
            why = "跳号"
        self.warn(line, f"序号“{typed}”处应为“{wanted}”（{why}），已重新编号")

    def heading(self, line: Line, kind: str, number: int, rest: str, level: int | None) -> None:
        if level is None:
            level = self.level_for(kind)
            if _GB_ORDER[kind] != level and level <= 4:
                typed = heading_number(_GB_ORDER[kind], number)
                self.warn(line, f"第{level}级标题用了“{typed}”，已按规范改用“{heading_number(level, 1)}”一类的序号")
        if level > 4:
            self.warn(line, "标题超过四级，已作为正文段落")
            self.paragraph(line, line.text)
            return
        self.check_number(line, kind, number, level)
        del self.stack[level - 1:]
        self.stack.append((kind, number))
        prefix = len(line.text) - len(rest)
        if self.exact:
            split = None if line.runin_at is None else line.runin_at - prefix
        else:
            first, after = sentences_split(rest)
            split = len(first) + 1 if after else None
        heading = Heading(level, rest if split is None else rest[:split].removesuffix("。"))
        if split is not None:
            heading.runin = split_inline_items(rest[split:], line, prefix + split, self.exact)
        self.add(heading)

    # -- body -----------------------------------------------------------------------------
    def add(self, block: Heading | Paragraph | ItemList | Table) -> None:
        if self.caption is not None:  # a caption not followed by its table is a paragraph
            self.doc.body.append(Paragraph(self.caption))
            self.caption = None
        self.doc.body.append(block)
        self.items = block if isinstance(block, ItemList) else None

    def paragraph(self, line: Line, text: str) -> None:
        self.add(split_inline_items(text, line, 0, self.exact))

    def item(self, line: Line, style: ItemStyle, text: str, offset: int) -> None:
        if self.items is None or self.items.style != style:
            self.add(ItemList(style))
        lead, rest = _lead_and_text(text, line, offset, self.exact)
        assert self.items is not None
        self.items.items.append(Item(rest, lead))

    def table(self, rows: list[list[str]]) -> None:
        caption, self.caption = self.caption or "", None
        last = self.doc.body[-1] if self.doc.body else None
        if not self.exact and not caption and isinstance(last, Paragraph) and not last.items and len(last.text) <= 30 \
                and not _SENTENCE_PUNCT.search(last.text):
            caption = self.doc.body.pop().text  # a short line right above a table is its caption
        self.add(Table(caption, rows[0], rows[1:]))

    def body_line(self, line: Line) -> None:
        text = line.text
        if line.cells is not None:
            self.table(line.cells)
            return
        if line.role == "caption":
            self.caption = text
            return
        level = int(line.role[-1]) if line.role and line.role.startswith("heading") else None
        marker = self.heading_marker(line)
        if marker and (level or not self.exact):
            self.heading(line, *marker, level=level)
            return
        if marker and marker[0] == "arabic":  # in a drafter draft, "1." outside a heading style is an item
            expected = len(self.items.items) + 1 if self.items and self.items.style == "arabic" else 1
            if marker[1] == expected:
                self.item(line, "arabic", marker[2], len(text) - len(marker[2]))
                return
        dash = _DASH.match(text)
        if dash and dash.group(1):
            self.item(line, "dash", dash.group(1), len(text) - len(dash.group(1)))
            return
        ordinal = _ORDINAL.match(text)
        if ordinal and len(_ordinal_positions(text)) < 2:
            expected = len(self.items.items) + 1 if self.items and self.items.style == "ordinal" else 1
            if numeral_value(ordinal.group(1)) == expected:
                self.item(line, "ordinal", text[ordinal.end():], ordinal.end())
                return
        self.paragraph(line, text)


def front_role(line: Line) -> str | None:
    """What a line before the body is: title, byline or addressee (None: the body begins)."""
    text = line.text
    if _SENTENCE_PUNCT.search(text) or len(text) > 60:
        return None
    if text.endswith(("：", ":")) and "，" not in text:
        return "addressee"
    if len(text) > 40:
        return None
    if re.search(r"\S\s+\S{2,4}$", text):
        return "byline"
    return None if "，" in text else "title"


def _is(line: Line, role: str, exact: bool, pattern: re.Pattern[str]) -> bool:
    return line.role == role if exact else bool(pattern.match(line.text))


def recognise(lines: list[Line], source: str, exact: bool = False) -> Reading:
    """Turn a report's lines into a document model (numbers not yet assigned) and warnings.

    ``exact``: the lines come from a .docx made by drafter, whose roles are authoritative.
    """
    recogniser = _Recogniser(source, exact)
    doc = recogniser.doc
    lines = [line for line in lines if line.text or line.cells is not None]
    start = 0
    for line in lines:
        role = line.role if exact else front_role(line)
        if recogniser.heading_marker(line) and not exact:
            break
        if role == "title" and not (doc.byline or doc.addressee):
            doc.title.append(line.text)
        elif role == "byline" and not (doc.byline or doc.addressee):
            doc.byline = line.text
        elif role == "addressee" and not doc.addressee:
            doc.addressee = line.text.rstrip(":：") + "："
        else:
            break
        start += 1
    end = len(lines)
    while end > start and _is(lines[end - 1], "closing", exact, _CLOSING):
        doc.closing.insert(0, re.sub(r"\s*[：:]\s*", "：", lines[end - 1].text, count=1))
        end -= 1
    if end > start and _is(lines[end - 1], "date", exact, _DATE):
        doc.date = lines[end - 1].text
        end -= 1
    issuer = lines[end - 1] if end > start else None
    if issuer and (issuer.role == "issuer" if exact else doc.date and len(issuer.text) <= 30
                   and not _SENTENCE_PUNCT.search(issuer.text) and not recogniser.heading_marker(issuer)):
        doc.issuer = issuer.text
        end -= 1
    for line in lines[start:end]:
        recogniser.body_line(line)
    if recogniser.caption is not None:
        doc.body.append(Paragraph(recogniser.caption))
    return Reading(doc, recogniser.warnings)


def read_lines(lines: list[Line], source: str, keep_script: bool = False, exact: bool = False) -> Reading:
    """Clean web noise, bring traditional script to simplified (unless ``keep_script``),
    recognise the outline, and report every change made on the way."""
    cleaning = Cleaning()
    if not exact:
        for line in lines:
            if line.cells is not None:  # a table: its cells are the text
                line.cells = [[clean_line(cell, line.number, cleaning) for cell in row] for row in line.cells]
                line.text = ""
            else:
                line.text = clean_line(line.text, line.number, cleaning)
        front = 0
        for line in lines:
            if front < 3 and line.text and front_role(line) == "byline":
                front += 1
                continue  # the space in "市长 赵建伟" parts post and name
            front += bool(line.text)
            line.text = squeeze_spaces(line.text, line.number, cleaning)
    traditional = is_traditional("".join(line.text for line in lines[:200]))
    script: Script = "simplified"
    forms: dict[str, str] = {}
    if traditional and not keep_script:
        original = "\n".join(line.text for line in lines)
        for line in lines:
            line.text = convert_text(line.text, "t2s")
            if line.cells:
                line.cells = [[convert_text(cell, "t2s") for cell in row] for row in line.cells]
        script, forms = learn_forms(original, "\n".join(line.text for line in lines))
    reading = recognise(lines, source, exact)
    reading.script, reading.forms = script, forms
    notes = [
        Problem(f"{label}：{count}处（第{_line_list(numbers)}行）", source)
        for label, count, numbers in cleaning.summary()
    ]
    if traditional:
        notes.insert(0, Problem("原文为繁体字" + ("，已保留繁体" if keep_script else
                                "，事实表已转为简体，成稿仍按原文的繁体用字输出（meta.script、meta.script_forms；"
                                "导入时加 --keep-script 可保留繁体原文）"), source))
    reading.warnings[:0] = notes
    return reading


def _line_list(numbers: list[int], most: int = 8) -> str:
    shown = "、".join(str(n) for n in numbers[:most])
    return shown + ("等" if len(numbers) > most else "")
