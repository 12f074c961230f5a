"""Clean the noise that web copies of reports carry, and say what was cleaned.

Reports copied from government websites arrive with stray "?"/"□" where a non-breaking
space was mis-decoded, pinyin after characters ("習(xí)近平"), doubled punctuation
(",," "，、"), half-width commas in Chinese text and odd spaces. Each rule is applied
line by line and counted, so the importer can report every change instead of hiding it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..text import CONTROL, HALF_TO_FULL, HAN_WIDE

_CJK_PUNCT = "，、。；：！？”’）》」』】…—"

_LEADING_JUNK = re.compile(r"^[\s?？□\u00a0\u3000\ufeff]+")
_JUNK_BEFORE_SPACE = re.compile(r"[?？](?=[\s\u00a0\u3000])")
_PINYIN = re.compile(rf"(?<=[{HAN_WIDE}])\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*)\)")
_HALF_TO_FULL = {mark: HALF_TO_FULL[mark] for mark in ",;:!"}  # ? and () are told, not changed
# Word cannot store these, and a sheet refuses them: a stray BEL or ESC pasted from a terminal.
_CONTROL = re.compile(f"[{CONTROL}]")
# Half-width braces would read as figure references ({名称}) in the sheet; Chinese text writes ｛｝.
_BRACES = str.maketrans("{}", "｛｝")
# "::" would open a template directive ("::h1") wherever a sheet value begins — after a heading
# marker or an item marker too; a line opening with ":" likewise.
_LEADING_COLONS = re.compile(r"^:+|:{2,}")
# After Chinese, a closing mark or a percentage, or before Chinese; never inside a number (1,000).
_HALF_PUNCT = re.compile(rf"(?<=[{HAN_WIDE}”）%])([,;:!])|(?<=\d)([,;:!])(?![\d])|([,;:!])(?=[{HAN_WIDE}“（])")
_PARENS = re.compile(r"\(([^()]*)\)")
_DOUBLED = re.compile(r"，(?=[，、。；：！？])|(?<=[、；。])、|、(?=[。；])|([，。；、])\1+")
_ODD_SPACES = re.compile(r"[\u00a0\u3000\t\u200b\u2002\u2003\u2009]")
_WIDE = f"{HAN_WIDE}{_CJK_PUNCT}“（"
_SPACE_IN_CHINESE = re.compile(rf"(?<=[{_WIDE}])[ ]+(?=[{_WIDE}\d])|(?<=[{_WIDE}\d])[ ]+(?=[{_WIDE}])")
_UNREADABLE = re.compile(r"[?？]+|\ufffd")

LABELS = {
    "leading": "删去行首的“?”“□”或空白",
    "junk": "删去词语间多余的“?”",
    "pinyin": "删去汉字后的拼音注音，如“習(xí)”",
    "halfwidth": "半角标点改为全角，如“,”改为“，”",
    "doubled": "删去重复或多余的标点，如“,,”“，、”",
    "spaces": "删去中文之间的空格（含不间断空格、全角空格）",
    "control": "删去无法写入 Word 的控制字符",
    "braces": "半角花括号“{}”改为全角“｛｝”（事实表中的 {名称} 表示引用数字）",
    "unreadable": "有无法识别的“?”，可能是网页乱码，请对照原文核对",
}


@dataclass
class Cleaning:
    """What was changed (or only noticed), by rule: the line numbers where each applied."""

    lines: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def note(self, rule: str, line: int, count: int = 1) -> None:
        if count:
            self.lines[rule].extend([line] * count)

    def summary(self) -> list[tuple[str, int, list[int]]]:
        """(label, number of places, distinct lines) for each rule that applied."""
        return [(LABELS[rule], len(lines), sorted(set(lines))) for rule, lines in self.lines.items() if lines]


def _full_width_parens(match: re.Match[str]) -> str:
    inner = match.group(1)
    chinese = re.search(rf"[{HAN_WIDE}]", inner) or re.search(rf"[{HAN_WIDE}]", match.string[max(0, match.start() - 1):match.start()])
    return f"（{inner}）" if chinese else match.group()


def sheet_safe(text: str, line: int, cleaning: Cleaning) -> str:
    """What any imported text needs to be a valid sheet value, noted: no control characters, no
    half-width braces (figure references), no leading ":" (template directives), no outer spaces.
    Applied to drafter's own drafts too, which a clerk may have edited."""
    text, n = _CONTROL.subn("", text)
    cleaning.note("control", line, n)
    n = text.count("{") + text.count("}")
    text = text.translate(_BRACES)
    cleaning.note("braces", line, n)
    text, n = _LEADING_COLONS.subn(lambda mt: "：" * len(mt.group()), text.strip())
    cleaning.note("halfwidth", line, n)
    return text


def clean_line(text: str, line: int, cleaning: Cleaning) -> str:
    """Remove web noise from one line, noting each change."""
    text = sheet_safe(text, line, cleaning)
    text, n = _LEADING_JUNK.subn("", text, count=1)
    cleaning.note("leading", line, n)
    text, n = _JUNK_BEFORE_SPACE.subn("", text)
    cleaning.note("junk", line, n)
    text, n = _PINYIN.subn("", text)
    cleaning.note("pinyin", line, n)
    before = text.count("(")
    text = _PARENS.sub(_full_width_parens, text)
    text, n = _HALF_PUNCT.subn(lambda mt: _HALF_TO_FULL[next(g for g in mt.groups() if g)], text)
    cleaning.note("halfwidth", line, before - text.count("(") + n)
    while True:
        text, n = _DOUBLED.subn(lambda mt: mt.group(1) or "", text)
        cleaning.note("doubled", line, n)
        if not n:
            break
    text = _ODD_SPACES.sub(" ", text).strip()
    text, n = _LEADING_COLONS.subn(lambda mt: "：" * len(mt.group()), text)  # again: after junk and spaces went
    cleaning.note("halfwidth", line, n)
    cleaning.note("unreadable", line, len(_UNREADABLE.findall(text)))
    return text


def squeeze_spaces(text: str, line: int, cleaning: Cleaning) -> str:
    """Drop spaces between Chinese characters, punctuation and digits (never between
    Latin words); not applied to a byline, where the space parts post and name."""
    text, n = _SPACE_IN_CHINESE.subn("", text)
    cleaning.note("spaces", line, n)
    return text
