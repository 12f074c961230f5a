"""The reviewer: the faults a 法制科 red pen finds every year, as findings with a place.

Findings are values, never exceptions: :class:`Finding` (rule, severity, message, line,
section, and the offending words as ``quote`` for a Word comment). Rules that are words live
in data files so they can grow each year: ``data/usage-rules.yaml`` (common confusions, each
with its context conditions, source and examples) and ``data/review-rules.yaml`` (outdated
formulations, real reduplications, rate words). Rules that are logic (doubled characters,
historical context, dates, figures that disagree, tables, balanced brackets) are the functions
below; docs/review-rules.md gives each rule's source. A sheet is checked field by field, so
each finding names its sheet line and the section number it will print under; a finished
report (.txt/.docx) is checked line by line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, Iterator

import yaml

from .findings import Finding, Severity
from .model import PART_KIND_LABELS, PART_KIND_WORDS, Document
from .readers.yaml_source import SAFE_LOADER
from .segment import cut as words, is_word  # jieba's dictionary cut, its words decoded as needed
from .text import CJK, HALF_TO_FULL, HAN, PLACEHOLDER, ROLLOVER_MARKS, UNFINISHED, YEAR_MENTIONED, compiled


@dataclass(frozen=True)
class Passage:
    """A piece of text to check and where it stands."""

    text: str
    line: int | None = None
    section: str | None = None
    field: str = "text"


def _shipped(name: str) -> Any:
    """One of drafter's own data files, read with libyaml's safe loader where PyYAML has it: the
    usage rules take 75 ms to read in pure Python, 7 ms so."""
    text = resources.files("drafter").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.load(text, Loader=SAFE_LOADER)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return _shipped("review-rules.yaml")


_HAN = re.compile(rf"[{HAN}]")


_NUMERALS = re.compile(r"[一二三四五六七八九十〇零两]+")
_DOUBLED_RUN = re.compile(rf"([{HAN}]{{1,4}})\1")


@lru_cache(maxsize=1)
def _known_repetitions() -> re.Pattern[str]:
    """Real reduplications (人人) and common junctions of two words (学习/习近平), found without segmentation."""
    known = sorted(rules()["reduplications"] + rules()["junctions"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, known)))


def _word_boundary(text: str, at: int) -> bool:
    """Whether the segmenter reads ``text[at - 1]`` and ``text[at]`` (the same character) as one
    word (牢牢, 工作作风) or two words meeting: the second starts a longer word, the first ends
    one or is a function word (全市/市场, 对/对口, 管理/理念) — not a slip like 讨论前/前置."""
    position, start_at = 0, {}
    for token in words(text):
        start_at[position] = token
        position += len(token)
    if any(s <= at - 1 and at + 1 <= s + len(t) for s, t in start_at.items()):
        return True  # one word holds both copies: 牢牢, 工作作风
    second = start_at.get(at)
    if second is None or (len(second) < 2 and not is_word(text[at:at + 2])):
        return False  # the second copy must begin a word: 市场, 对口, or 会前 (cut 会/前 after 常委会)
    first_start = max((s for s in start_at if s < at), default=None)
    if first_start is None:
        return False
    first = start_at[first_start]
    return first_start + len(first) == at and (len(first) >= 2 or first in rules()["boundary_single_characters"])


def _word_edges(text: str, *positions: int) -> bool:
    """Whether words begin at each of ``positions`` (where a doubled word's copies must begin)."""
    starts, position = set(), 0
    for token in words(text):
        starts.add(position)
        position += len(token)
    return all(at in starts for at in positions)


def repeated_words(p: Passage) -> Iterator[Finding]:
    """程序程序, 前前置, 依法依法行政: a sequence of 1–4 characters typed twice, found by the
    characters themselves (also where the second copy begins a longer word), except real
    reduplications (人人, 扎扎实实, 一件一件) and two words that meet on the same character
    (对/对口, 全市/市场: decided by segmentation, which is loaded only for such a case)."""
    known = [m.span() for m in _known_repetitions().finditer(p.text)]
    for match in _DOUBLED_RUN.finditer(p.text):
        unit, start, end = match.group(1), match.start(), match.end()
        if any(a <= start and end <= b for a, b in known) or _NUMERALS.fullmatch(unit):
            continue  # 人人, 扎扎实实; 十五五, “五五”普法
        if len(unit) == 1:
            before, after = p.text[start - 2:start] if start >= 2 else "", p.text[end:end + 2]
            if (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1]):
                continue  # AABB: 认认真真, 方方面面
            if unit in rules()["place_characters"] or _word_boundary(p.text, start + 1):
                continue  # 全市/市场 without loading the segmenter; 对/对口, 管理/理念 with it
        elif unit[0] == "一" and len(unit) == 2:
            continue  # 一件一件, 一步一步
        elif not _word_edges(p.text, start + len(unit)):
            continue  # the second copy starts no word: 退税/缓税/缓费 (but 决策程序/程序 is a slip)
        shown = match.group() + (p.text[end] if len(unit) == 1 and end < len(p.text) and _HAN.match(p.text[end]) else "")
        yield Finding("repeated", "error", f"“{shown}”疑似多打了字，请核对", p.line, p.section, quote=match.group())


