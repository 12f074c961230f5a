"""Numbering: the one place where 一、（一）1.（1） and 一是/二是 are computed.

:func:`number` is a transform over the document model. Counters restart under each
parent heading, so inserting a section anywhere renumbers everything after it; no
sheet or template ever types a number.
"""

from __future__ import annotations

from .model import STANDARD_NUMBERING, Document, Heading, ItemList, ItemStyle, NumberingHabits, Paragraph

_DIGITS = "零一二三四五六七八九"
_UNITS = {"十": 10, "百": 100, "千": 1000}


def _below_ten_thousand(n: int, leading: bool) -> str:
    """1–9999; ``leading``: the count starts here, so 10–19 read 十… (not 一十…)."""
    if leading and 10 <= n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(_DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    return "".join(parts)


def chinese_numeral(n: int, leading: bool = True) -> str:
    """Write a positive integer in Chinese numerals as 公文 count: 十一 (not 一十一),
    二十, 一百零一, 一千零一十, 一万零一, 十二万三千, 一亿零五百万 — any count."""
    if n <= 0:
        raise ValueError(f"a count starts at 1, not {n}")
    for size, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            text = chinese_numeral(high, leading) + unit
            if low:
                text += ("零" if low < size // 10 else "") + chinese_numeral(low, leading=False)
            return text
    return _below_ten_thousand(n, leading)


def heading_number(level: int, n: int, habits: NumberingHabits = STANDARD_NUMBERING) -> str:
    """The marker of the n-th heading at a level (GB/T 9704-2012 7.3.3, or the report's habits)."""
    if level == 1:
        return f"第{chinese_numeral(n)}部分　" if habits.part_markers else f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}{habits.arabic_mark}"
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level {level} is outside 1–4")


def item_marker(style: ItemStyle, n: int, habits: NumberingHabits = STANDARD_NUMBERING) -> str:
    """The marker of the n-th item of an enumeration."""
    if style == "ordinal":
        return f"{chinese_numeral(n)}是"
    if style == "dash":
        return "——"
    return f"{n}{habits.arabic_mark}"


def _number_items(items: ItemList, habits: NumberingHabits) -> None:
    for n, item in enumerate(items.items, start=1):
        item.marker = item_marker(items.style, n, habits)


def number(doc: Document) -> Document:
    """Fill ``Heading.number``, ``Heading.path``, ``Heading.label`` (the numbers printed down to it)
    and ``Item.marker`` throughout ``doc`` (in place) and return it."""
    habits = doc.numbering
    counters = [0] * 5
    printed = [""] * 5  # the number each open level printed, for labels
    straight = 0  # level-3 count through the whole level-1 part (habits.level3_straight)
    for block in doc.body:
        if isinstance(block, Heading):
            counters[block.level] += 1
            for deeper in range(block.level + 1, len(counters)):
                counters[deeper], printed[deeper] = 0, ""
            if block.level == 1:
                straight = 0
            shown = counters[block.level]
            if block.level == 3 and habits.level3_straight:
                straight += 1
                shown = straight
            block.number = heading_number(block.level, shown, habits)
            block.path = tuple(counters[1 : block.level + 1])
            printed[block.level] = block.number.rstrip("\u3000")
            block.label = "".join(printed[1 : block.level + 1])
            if block.runin and block.runin.items:
                _number_items(block.runin.items, habits)
        elif isinstance(block, ItemList):
            _number_items(block, habits)
        elif isinstance(block, Paragraph) and block.items:
            _number_items(block.items, habits)
    return doc


def numeral_value(text: str) -> int:
    """Read a count in Chinese numerals (十一, 二十, 一百零一, 一万零一) or Arabic digits back to an int."""
    if text.isdigit():
        return int(text)
    total, section, pending = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            pending = _DIGITS.index(ch)
        elif ch in _UNITS:
            section += (pending or 1) * _UNITS[ch]
            pending = 0
        elif ch == "万":
            total += (section + pending or 1) * 10**4
            section = pending = 0
        elif ch == "亿":
            total = (total + section + pending or 1) * 10**8
            section = pending = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + pending
