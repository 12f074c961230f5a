"""Facts about Chinese text that readers, checks and writers must agree on.

One definition each: which characters are Han, which are CJK punctuation or full-width
forms, which control characters a file or an XML part cannot carry, the marks a draft
still waiting for words carries, how a year is written. The patterns here are character
classes and compiled expressions; the modules that use them only combine them.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=None)
def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled once per process, when first used. re compiles a class over the Han
    ranges by walking every code point in it (1–2 ms each), which a command that never uses the
    pattern should not pay at start-up; re's own cache would also compile on first use, but it
    forgets its oldest entries after 512 others, so a long batch would compile them again."""
    return re.compile(pattern)

# Character-class bodies (to go inside ``[...]``).
HAN = "\u4e00-\u9fff"  # CJK Unified Ideographs: the characters of running text
HAN_WIDE = f"\u3400-\u4dbf{HAN}\uf900-\ufaff"  # also Extension A and compatibility ideographs
HAN_SUPPLEMENTARY = "\U00020000-\U0003ffff"  # Extensions B … H (rare names, old place names)
FULL_WIDTH = "\uff00-\uffef"  # ，：；（）！？ and the full-width letters and digits
CJK_PUNCTUATION = "\u3000-\u303f"  # 　、。〃《》「」【】〔〕〇 and the ideographic space
# Wide (East Asian) characters: radicals, CJK punctuation (3000–303f), kana, Han, compatibility
# ideographs and full-width forms. Two of them join without a space when a line is wrapped or
# text is run together, and a space typed between two of them is a slip.
CJK = f"\u2e80-\u9fff\uf900-\ufaff{FULL_WIDTH}"  # CJK_PUNCTUATION among them
# Control characters no XML part (and so no .docx) may hold; tab, line feed and carriage return are text.
XML_ILLEGAL = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
# Control characters in a line of text: the XML-illegal ones and DEL.
CONTROL = f"{XML_ILLEGAL}\x7f"

# 避头尾 (GB/T 15834-2011 §5.1): 句号、问号、叹号、逗号、顿号、分号、冒号 and the closing half of
# quotes, brackets and 书名号 never begin a line; the opening half never ends one.
NO_LINE_START = "!%),.:;?]}¢°·’”‰′″℃、。〉》」』】〕〗〙〛！＂％＇），．：；？］｝～｡｣､･"
NO_LINE_END = "([{£¥‘“〈《「『【〔〖〘〚（［｛￡￥"
# Punctuation (full- and half-width) and white space: what text is compared without.
PUNCTUATION_OR_SPACE = re.compile(r"[\s，。；：、！？“”‘’（）《》【】—…,.;:!?()\"'\-]")
# Half-width marks typed in Chinese text, with the full-width mark each stands for.
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

# The marks rollover and figures leave where words are still to be written.
TODO, REVIEW, UPDATE = "【待填写】", "【待核对】", "【待更新】"
ROLLOVER_MARKS = (TODO, REVIEW, UPDATE)
# What a draft still waiting for words carries: the skeleton's “（请填写……）” and the 【待……】
# marks of rollover and of figures without this year's value. Both are errors in check, and
# a build that still has them exits 1 unless it is asked for an interim draft.
PLACEHOLDER = "（请填写"
UNFINISHED = re.compile(rf"{PLACEHOLDER}|【待[{HAN}]{{1,4}}】")

# A year as a report names it, “2024年”: the year a report is about (this century), and any year
# mentioned in its text (a plan from the 1990s counts when checking dates).
YEAR_OF_REPORT = re.compile(r"(?<!\d)(20\d{2})\s*年")
YEAR_MENTIONED = re.compile(r"((?:19|20)\d{2})\s*年")