@dataclass(frozen=True)
class UsageRule:
    """One confusion from ``data/usage-rules.yaml``: the wrong string, the right one, and the
    context around the wrong string that must (``before``/``after``) or must not
    (``not_before``/``not_after``) be there — so a bare string never misfires."""

    wrong: str
    right: str
    category: str
    source: str
    severity: Severity = "error"
    before: str | None = None  # regular expressions, compiled when a text holds the wrong string (most never)
    not_before: str | None = None
    after: str | None = None
    not_after: str | None = None
    note: str = ""
    examples: tuple[str, str, tuple[str, ...]] = ("", "", ())
    """(bad, good, ok): a sentence that fires, its correction, sentences that must stay silent."""

    def fits(self, text: str, start: int, end: int) -> bool:
        head, tail = text[max(0, start - 12):start], text[end:end + 12]
        return ((self.before is None or compiled(self.before).search(head) is not None)
                and (self.not_before is None or compiled(self.not_before).search(head) is None)
                and (self.after is None or compiled(self.after).match(tail) is not None)
                and (self.not_after is None or compiled(self.not_after).match(tail) is None))


def _context(pattern: str | None, at_end: bool) -> str | None:
    if not pattern:
        return None
    return f"(?:{pattern})$" if at_end else f"(?:{pattern})"


@lru_cache(maxsize=1)
def usage_rules() -> tuple[dict[str, UsageRule], dict[str, tuple[str, ...]]]:
    """The usage rules by wrong string, and the wrong strings of two characters or more by their
    first two, longest first: every position of a text is tried (overlapping candidates are all
    seen), and only against the few strings that begin there — a 398-way regular expression
    tried at every position cost several times as much."""
    data = _shipped("usage-rules.yaml")
    table: dict[str, UsageRule] = {}
    for group in data["groups"]:
        for entry in group["rules"]:
            bad = str(entry.get("bad", entry["w"]))
            good = str(entry.get("good", bad.replace(entry["w"], entry["r"])))
            source = data["sources"][entry.get("source", group["source"])]
            table[entry["w"]] = UsageRule(
                entry["w"], entry["r"], group["category"], source, entry.get("severity", group.get("severity", "error")),
                _context(entry.get("b"), True), _context(entry.get("nb"), True),
                _context(entry.get("a"), False), _context(entry.get("na"), False), entry.get("note", ""),
                (bad, good, tuple(entry.get("ok", []) if isinstance(entry.get("ok"), list) else
                                  [entry["ok"]] if "ok" in entry else [])))
    by_head: dict[str, tuple[str, ...]] = {}
    for wrong in sorted((w for w in table if len(w) > 1), key=len, reverse=True):
        by_head[wrong[:2]] = by_head.get(wrong[:2], ()) + (wrong,)
    return table, by_head


def usage(p: Passage) -> Iterator[Finding]:
    """Common confusions of official writing (错别字、异形词、成语、法律用语、文件和理论名称)."""
    table, by_head = usage_rules()
    text, covered = p.text, -1
    for start in range(len(text)):
        candidates = by_head.get(text[start:start + 2])
        wrong = next((w for w in candidates if text.startswith(w, start)), None) if candidates else None
        if wrong is None and text[start] in table:
            wrong = text[start]  # a rule of one character
        if wrong is None:
            continue
        end = start + len(wrong)
        rule = table[wrong]
        if end <= covered or not rule.fits(p.text, start, end):
            continue
        covered = end
        note = f"（{rule.note}）" if rule.note else ""
        yield Finding("variant" if rule.category == "异形词" else "typo", rule.severity,
                      f"“{wrong}”应为“{rule.right}”{note}", p.line, p.section, quote=wrong)


