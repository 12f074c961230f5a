"""The reviewer: the faults a 法制科 red pen finds every year, as findings with a place.

Findings are values, never exceptions: :class:`Finding` (rule, severity, message, line,
section). Rules that are words (typos, outdated formulations, real reduplications) live in
``data/review-rules.yaml`` so they can grow each year; rules that are logic (repeated
words by segmentation, figures that disagree, balanced brackets) are the functions below.
A sheet is checked field by field, so each finding names its sheet line and the section
number it will print under; a finished report (.txt/.docx) is checked line by line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, Iterator, Literal

import yaml

from .model import PART_KIND_LABELS
from .numbering import heading_number

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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Passage:
    """A piece of text to check and where it stands."""

    text: str
    line: int | None = None
    section: str | None = None
    field: str = "text"


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    text = resources.files("drafter").joinpath("data/review-rules.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    import logging

    import jieba  # imported on first use: loading its dictionary takes a second

    jieba.setLogLevel(logging.WARNING)
    return lambda text: list(jieba.cut(text, HMM=False))


_HAN = re.compile(r"[\u4e00-\u9fff]")


def repeated_words(p: Passage) -> Iterator[Finding]:
    """程序程序, 前前置: a word or character typed twice, found across word boundaries by
    segmentation, so 学习/习近平 and 进行/行政 are not mistaken for it."""
    tokens = _segmenter()(p.text)
    allowed, boundary = set(rules()["reduplications"]), set(rules()["boundary_single_characters"])
    for first, second in zip(tokens, tokens[1:]):
        if not _HAN.match(first) or first + second in allowed:
            continue
        if first == second or (len(first) == 1 and first not in boundary and second.startswith(first)):
            yield Finding("repeated", "error", f"“{first}{second}”疑似多打了字，请核对", p.line, p.section)


def typos(p: Passage) -> Iterator[Finding]:
    for entry in rules()["typos"]:
        if entry["wrong"] in p.text:
            yield Finding("typo", "error", f"“{entry['wrong']}”应为“{entry['right']}”", p.line, p.section)


def outdated(p: Passage, year: int) -> Iterator[Finding]:
    for entry in rules()["outdated"]:
        if year >= entry["from_year"]:
            match = re.search(entry["pattern"], p.text)
            if match:
                yield Finding("outdated", "warning", f"“{match.group()}”：{entry['message']}", p.line, p.section)


_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])[,;:!?()]|[,;:!?()](?=[\u4e00-\u9fff])")
_DOUBLED = re.compile(r"([，。；：、！？,])\1+|[，,][、。；]|、[，。；]")
_PAIRS = (("“", "”", "双引号"), ("（", "）", "括号"), ("《", "》", "书名号"), ("(", ")", "半角括号"))


def punctuation(p: Passage) -> Iterator[Finding]:
    half = _HALF_WIDTH.findall(p.text)
    if half:
        yield Finding("half-width", "warning", f"中文里用了半角标点“{'”“'.join(sorted(set(half)))}”，应为全角",
                      p.line, p.section)
    doubled = [match.group() for match in _DOUBLED.finditer(p.text)]
    if doubled:
        shown = "”“".join(dict.fromkeys(doubled))
        count = f"（共{len(doubled)}处）" if len(doubled) > 1 else ""
        yield Finding("doubled-punctuation", "error", f"标点“{shown}”重复或多余{count}", p.line, p.section)
    for left, right, name in _PAIRS:
        opened, closed = p.text.count(left), p.text.count(right)
        if opened != closed:
            yield Finding("unbalanced", "warning", f"{name}不成对（左{opened}个、右{closed}个）", p.line, p.section)


def _rate_pattern() -> re.Pattern[str]:
    words = "|".join(map(re.escape, rules()["rate_words"]))
    return re.compile(rf"(?<!增长)(?<!增)(?:{words})(?:为|达|达到|是|保持|提升至|提高到|超过)?\s*(\d+(?:\.\d+)?)\s*[%％]")


_YOY = re.compile(
    r"(?:由|从)(\d+(?:\.\d+)?)\s*([%％]?)[^\d，。；]{0,6}?(?:增加|增长|上升|提高|下降|减少|降低)?(?:到|至)(\d+(?:\.\d+)?)\s*[%％]?"
    r"[^。；\d]{0,24}?同比(增长|增加|上升|提高|下降|减少|降低)(\d+(?:\.\d+)?)\s*([%％]|个百分点)"
)
_UP = ("增长", "增加", "上升", "提高")


def figures(p: Passage) -> Iterator[Finding]:
    """A rate over 100 %, and a 同比 change whose direction or size disagrees with the two
    figures the sentence gives (sizes compared at the text's own precision, ±0.05)."""
    for match in _rate_pattern().finditer(p.text):
        if float(match.group(1)) > 100:
            start = match.start()
            while start > max(0, match.start() - 2) and _HAN.match(p.text[start - 1]):
                start -= 1  # quote the rate's own name: "办结率达到120%", not "率达到120%"
            quoted = p.text[start:match.end()]
            yield Finding("rate-over-100", "error", f"“{quoted}”：比率不会超过100%", p.line, p.section)
    for match in _YOY.finditer(p.text):
        before, after, word, stated = float(match.group(1)), float(match.group(3)), match.group(4), float(match.group(5))
        unit = match.group(6)
        if after == before or (after > before) != (word in _UP):
            yield Finding("yoy-direction", "error",
                          f"“{match.group()}”：由{match.group(1)}到{match.group(3)}，不应说“同比{word}”", p.line, p.section)
            continue
        change = abs(after - before) if unit == "个百分点" or match.group(2) else abs(after - before) / before * 100
        decimals = len(match.group(5).split(".")[1]) if "." in match.group(5) else 0
        if abs(round(change, decimals) - stated) > 0.05 + 10**-decimals / 2:
            yield Finding("yoy-size", "error", f"“{match.group()}”：按两数计算应为{change:.1f}{'个百分点' if unit == '个百分点' else '%'}",
                          p.line, p.section)


ROLLOVER_MARKS = ("【待填写】", "【待核对】", "【待更新】")


def placeholders(p: Passage) -> Iterator[Finding]:
    if "（请填写" in p.text:
        yield Finding("placeholder", "error", "还有未填写的内容“（请填写……）”", p.line, p.section)
    for mark in ROLLOVER_MARKS:
        if mark in p.text:
            yield Finding("rollover", "warning", f"还有沿用上年、标着{mark}的内容：改写后删去该标记", p.line, p.section)


_TYPED_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


def typed_markers(p: Passage) -> Iterator[Finding]:
    """In a sheet, numbers are never typed: they would be doubled or go stale on reordering."""
    match = _TYPED_MARKER.match(p.text)
    if match:
        yield Finding("typed-number", "warning",
                      f"开头手写了序号“{match.group()}”：序号由程序编排，请删去并改用 items 或 sections", p.line, p.section)


TEXT_RULES: list[Callable[[Passage], Iterable[Finding]]] = [
    repeated_words, typos, punctuation, figures, placeholders,
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
    return found


_PART_WORDS = {"achievements": "举措|成效", "responsibility": "第一责任人", "shortcomings": "不足|问题|差距",
               "plans": "计划|安排|打算", "other": "$^"}


def review_structure(kinds: list[str], text: str, required: list[str], year: int,
                     date: dt.date | None) -> list[Finding]:
    """The required parts (2019 督察工作规定) and the date of the report."""
    found: list[Finding] = []
    for kind in required:
        if kind in kinds:
            continue
        label = PART_KIND_LABELS[kind]
        if re.search(_PART_WORDS[kind], text):
            found.append(Finding("required-part", "warning", f"没有单列“{label}”部分（正文有相关表述，请确认已写明）"))
        else:
            found.append(Finding("required-part", "error", f"缺少督察工作规定要求的“{label}”部分"))
    if date is None:
        found.append(Finding("date", "warning", "没有成文日期"))
    elif not (date.year == year + 1 and date.month <= 3):
        found.append(Finding("date", "warning",
                             f"成文日期{date.year}年{date.month}月{date.day}日不在{year + 1}年第一季度（报告应于次年第一季度形成并公开）"))
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


def section_label(path: tuple[Any, ...]) -> str | None:
    """The numbers a sheet path prints under: ("parts", 1, "sections", 2) → 二、（三）."""
    labels, level = [], 0
    for key, index in zip(path, path[1:]):
        if key in ("parts", "sections") and isinstance(index, int):
            level += 1
            labels.append(heading_number(level, index + 1))
    return "".join(labels) or None


def field_of(path: tuple[Any, ...]) -> str:
    """The sheet field a string belongs to (the last named key of its path)."""
    return next((key for key in reversed(path) if isinstance(key, str) and key not in ("lead",)), "")


def format_finding(finding: Finding, source: str) -> str:
    place = [source] + ([f"第{finding.line}行"] if finding.line else []) + ([finding.section] if finding.section else [])
    return f"{SEVERITY_LABELS[finding.severity]}：{'，'.join(place)}：{finding.message}"


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
