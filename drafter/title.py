"""Breaking a long title by meaning (GB/T 9704-2012 7.3.1: 回行时要做到词意完整，排列对称，
长短适宜，间距恰当，标题排列应当使用梯形或菱形).

A title wider than the 版心 is broken only between words (jieba's segmentation, with a year
such as "2023年" and the set phrases of these reports kept whole), never leaving one character
alone. Breaks around the year, the seams between region, year and subject, are preferred.
The shape chosen is the 梯形 for two lines (short over long: the upper line never longer than
the lower) and the 菱形 for three (the middle line the longest); among the shapes that fit,
the best balanced wins. A title the sheet gives as a list of lines is the clerk's own and is
printed as given; :func:`title_findings` only warns when it splits a word or is badly balanced.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .findings import Finding
from .segment import cut

if TYPE_CHECKING:  # the house style is passed in: checking a sheet's title needs no Word layout
    from .style import Style

PHRASES = ("法治政府建设情况报告", "法治政府建设工作综述", "法治政府建设", "情况的报告", "情况报告", "人民政府")
"""Set phrases never broken inside."""

_YEAR = re.compile(r"\d{4}年度?")
_WIDE = ((0x1100, 0x11FF), (0x2E80, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60),
         (0xFFE0, 0xFFE6))
"""Code point ranges of wide characters: Hangul Jamo, CJK radicals to Yi, Hangul syllables, compatibility
ideographs, vertical and full-width forms (compared as numbers: a character class over these ranges
costs 3 ms to compile at every start)."""


@lru_cache(maxsize=4096)
def _advance(ch: str) -> float:
    code = ord(ch)
    return 1 if any(low <= code <= high for low, high in _WIDE) else 0.5


def width(text: str) -> float:
    """Printed width in em: Chinese characters one, digits and Latin letters half."""
    return sum(map(_advance, text))


@lru_cache(maxsize=256)
def _boundaries(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """(every offset a line may break at, the preferred ones: before and after the year)."""
    cuts, offset = set(), 0
    for word in cut(text):
        offset += len(word)
        cuts.add(offset)
    cuts.discard(len(text))
    preferred = set()
    for match in _YEAR.finditer(text):
        cuts -= set(range(match.start() + 1, match.end()))
        preferred.update({match.start(), match.end()})
    for phrase in PHRASES:
        for match in re.finditer(re.escape(phrase), text):
            cuts -= set(range(match.start() + 1, match.end()))
    cuts = {c for c in cuts if 2 <= c <= len(text) - 2}  # never one character alone on a line
    return frozenset(cuts), frozenset(preferred & cuts)


def _cost(lines: list[str], preferred: frozenset[int], cuts: tuple[int, ...]) -> float:
    widths = [width(line) for line in lines]
    cost = (max(widths) - min(widths)) / max(widths)
    cost += 0.3 * sum(cut not in preferred for cut in cuts)
    if len(lines) == 2 and widths[0] > widths[1]:
        cost += 0.5  # 梯形: short over long
    if len(lines) == 3 and widths[1] < max(widths[0], widths[2]):
        cost += 0.5  # 菱形: the middle line longest
    return cost


def break_title(text: str, per_line: float) -> list[str]:
    """``text`` in as few lines of at most ``per_line`` em as its words allow, shaped and balanced."""
    if width(text) <= per_line:
        return [text]
    cuts, preferred = _boundaries(text)
    for count in (2, 3, 4):
        best: tuple[float, list[str]] | None = None
        for chosen in itertools.combinations(sorted(cuts), count - 1):
            edges = (0, *chosen, len(text))
            lines = [text[a:b] for a, b in zip(edges, edges[1:])]
            if all(width(line) <= per_line for line in lines):
                cost = _cost(lines, preferred, chosen)
                if best is None or cost < best[0]:
                    best = (cost, lines)
        if best is not None:
            return best[1]
    return [text]  # no word boundary makes it fit: left to the word processor


def per_line(house: Style) -> float:
    """How many em of title type one line of the 版心 holds (20 for 2号 in 156 mm)."""
    return house.page.text_width.pt / house.title.size.pt


def automatic(lines: list[str], house: Style) -> bool:
    """Are these title lines exactly the break :func:`break_title` makes? Then the title was one
    line in the sheet (reading a draft back gives the sheet its one-line title again)."""
    return len(lines) > 1 and break_title("".join(lines), per_line(house)) == lines


def splits_word(lines: list[str]) -> bool:
    """Does a title broken into ``lines`` break inside a word, set phrase or year?"""
    text, offset, breaks = "".join(lines), 0, []
    for line in lines[:-1]:
        offset += len(line)
        breaks.append(offset)
    cuts, _ = _boundaries(text)
    return any(b not in cuts for b in breaks)


def title_findings(lines: list[str], line: int | None = None) -> list[Finding]:
    """Warnings on a title broken by hand: a word split across lines, or lines of very unequal length."""
    if len(lines) < 2:
        return []
    findings = []
    if splits_word(lines):
        findings.append(Finding("title-break", "warning",
                                f"标题回行拆开了词语（{' / '.join(lines)}），应在词与词之间回行（GB/T 9704 7.3.1 词意完整）",
                                line))
    widths = [width(text) for text in lines]
    if min(widths) < max(widths) / 2:
        findings.append(Finding("title-balance", "warning",
                                f"标题各行长短悬殊（{' / '.join(lines)}），应排成梯形或菱形（GB/T 9704 7.3.1）", line))
    return findings