_SENTENCE_END = re.compile(r"[。；！？!?;]")
_HISTORY_WORDS = re.compile(r"曾|时任|此前|过去|回顾|历年")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``text[start:end]``."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def historical(text: str, start: int, end: int, year: int) -> bool:
    """Whether a mention of an old formulation is history, not current use: its sentence names an
    earlier year (2019年、自2019年……起), says 曾/时任/此前, looks back with 以来 (十九大以来、……精神以来;
    not 今年以来), or 原 stands right before the mention (原“七五”普法规划)."""
    first, last = _sentence(text, start, end)
    sentence = text[first:last]
    if any(int(m.group(1)) < year for m in YEAR_MENTIONED.finditer(sentence)) or _HISTORY_WORDS.search(sentence):
        return True
    if re.search(r"自[^。；]{1,24}起", sentence) and not re.search(r"自(?:今年|本年|年初)", sentence):
        return True
    if re.search(r"(?<!今年)(?<!本年)(?<!年初)(?<!上半年)(?<!下半年)以来", sentence):
        return True
    return "原" in text[max(first, start - 3):start]


def outdated(p: Passage, year: int) -> Iterator[Finding]:
    """Formulations replaced since (十九大 after the 二十大, “七五”普法 after 2021 …), unless the
    sentence speaks of the past (:func:`historical`)."""
    for entry in rules()["outdated"]:
        if year < entry["from_year"]:
            continue
        for match in re.finditer(entry["pattern"], p.text):
            if not historical(p.text, match.start(), match.end(), year):
                yield Finding("outdated", "warning", f"“{match.group()}”：{entry['message']}", p.line, p.section,
                              quote=match.group())
                break


_HALF = re.escape("".join(HALF_TO_FULL))
_HALF_WIDTH = re.compile(rf"(?<=[{HAN}])[{_HALF}]|[{_HALF}](?=[{HAN}])")
_DOUBLED = re.compile(r"([，。；：、！？,])\1+|[，,][、。；]|、[，。；]")
_PAIRS = (("“", "”", "双引号"), ("（", "）", "括号"), ("《", "》", "书名号"), ("(", ")", "半角括号"))


def punctuation(p: Passage) -> Iterator[Finding]:
    half = _HALF_WIDTH.findall(p.text)
    if half:
        yield Finding("half-width", "warning", f"中文里用了半角标点“{'”“'.join(sorted(set(half)))}”，应为全角",
                      p.line, p.section, quote=half[0])
    doubled = [match.group() for match in _DOUBLED.finditer(p.text)]
    if doubled:
        shown = "”“".join(dict.fromkeys(doubled))
        count = f"（共{len(doubled)}处）" if len(doubled) > 1 else ""
        yield Finding("doubled-punctuation", "error", f"标点“{shown}”重复或多余{count}", p.line, p.section, quote=doubled[0])
    for left, right, name in _PAIRS:
        opened, closed = p.text.count(left), p.text.count(right)
        if opened != closed:
            yield Finding("unbalanced", "warning", f"{name}不成对（左{opened}个、右{closed}个）", p.line, p.section)


def _rate_pattern() -> re.Pattern[str]:
    words = "|".join(map(re.escape, rules()["rate_words"]))
    return re.compile(rf"(?<!增长)(?<!增)(?:{words})(?:为|达|达到|是|保持|提升至|提高到|超过)?\s*(\d+(?:\.\d+)?)\s*[%％]")


_UNITS = r"(?:万人次|人次|件次|场次|万元|亿元|万户|万人|件|人|次|个|家|项|元|场|篇|份|条|起|户|期|所|名|宗|批|处|%|％)"
_NUMBER = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*({_UNITS})(?![余多])")
_FROM_TO = re.compile(rf"(?:由|从)(\d+(?:\.\d+)?)\s*({_UNITS})?[^\d，。；]{{0,8}}?(?:到|至)(\d+(?:\.\d+)?)\s*({_UNITS})")
_PREVIOUS = re.compile(rf"(?:上年|去年|上一年|上年度)(?:同期)?(?:的|为|是|共|有|达|共计|累计)?\s*(\d+(?:\.\d+)?)\s*({_UNITS})")
_COMPARED = r"同比|[较比](?:上年|去年|\d{4}年)(?:同期)?|与(?:上年|去年|\d{4}年)(?:同期)?相比"
_CHANGE = re.compile(
    rf"(?:({_COMPARED})(?:的|同期)?\s*(?:(\d+(?:\.\d+)?)\s*({_UNITS}))?[^，。；\d]{{0,6}}?|(?<=[，、]))"
    rf"(增长|增加|上升|提高|提升|下降|减少|降低|回落|下滑)了?(\d+(?:\.\d+)?)\s*(%|％|个百分点|倍|{_UNITS})")
