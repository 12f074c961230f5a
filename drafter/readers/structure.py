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

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import Problem, ReportError
from ..model import MAX_HEADING_LEVEL, Attachment, Document, NumberingHabits, Heading, Item, ItemList, ItemStyle, Paragraph, Table
from ..numbering import chinese_numeral, heading_number, numeral_value
from ..script import Script, convert_text, is_traditional, learn_forms
from .formal import split_formal
from .noise import Cleaning, clean_line, sheet_safe, squeeze_spaces

_CN = "一二三四五六七八九十百千零〇"
# Marker kinds in GB/T 9704 order: the level each would have in a well-formed report.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第([{_CN}]+)部分[\s：:、，,.．—-]*(.*)$")),
    ("cn", re.compile(rf"^([{_CN}]+)[、.．]\s*(.*)$")),
    ("paren_cn", re.compile(rf"^[（(]([{_CN}]+)[）)][、.．]?\s*(.*)$")),
    ("arabic", re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)\s*(.*)$")),
    ("paren_arabic", re.compile(r"^[（(](\d{1,3})[）)][、.．]?\s*(.*)$")),
]
# "第一部分" ranks above 一、: its parts open level 1 and the 一、 inside them level 2.
# Unnumbered headings, in a heading style (its level known) or only in bold, rank with 一、.
_UNNUMBERED = ("styled", "bold")
_GB_ORDER = {"part": 0, "cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "styled": 1, "bold": 1}
_ORDINAL = re.compile(rf"([{_CN}]+)是")
_ITEM_BOUNDARY = "。；：！？"
_DASH = re.compile(r"^[—―─-]{2}\s*(.*)$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
# 成文日期 typed in Chinese numerals (二〇二四年三月二十日), as older documents and some clerks write it;
# "○" and "Ｏ" are the usual stand-ins for 〇.
_YEAR_DIGITS = {ch: str(n) for n, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}
_CN_DATE = re.compile(r"^([〇零○ＯO一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$")
_CLOSING = re.compile(r"^(审核人|審核人|审核|審核|编辑|編輯|责任编辑|責任編輯|责编|責編|校对|校對|来源|來源|作者|撰稿|供稿)\s*[：:]")
_SENTENCE_PUNCT = re.compile(r"[。；！？]")
_LEAD_MAX = 30  # a lead sentence longer than this is the item's text, not its heading
_MOST_SIBLINGS = 999  # headings of one level under one parent; a year's report has a dozen at most


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
        if not rest.strip():  # "……二是" with nothing after: an item needs words
            if not lead.strip():
                return Paragraph(text)
            lead, rest = "", lead
        items.items.append(Item(rest, lead))
    return Paragraph(text[: positions[0][0]], items)


def _typed(kind: str, number: int) -> str:
    """A heading number in the source's own form, for messages (第一部分, 零、 and （零） too)."""
    numeral = chinese_numeral(number) if number else "零"
    return {"part": f"第{numeral}部分", "cn": f"{numeral}、", "paren_cn": f"（{numeral}）", "arabic": f"{number}.",
            "paren_arabic": f"（{number}）", "styled": "", "bold": ""}[kind]


def _rows(cells: list[list[str]]) -> list[list[str]]:
    """A table's rows, rectangular: rows without words dropped, short rows padded."""
    rows = [row for row in cells if any(cell.strip() for cell in row)]
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


class _Recogniser:
    """Reads body lines in order into the document, keeping the open headings for numbering checks."""

    def __init__(self, source: str, exact: bool) -> None:
        self.source = source
        self.exact = exact
        self.doc = Document()
        self.warnings: list[Problem] = []
        self.stack: list[tuple[str, int]] = []  # (marker kind, number as typed) of each open level
        self.positions: dict[int, int] = {}  # level → counted position of its last heading
        self.items: ItemList | None = None
        self.caption: str | None = None
        self.siblings = [0] * (MAX_HEADING_LEVEL + 1)  # headings so far at each level under the open parent
        # Numbering habits seen: marker kinds of level-1 headings, the separators typed after level-3
        # numbers, and level-3 numbers that count on across （一）（二） or restart under each.
        self.level1_kinds: Counter[str] = Counter()
        self.level3_marks: Counter[str] = Counter()
        self.level3_run = 0
        self.straight = self.restarts = 0

    def warn(self, line: Line | None, message: str) -> None:
        self.warnings.append(Problem(message, self.source, line.number if line else None))

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
        if len(self.stack) >= level:
            previous = self.stack[level - 1][1]
            counted = self.positions.get(level, previous)
        else:
            previous = counted = 0
        self.positions[level] = counted + 1
        if number in (previous + 1, counted + 1) or kind in _UNNUMBERED:
            return
        if level == 3 and previous == 0 and self.level3_run:
            if number == self.level3_run + 1:  # 1. 2. counted on through the part: a habit, kept
                self.straight += 1
                return
            self.restarts += number == 1
        typed, wanted = _typed(kind, number), _typed(kind, counted + 1)
        if previous == 0 and level > 1:
            why = "在新的上级标题下应从头编号，原文可能是连续编号"
        elif number == 0:
            why = "序号从一编起"
        elif number == previous:
            why = "与上一个序号重复"
        else:
            why = "跳号"
        self.warn(line, f"序号“{typed}”处应为“{wanted}”（{why}），已重新编号")

    def heading(self, line: Line, kind: str, number: int, rest: str, level: int | None) -> None:
        if level is None:
            level = self.level_for(kind)
            if _GB_ORDER[kind] != level and level <= 4 and not (kind == "part" and level == 1):
                typed = _typed(kind, number)
                self.warn(line, f"第{level}级标题用了“{typed}”，已按规范改用“{heading_number(level, 1)}”一类的序号")
        if level > MAX_HEADING_LEVEL:
            self.warn(line, "标题超过四级，已作为正文段落")
            self.paragraph(line, line.text)
            return
        self.check_number(line, kind, number, level)
        if level == 1:
            self.level1_kinds[kind] += 1
            self.level3_run = 0
        elif level == 3:
            self.level3_run = number
            if kind == "arabic":
                self.level3_marks[line.text[len(str(number)):][:1]] += 1
        self.siblings[level] += 1
        self.siblings[level + 1:] = [0] * (MAX_HEADING_LEVEL - level)
        if self.siblings[level] > _MOST_SIBLINGS:
            raise ReportError(Problem(f"同一级标题超过{_MOST_SIBLINGS}个，不像一份年度报告；请检查文件是否选对，"
                                      "或原文的序号是否为正文中的列表", self.source, line.number))
        del self.stack[level - 1:]
        self.stack.append((kind, number))
        prefix = len(line.text) - len(rest)
        if self.exact:
            split = None if line.runin_at is None else line.runin_at - prefix
        else:
            first, after = sentences_split(rest)
            split = len(first) + 1 if after else None
        if split is not None and not rest[:split].removesuffix("。").strip():
            split = None  # "（一）。正文": no heading sentence to split off
        heading = Heading(level, rest if split is None else rest[:split].removesuffix("。"))
        if split is not None:
            heading.runin = split_inline_items(rest[split:], line, prefix + split, self.exact)
        self.add(heading)

    def habits(self) -> NumberingHabits:
        """The numbering habits the source keeps consistently, each said once."""
        part = bool(self.level1_kinds) and set(self.level1_kinds) == {"part"}
        mark = "、" if self.level3_marks and set(self.level3_marks) == {"、"} else "."
        notes = [(part, "一级标题写作“第一部分”（GB/T 9704-2012 7.3.3 的写法是“一、”）", "part_markers"),
                 (self.straight > 0, "三级标题 1. 2. 在整个一级部分内连续编号（标准写法是在每个（一）下从1编号）",
                  "level3_straight"),
                 (mark == "、", "三级标题序号后用“、”（标准写法是“1.”）", "arabic_mark")]
        for kept, what, key in notes:
            if kept:
                self.warn(None, f"原文{what}，成稿照原文编号（meta.numbering.{key}；删去即按标准编号）")
        if self.straight and self.restarts:
            self.warn(None, "原文三级标题有的连续编号、有的在每个（一）下重新编号，已按连续编号处理，请核对")
        return NumberingHabits(part, self.straight > 0, mark)  # type: ignore[arg-type]

    def unnumbered_heading(self, line: Line, level: int | None) -> None:
        """A heading the source marks by style or bold type only: its level from the style,
        else from where it stands among the numbered headings."""
        kind = "styled" if level else "bold"
        if level is None:
            level = min(self.level_for(kind), MAX_HEADING_LEVEL)
            self.warn(line, f"加粗的“{line.text}”识别为第{level}级标题（原文没有序号），请核对")
        open_here = self.stack[level - 1] if len(self.stack) >= level else None
        number = open_here[1] + 1 if open_here and open_here[0] == kind else 1
        self.heading(line, kind, number, line.text, level)

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
        if not text.strip():  # a bare "一是": no item without words
            self.paragraph(line, line.text)
            return
        if self.items is None or self.items.style != style:
            self.add(ItemList(style))
        lead, rest = _lead_and_text(text, line, offset, self.exact)
        if not rest.strip():
            lead, rest = "", text
        assert self.items is not None
        self.items.items.append(Item(rest, lead))

    def table(self, line: Line, cells: list[list[str]]) -> None:
        rows = _rows(cells)
        if not rows:
            self.warn(line, "空表格（没有文字）已略去")
            return
        if len(rows) < 2:  # a header without data is no table: its words stay, as a paragraph
            self.warn(line, "只有一行的表格已作为段落保留，请核对")
            self.paragraph(line, "　".join(cell for cell in rows[0] if cell.strip()))
            return
        caption, self.caption = self.caption or "", None
        last = self.doc.body[-1] if self.doc.body else None
        if not self.exact and not caption and isinstance(last, Paragraph) and not last.items and len(last.text) <= 30 \
                and not _SENTENCE_PUNCT.search(last.text):
            caption = self.doc.body.pop().text  # a short line right above a table is its caption
        self.add(Table(caption, rows[0], rows[1:]))

    def body_line(self, line: Line) -> None:
        text = line.text
        if line.cells is not None:
            self.table(line, line.cells)
            return
        if line.role == "caption":
            self.caption = text
            return
        level = int(line.role[-1]) if line.role and line.role.startswith("heading") else None
        marker = self.heading_marker(line)
        if not marker and not self.exact and (level or line.role == "bold"):
            self.unnumbered_heading(line, level)
            return
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


# What an organ's name ends with: the test that tells an addressee list ("中共X县委、X县人民政府，
# X市司法局：") from a sentence that also ends in "：" ("现将有关情况报告如下：").
_ORGAN = re.compile(r"(?:委|委员会|政府|人大|政协|局|厅|办|办公室|部|院|会|处|科|室|中心|组|机关|单位|部门|机构|街道|镇|乡|村)$")
_ADDRESSEE_SEPARATORS = re.compile(r"[、，,；;]")
_ADDRESSEE_LINES = 4  # an addressee list wraps onto a few lines at most


def front_role(line: Line) -> str | None:
    """What a line before the body is: title, byline or addressee (None: the body begins)."""
    text = line.text
    if text.endswith(("：", ":")) and _is_addressee(text):
        return "addressee"
    if _SENTENCE_PUNCT.search(text) or len(text) > 60 or not re.search(r"\w", text):
        return None
    if text.endswith(("：", ":")) and "，" not in text:
        return "addressee"
    if len(text) > 40:
        return None
    if re.search(r"\S\s+\S{2,4}$", text):
        return "byline"
    return None if "，" in text else "title"


def _is_addressee(text: str) -> bool:
    """An addressee list: organ names separated by 、，； and ending in "：" (or still going on)."""
    names = [n.strip() for n in _ADDRESSEE_SEPARATORS.split(text.rstrip("：:")) if n.strip()]
    return bool(names) and not re.search("[。！？]", text) and all(len(n) <= 30 and _ORGAN.search(n) for n in names)


def _addressee_lines(lines: list[Line], at: int) -> int:
    """How many lines from ``at`` make up an addressee list wrapped over several lines (0: none)."""
    for count in range(1, min(_ADDRESSEE_LINES, len(lines) - at) + 1):
        text = "".join(line.text for line in lines[at:at + count])
        if not _is_addressee(text):
            return 0
        if text.endswith(("：", ":")):
            return count
    return 0


def report_date(text: str) -> str | None:
    """A 成文日期 line as drafter writes it (2024年3月20日: GB/T 9704-2012 7.3.5.2 wants Arabic
    numerals), from Arabic or Chinese numerals; None when the line is no valid date."""
    match = _DATE.match(text.strip())
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _CN_DATE.match(text.strip())
        if not match:
            return None
        year = int("".join(_YEAR_DIGITS[ch] for ch in match.group(1)))
        month, day = numeral_value(match.group(2)), numeral_value(match.group(3))
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year}年{month}月{day}日"


def _is(line: Line, role: str, exact: bool, pattern: re.Pattern[str]) -> bool:
    return line.role == role if exact else bool(pattern.match(line.text))


_ATTACHMENT_HEAD = re.compile(r"^附件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]?$")
_ATTACHMENT_NOTE = re.compile(r"^附件\s*[：:]\s*(.*)$")
_NOTE_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")
_AFTER_DATE = 8  # lines after the date (联系人, 抄送, 附注 …) before the attachments begin, at most
_NOTE_LINES = 20  # lines of an 附件说明 with its wrapped names, at most


def _signature_date(lines: list[Line], start: int, exact: bool) -> tuple[int, int] | None:
    """(index of the 成文日期, index where the attachments begin): the first date line followed
    only by a few closing lines (联系人, 抄送, 附注 …) before the end or an attachment head."""
    for at in range(start, len(lines)):
        line = lines[at]
        if not (line.role == "date" if exact else report_date(line.text)):
            continue
        after = at + 1
        while after < len(lines) and after - at <= _AFTER_DATE and not _ATTACHMENT_HEAD.match(lines[after].text) \
                and lines[after].cells is None and not (exact and lines[after].role != "closing") \
                and not _Recogniser.heading_marker(lines[after]):
            after += 1
        if after == len(lines) or _ATTACHMENT_HEAD.match(lines[after].text):
            return at, after
    return None


def _attachment_bodies(lines: list[Line]) -> list[Attachment]:
    """The attachments printed after the signature, each opening with a line "附件N" and its title."""
    found: list[Attachment] = []
    for line in lines:
        text = "　".join("\t".join(row) for row in line.cells) if line.cells else line.text
        if _ATTACHMENT_HEAD.match(text):
            found.append(Attachment(""))
        elif not found[-1].title and not found[-1].body and len(text) <= 60 and not _SENTENCE_PUNCT.search(text):
            found[-1].title = text
        else:
            found[-1].body.append(text)
    return found


def _attachment_note(lines: list[Line]) -> tuple[int, list[str]] | None:
    """The 附件说明 at the end of the body ("附件：1.…" then "2.…", names possibly wrapped):
    where it begins among ``lines`` and the names it lists."""
    for at in range(max(0, len(lines) - _NOTE_LINES), len(lines)):
        match = _ATTACHMENT_NOTE.match(lines[at].text)
        if not match:
            continue
        names: list[str] = []
        for n, text in enumerate([match.group(1), *(line.text for line in lines[at + 1:])]):
            item = _NOTE_ITEM.match(text)
            if item or not names:
                names.append(item.group(2) if item else text)
            elif _SENTENCE_PUNCT.search(text) or lines[at + n].cells is not None:
                return None  # body text after the note: it was a paragraph that begins with 附件
            else:
                names[-1] += text  # a name wrapped onto the next line
        return at, [name for name in names if name]
    return None


def recognise(lines: list[Line], source: str, exact: bool = False) -> Reading:
    """Turn a report's lines into a document model (numbers not yet assigned) and warnings.

    ``exact``: the lines come from a .docx made by drafter, whose roles are authoritative.
    """
    recogniser = _Recogniser(source, exact)
    doc = recogniser.doc
    lines = [line for line in lines if line.text or line.cells is not None]
    start = 0
    while start < len(lines):
        line = lines[start]
        role = line.role if exact else front_role(line)
        if not exact and (recogniser.heading_marker(line) or (line.role or "").startswith("heading")):
            break
        wrapped = 0 if exact or doc.addressee else _addressee_lines(lines, start)
        if wrapped > 1:
            doc.addressee = "".join(line.text for line in lines[start:start + wrapped]).rstrip(":：") + "："
            recogniser.warn(line, f"主送机关由{wrapped}行合为一行，请核对")
            start += wrapped
            continue
        if role == "title" and not (doc.byline or doc.addressee):
            doc.title.append(line.text)
        elif role == "byline" and not (doc.byline or doc.addressee):
            doc.byline = line.text
        elif role == "addressee" and not doc.addressee and line.text.rstrip(":：").strip():
            doc.addressee = line.text.rstrip(":：") + "："
        else:
            break
        start += 1
    end = len(lines)
    signature = _signature_date(lines, start, exact)
    if signature is not None:
        at, attachments = signature
        doc.attachments = _attachment_bodies(lines[attachments:])
        doc.closing = [re.sub(r"\s*[：:]\s*", "：", line.text, count=1) for line in lines[at + 1:attachments]]
        doc.date = report_date(lines[at].text) or ""
        if not doc.date:  # a drafter draft whose date was retyped into something else
            recogniser.warn(lines[at], f"成文日期“{lines[at].text}”无法识别，已作为文末行保留，请在 meta.date 填写")
            doc.closing.insert(0, lines[at].text)
        elif doc.date != lines[at].text:
            recogniser.warn(lines[at], f"成文日期“{lines[at].text}”已按 GB/T 9704-2012 写作“{doc.date}”（阿拉伯数字）")
        end = at
    else:
        while end > start and _is(lines[end - 1], "closing", exact, _CLOSING):
            doc.closing.insert(0, re.sub(r"\s*[：:]\s*", "：", lines[end - 1].text, count=1))
            end -= 1
    issuer = lines[end - 1] if end > start else None
    if issuer and (issuer.role == "issuer" if exact else doc.date and len(issuer.text) <= 30
                   and not _SENTENCE_PUNCT.search(issuer.text) and not recogniser.heading_marker(issuer)
                   and not _ATTACHMENT_NOTE.match(issuer.text)):
        doc.issuer = issuer.text
        end -= 1
    note = _attachment_note(lines[start:end])
    if note is not None:
        at, names = note
        end = start + at
        bodies = doc.attachments
        doc.attachments = [Attachment(name, bodies[n].body if n < len(bodies) else []) for n, name in enumerate(names)]
        doc.attachments += bodies[len(names):]
        if bodies and len(bodies) != len(names):
            recogniser.warn(lines[end], f"附件说明列出{len(names)}件，文后附有{len(bodies)}件附件，请核对")
    for line in lines[start:end]:
        recogniser.body_line(line)
    if recogniser.caption is not None:
        doc.body.append(Paragraph(recogniser.caption))
    doc.numbering = recogniser.habits()
    for n, attachment in enumerate(doc.attachments, start=1):
        if not attachment.title:
            attachment.title = f"附件{n}"
            recogniser.warn(None, f"附件{n}没有标题，暂以“附件{n}”为题，请填写")
    return Reading(doc, recogniser.warnings)


def read_lines(lines: list[Line], source: str, keep_script: bool = False, exact: bool = False) -> Reading:
    """Clean web noise, bring traditional script to simplified (unless ``keep_script``),
    recognise the outline, and report every change made on the way."""
    cleaning = Cleaning()
    if exact:
        for line in lines:
            line.text = sheet_safe(line.text, line.number, cleaning)
            if line.cells is not None:
                line.cells = [[sheet_safe(cell, line.number, cleaning) for cell in row] for row in line.cells]
    else:
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
    formal = split_formal([line.text for line in lines])  # a formal copy's 版头 and 版记 come off first
    if formal is not None:
        lines = lines[formal.head:len(lines) - formal.tail]
    reading = recognise(lines, source, exact)
    reading.document.formal = formal.formal if formal else None
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