_UP = ("增长", "增加", "上升", "提高", "提升")


def _unit(unit: str | None) -> str:
    return "%" if unit in ("%", "％") else unit or ""


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _close(value: float, stated: str) -> bool:
    """``value`` written at the precision of ``stated`` (±0.05 for rounding either way) gives ``stated``."""
    decimals = _decimals(stated)
    return abs(round(value, decimals) - float(stated)) <= 0.05 + 10**-decimals / 2


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start:match.start()]
        start = match.end()
    if start < len(text):
        yield start, text[start:]


def _change_fits(before: float, after: float, word: str, amount: str, unit: str, value_unit: str) -> tuple[bool, bool]:
    """(direction right, size right) of “<word><amount><unit>” for a change from ``before`` to ``after``."""
    if after == before:
        return False, False  # equal figures are 与上年持平, not a rise or fall of 0
    if (after > before) != (word in _UP):
        return False, False
    difference = abs(after - before)
    relative = difference / before * 100 if before else None
    unit = _unit(unit)
    if unit == "个百分点":
        return True, _close(difference, amount)
    if unit == "%":
        return True, (relative is not None and _close(relative, amount)) or (value_unit == "%" and _close(difference, amount))
    if unit == "倍":
        return True, relative is not None and (_close(relative / 100, amount) or _close(after / before, amount))
    return True, unit != value_unit or _close(difference, amount)


def year_on_year(p: Passage) -> Iterator[Finding]:
    """A 同比 statement against the two figures its sentence gives, in every common phrasing:
    由X到Y，同比增长Z%; X件，同比增长Z%（上年Y件）; 上年Y件，今年X件，增长Z%; 较上年的Y件增长Z%;
    增加N件; 提高N个百分点; 增长N倍; X件，较上年增加N件，增长Z% (last year's figure is X−N). A finding
    only when no figure of the same unit in the sentence fits the stated change (so a sentence
    naming several figures is never misread)."""
    for _, sentence in _sentences(p.text):
        changes = list(_CHANGE.finditer(sentence))
        inside = [range(*m.span()) for m in changes] + [range(*m.span()) for m in _PREVIOUS.finditer(sentence)]
        values = [m for m in _NUMBER.finditer(sentence) if not any(m.start() in r for r in inside)]
        for change in changes:
            compared, inner, inner_unit, word, amount, unit = change.groups()
            span = _FROM_TO.search(sentence, 0, change.start())
            pairs: list[tuple[float, float, str, int]] = []  # (before, after, unit, where the quote starts)
            if span and (span.group(2) is None or _unit(span.group(2)) == _unit(span.group(4))):
                pairs.append((float(span.group(1)), float(span.group(3)), _unit(span.group(4)), span.start()))
            else:
                previous = [(float(inner), _unit(inner_unit), change.start())] if inner else [
                    (float(m.group(1)), _unit(m.group(2)), m.start()) for m in _PREVIOUS.finditer(sentence)]
                if previous and (compared is not None or _PREVIOUS.search(sentence)):
                    before, value_unit, previous_at = previous[0]
                    pairs += [(before, float(m.group(1)), value_unit, min(previous_at, m.start()))
                              for m in values if _unit(m.group(2)) == value_unit]
                elif _unit(unit) in ("%", "倍"):  # 较上年增加N件，增长Z%: last year's figure is this year's less N
                    for other in changes:
                        other_word, other_amount, other_unit = other.group(4), float(other.group(5)), _unit(other.group(6))
                        if other is change or other_unit in ("%", "个百分点", "倍"):
                            continue
                        pairs += [(float(m.group(1)) - other_amount * (1 if other_word in _UP else -1), float(m.group(1)),
                                   other_unit, m.start()) for m in values if _unit(m.group(2)) == other_unit]
            if not pairs:
                continue
            verdicts = [_change_fits(b, a, word, amount, unit, u) for b, a, u, _ in pairs]
            if any(all(v) for v in verdicts):
                continue
            before, after, value_unit, start = pairs[0] if span else \
                min(pairs, key=lambda pair: abs(change.start() - pair[3]))
            quoted = sentence[min(start, change.start()):change.end()]
            said = f"{compared or ''}{word}"
            if not any(direction for direction, _ in verdicts):
                yield Finding("yoy-direction", "error", f"“{quoted}”：由{before:g}到{after:g}，不应说“{said}”",
                              p.line, p.section, quote=quoted)
                continue
            unit_shown = _unit(unit)
            if unit_shown in ("%", "倍") and not before:
                yield Finding("yoy-size", "error", f"“{quoted}”：上年为零，应写“比上年增加{after:g}{value_unit}”",
                              p.line, p.section, quote=quoted)
                continue
            difference = abs(after - before)
            change_value = difference / before * (100 if unit_shown == "%" else 1) if unit_shown in ("%", "倍") and before \
                else difference
            shown = f"{change_value:.1f}" if unit_shown in ("%", "个百分点", "倍") else f"{change_value:g}"
            yield Finding("yoy-size", "error", f"“{quoted}”：按两数计算应为{shown}{unit_shown}", p.line, p.section,
                          quote=quoted)


_TOTAL = re.compile(rf"(?:共|共计|合计|总计|累计|全年)[^\d，。；]{{0,10}}?(\d+(?:\.\d+)?)\s*({_UNITS})[，,]?\s*其中")


def parts_and_totals(p: Passage) -> Iterator[Finding]:
    """共办理N件，其中A件、B件…: the parts of a stated total never add up to more than the total."""
    for _, sentence in _sentences(p.text):
        for total in _TOTAL.finditer(sentence):
            rest = sentence[total.end():]
            rest = rest.split("其中")[0]  # a nested 其中 starts parts of a part
            rest = re.sub(r"[（(][^）)]*[）)]", "", rest)  # parenthesised details are parts of a part
            unit = _unit(total.group(2))
            parts = [m for m in _NUMBER.finditer(rest) if _unit(m.group(2)) == unit]
            subtotal = sum(float(m.group(1)) for m in parts)
            if len(parts) >= 2 and subtotal > float(total.group(1)) + 1e-9:
                quoted = total.group() + rest[:parts[-1].end()]
                yield Finding("parts-over-total", "error",
                              f"“{quoted}”：其中各项之和{subtotal:g}{unit}大于总数{total.group(1)}{unit}",
                              p.line, p.section, quote=quoted)


_RATE = re.compile(rf"([{HAN}]{{2}})率(?:为|达|达到|是|保持在|提升至|提高到|提高至)?\s*(\d+(?:\.\d+)?)\s*[%％]")
_SHARE = re.compile(rf"其中[^。；\d]{{0,12}}?(\d+(?:\.\d+)?)\s*({_UNITS})[，,]?\s*占(?:比)?(?:为|达)?\s*(\d+(?:\.\d+)?)\s*[%％]")


def rates_and_counts(p: Passage) -> Iterator[Finding]:
    """A percentage against its own numerator and denominator: 受理120件，办结96件，办结率80%;
    共N件，其中M件，占Z%. Silent unless no earlier figure of the same unit could be the denominator."""
    for _, sentence in _sentences(p.text):
        for rate in _RATE.finditer(sentence):
            numerator = None
            stem = re.compile(rf"{re.escape(rate.group(1))}[^\d，。；]{{0,6}}?(\d+(?:\.\d+)?)\s*({_UNITS})")
            for match in stem.finditer(sentence, 0, rate.start()):
                numerator = match
            if numerator is None or _unit(numerator.group(2)) == "%":
                continue
            yield from _share_finding(p, sentence, float(numerator.group(1)), _unit(numerator.group(2)),
                                      numerator.start(1), rate.group(2), sentence[numerator.start():rate.end()])
        for share in _SHARE.finditer(sentence):
            if _unit(share.group(2)) != "%":
                yield from _share_finding(p, sentence, float(share.group(1)), _unit(share.group(2)), share.start(),
                                          share.group(3), share.group())


def _share_finding(p: Passage, sentence: str, part: float, unit: str, before: int, stated: str,
                   quoted: str) -> Iterator[Finding]:
    totals = [float(m.group(1)) for m in _NUMBER.finditer(sentence, 0, before)
              if _unit(m.group(2)) == unit and float(m.group(1)) >= part and float(m.group(1)) > 0]
    if totals and not any(_close(part / total * 100, stated) for total in totals):
        total = totals[0]
        yield Finding("rate-mismatch", "error", f"“{quoted}”：按{part:g}÷{total:g}计算应为{part / total * 100:.1f}%",
                      p.line, p.section, quote=quoted)


def figures(p: Passage) -> Iterator[Finding]:
    """A rate over 100 %, 同比 statements, parts against totals, percentages against their counts."""
    for match in _rate_pattern().finditer(p.text):
        if float(match.group(1)) > 100:
            start = match.start()
            while start > max(0, match.start() - 2) and _HAN.match(p.text[start - 1]):
                start -= 1  # quote the rate's own name: "办结率达到120%", not "率达到120%"
            quoted = p.text[start:match.end()]
            yield Finding("rate-over-100", "error", f"“{quoted}”：比率不会超过100%", p.line, p.section, quote=quoted)
    yield from year_on_year(p)
    yield from parts_and_totals(p)
    yield from rates_and_counts(p)


_CELL = re.compile(rf"^\s*(\d+(?:\.\d+)?)\s*({_UNITS}|卷|宗|篇)?\s*$")
_TOTAL_ROW = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|总数|共计)")
_NOT_ADDITIVE = re.compile(r"率|占比|比例|比重|同比|增幅|增长|增减|排名|序号|年度|%|％")


@dataclass(frozen=True)
class TableData:
    """A table to check: header, rows, where it stands."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    line: int | None = None
    section: str | None = None


def _cell(text: str) -> float | None:
    match = _CELL.match(text.replace(",", "").replace("，", ""))
    return float(match.group(1)) if match else None


def table_totals(table: TableData) -> Iterator[Finding]:
    """Rows against their total row (合计/总计/小计): each additive column adds up."""
    name = f"表格“{table.caption}”" if table.caption else "表格"
    group: list[list[str]] = []
    for row in table.rows:
        if not row or not _TOTAL_ROW.match(row[0]):
            group.append(row)
            continue
        for column in range(1, min(len(row), len(table.header))):
            total = _cell(row[column])
            values = [_cell(r[column]) if column < len(r) else None for r in group]
            if total is None or not values or None in values or _NOT_ADDITIVE.search(table.header[column]):
                continue
            added = sum(v for v in values if v is not None)
            if abs(added - total) > 1e-6:
                yield Finding("table-total", "error",
                              f"{name}“{row[0].strip()}”行“{table.header[column]}”列为{total:g}，上面各行之和为{added:g}",
                              table.line, table.section, quote=row[0].strip())
        group = []


def _header_word(header: str) -> str:
    """The word a text uses for a column: 收案数（件） → 收案."""
    return re.sub(r"(?:数量|数|量|情况)$", "", re.sub(r"[（(].*", "", header).strip()) or header


def table_and_text(table: TableData, passages: Iterable[Passage]) -> Iterator[Finding]:
    """A figure the text gives for a table row (行政复议……35件) against the same figure in the table."""
    columns = [c for c in range(1, len(table.header)) if not _NOT_ADDITIVE.search(table.header[c])
               and any(_cell(r[c]) is not None for r in table.rows if c < len(r))]
    for row in table.rows:
        label = row[0].strip() if row else ""
        if len(label) < 2 or _TOTAL_ROW.match(label) or not _HAN.match(label):
            continue
        for passage in passages:
            for found in re.finditer(re.escape(label), passage.text):
                clause = re.split(r"[，。；：,;]", passage.text[found.end():], maxsplit=1)[0]
                number = _NUMBER.search(clause[:16])
                if number is None:
                    continue
                candidates = [c for c in columns if len(columns) == 1 or _header_word(table.header[c]) in clause]
                values = [_cell(row[c]) for c in candidates if c < len(row) and _cell(row[c]) is not None]
                if values and float(number.group(1)) not in values:
                    quoted = label + clause[:number.end()]
                    yield Finding("table-text", "warning",
                                  f"正文“{quoted}”与表格中“{label}”一行的数字{'、'.join(f'{v:g}' for v in values)}不一致",
                                  passage.line, passage.section, quote=quoted)


def review_tables(tables: Iterable[TableData], passages: list[Passage]) -> list[Finding]:
    """Every table: its total rows, and the text's figures for its rows."""
    found: list[Finding] = []
    for table in tables:
        found.extend(table_totals(table))
        found.extend(table_and_text(table, passages))
    return found


_DIGITS = "0-9０-９"
_DATE_TEXT = re.compile(
    rf"(?<![{_DIGITS}〇零○])([{_DIGITS}〇零○一二三四五六七八九]{{4}})\s*年\s*([{_DIGITS}]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月"
    rf"(?:\s*([{_DIGITS}]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日)?")
_HAN_DIGITS = "〇零○一二三四五六七八九十"


def _arabic(text: str) -> int | None:
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) if text[0] not in _HAN_DIGITS else None


def dates(p: Passage) -> Iterator[Finding]:
    """Dates as GB/T 9704-2012 (7.3.5.2) writes them: Arabic figures, month and day without a
    leading zero (2023年4月5日, not 04月05日), no 〇/零 among Arabic figures (2〇23年, 二〇二三年4月),
    and only dates that exist (no 2月30日, no 13月)."""
    for match in _DATE_TEXT.finditer(p.text):
        parts = [g for g in match.groups() if g]
        han = [any(c in _HAN_DIGITS for c in g) for g in parts]
        arabic = [any(c.isdigit() for c in g) for g in parts]
        quoted = match.group()
        if any(h and a for h, a in zip(han, arabic)) or (any(han) and any(arabic)):
            yield Finding("date-mixed", "error", f"“{quoted}”：日期中汉字数字“〇/零”与阿拉伯数字混用，应统一用阿拉伯数字",
                          p.line, p.section, quote=quoted)
            continue
        if any(han):
            continue  # 二〇二三年十二月 in running text is consistent; GB/T 9704 governs the date line
        year, month = _arabic(match.group(1)), _arabic(match.group(2))
        day = _arabic(match.group(3)) if match.group(3) else None
        assert year is not None and month is not None
        if not 1 <= month <= 12 or (day is not None and not _valid_day(year, month, day)):
            yield Finding("date-impossible", "error", f"“{quoted}”：日期不存在，请核对", p.line, p.section, quote=quoted)
        elif match.group(2).startswith(("0", "０")) or (match.group(3) or "").startswith(("0", "０")):
            fixed = f"{year}年{month}月" + (f"{day}日" if day is not None else "")
            yield Finding("date-padding", "warning", f"“{quoted}”：月、日不编虚位（不补零），应为“{fixed}”",
                          p.line, p.section, quote=quoted)


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def placeholders(p: Passage) -> Iterator[Finding]:
    if PLACEHOLDER in p.text:
        yield Finding("placeholder", "error", "还有未填写的内容“（请填写……）”", p.line, p.section, quote=PLACEHOLDER)
    for mark in dict.fromkeys(m.group() for m in UNFINISHED.finditer(p.text) if m.group() != PLACEHOLDER):
        if mark in ROLLOVER_MARKS:
            yield Finding("rollover", "error", f"还有沿用上年、标着{mark}的内容：改写后删去该标记", p.line, p.section, quote=mark)
        else:  # any other 【待……】 a clerk left: the build counts it as unfinished too
            yield Finding("placeholder", "error", f"还有标着{mark}的待写内容：写好后删去该标记", p.line, p.section, quote=mark)


_TYPED_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


def typed_markers(p: Passage) -> Iterator[Finding]:
    """In a sheet, numbers are never typed: they would be doubled or go stale on reordering."""
    match = _TYPED_MARKER.match(p.text)
    if match:
        yield Finding("typed-number", "warning",
                      f"开头手写了序号“{match.group()}”：序号由程序编排，请删去并改用 items 或 sections", p.line, p.section)


# Chinese is set without spaces: a half-width or no-break space between two Chinese characters
# or marks is a slip (line breaks of a wrapped YAML line are joined when the sheet is read).
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])[ \u00a0]+(?=[{CJK}])")


def cjk_spaces(p: Passage) -> Iterator[Finding]:
    """Spaces typed between Chinese characters, quoted with a character either side."""
    found = [p.text[max(0, m.start() - 2):m.end() + 2] for m in _CJK_SPACE.finditer(p.text)]
    if found:
        count = f"（共{len(found)}处）" if len(found) > 1 else ""
        yield Finding("cjk-space", "warning", f"汉字之间有空格“{found[0]}”{count}：中文不用空格隔开，请删去",
                      p.line, p.section, quote=found[0])


TEXT_RULES: list[Callable[[Passage], Iterable[Finding]]] = [
    repeated_words, usage, punctuation, figures, dates, placeholders,
]


def review_passages(passages: Iterable[Passage], year: int, in_sheet: bool) -> list[Finding]:
    """Every text rule over every passage, in reading order."""
    found: list[Finding] = []
    for passage in passages:
        for rule in TEXT_RULES:
            found.extend(rule(passage))
        found.extend(outdated(passage, year))
        if in_sheet and passage.field in ("text", "items", "after", "intro", "conclusion", "title"):
            found.extend(typed_markers(passage))
            found.extend(cjk_spaces(passage))
    return found


_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办|厅|中心|部|署|院|所|队|站)$")


def review_structure(kinds: list[str], text: str, required: list[str], year: int,
                     date: dt.date | None, issuer: str = "") -> list[Finding]:
    """The required parts (2019 督察工作规定) and the date of the report: in the first quarter of the
    next year, which is also the deadline for publishing (4月1日前); a department (``issuer`` ends
    in 局、委、办 …) reports by 3月1日."""
    found: list[Finding] = []
    for kind in required:
        if kind in kinds:
            continue
        label = PART_KIND_LABELS[kind]
        if kind in PART_KIND_WORDS and re.search(PART_KIND_WORDS[kind][0], text):
            found.append(Finding("required-part", "warning", f"没有单列“{label}”部分（正文有相关表述，请确认已写明）"))
        else:
            found.append(Finding("required-part", "error", f"缺少督察工作规定要求的“{label}”部分"))
    if date is None:
        if required:  # a signed article (a pack with no required parts) has no 成文日期
            found.append(Finding("date", "warning", "没有成文日期"))
    elif not (date.year == year + 1 and date.month <= 3):
        found.append(Finding("date", "warning",
                             f"成文日期{date.year}年{date.month}月{date.day}日不在{year + 1}年第一季度（报告应于次年第一季度形成并公开）"))
    elif _DEPARTMENT.search(issuer) and (date.month, date.day) > (3, 1):
        found.append(Finding("date-deadline", "warning",
                             f"成文日期{date.year}年{date.month}月{date.day}日晚于3月1日：部门应于每年3月1日前报告上一年度法治政府建设情况"
                             "（《法治政府建设与责任落实督察工作规定》第二十五条），4月1日前向社会公开"))
    return found


def review_figures(figures: dict[str, Any], used: set[str], lines: dict[str, int | None]) -> list[Finding]:
    """Declared figures that no text uses, and figures still without this year's value."""
    found = []
    for name, figure in figures.items():
        if name not in used:
            found.append(Finding("figure-unused", "warning", f"数字“{name}”已声明但正文没有引用", lines.get(name)))
        if figure.value is None:
            found.append(Finding("figure-missing", "warning", f"数字“{name}”还没有填写本年数值", lines.get(name)))
    return found


def section_labels(document: Document) -> Callable[[tuple[Any, ...]], str | None]:
    """For a sheet path, the number of the heading it prints under in this rendered document
    (("parts", 1, "sections", 2, "text", 0) → 二、（三） with the standard pack; whatever the draft
    prints with another), or None for a field before the first heading or one the pack leaves out."""
    printed = {h.source: h.label for h in document.headings() if h.source}

    def label(path: tuple[Any, ...]) -> str | None:
        return next((printed[path[:end]] for end in range(len(path), 0, -1) if path[:end] in printed), None)

    return label


def field_of(path: tuple[Any, ...]) -> str:
    """The sheet field a string belongs to (the last named key of its path)."""
    return next((key for key in reversed(path) if isinstance(key, str) and key not in ("lead",)), "")


def review_numbering(habits: Any, line: int | None = None, in_sheet: bool = True) -> list[Finding]:
    """Numbering habits a sheet keeps (meta.numbering) or a report shows, each explained against
    the form GB/T 9704-2012 7.3.3 gives: 一、（一）1.（1）, every level counted afresh under its parent."""
    if habits is None:
        return []
    found = []
    if habits.part_markers:
        found.append("一级标题写作“第一部分”：GB/T 9704-2012 7.3.3 规定第一层用“一、”")
    if habits.level3_straight:
        found.append("三级标题在整个一级部分内连续编号：GB/T 9704-2012 7.3.3 的层次序号在每个上级标题下从“1.”编起")
    if habits.arabic_mark != ".":
        found.append("三级标题写作“1、”：GB/T 9704-2012 7.3.3 规定第三层用“1.”（阿拉伯数字后加下脚点）")
    advice = ("按原文习惯编号，如需标准写法请删去 meta.numbering 中的相应项" if in_sheet
              else "导入时记作 meta.numbering，成稿照原文习惯编号")
    return [Finding("numbering-habit", "warning", f"{text}；{advice}", line) for text in found]
