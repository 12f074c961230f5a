"""Table layout: column widths from content, so no word or figure with its unit breaks."""

from __future__ import annotations

import re

from ...segment import cut
from ...title import width
from ...style import NO_LINE_END, NO_LINE_START, Length, Pt, Twips
from ...text import HAN


NUMBER = re.compile(rf"^[-+]?[\d,.]+\s*(%|‰|[{HAN}]{{0,3}})$")
_CELL_MARGINS = Twips(2 * 108)  # Word's default left and right cell margins


def column_widths(rows: list[list[str]], size: Length, total: Length) -> list[Length]:
    """Column widths from content: each column gets at least the width of its longest word
    (a word, a figure with its unit or a bracketed group never breaks: "乡镇（街道）", "2.2个百分点"),
    then the room left is shared out in proportion to how much more each column's longest cell
    would like, so short columns are not stretched while a long one wraps."""
    columns = len(rows[0])
    cells = [[row[i] if i < len(row) else "" for row in rows] for i in range(columns)]
    margin = _CELL_MARGINS.pt
    least = [max(max((width(w) for w in _unbreakable(c)), default=1) for c in col) * size.pt + margin
             for col in cells]
    most = [max(width(c) for c in col) * size.pt + margin for col in cells]
    room = total.pt - sum(least)
    if room <= 0:  # even the words do not fit: share the width by the words' own proportions
        return [Length(int(total * w / sum(least))) for w in least]
    wish = [m - l for m, l in zip(most, least)]
    if sum(wish) <= room:  # everything fits on one line: spread the spare room evenly
        spare = (room - sum(wish)) / columns
        return [Length(int(Pt(m + spare))) for m in most]
    return [Length(int(Pt(l + room * w / sum(wish)))) for l, w in zip(least, wish)]


def _unbreakable(text: str) -> list[str]:
    """The pieces of a cell that must stay on one line: jieba's words, a number with the word
    after it ("2.2个"), a word with the bracket that follows it ("乡镇（街道）") and punctuation
    with the word before it."""
    pieces: list[str] = []
    depth = 0
    for word in cut(text):
        glue = bool(pieces) and (depth > 0 or word[0] in "（(" or word[0] in NO_LINE_START
                                 or pieces[-1][-1].isdigit() or pieces[-1][-1] in NO_LINE_END
                                 or (pieces[-1][-1] == "." and word[0].isdigit()))
        depth += word.count("（") + word.count("(") - word.count("）") - word.count(")")
        if glue:
            pieces[-1] += word
        else:
            pieces.append(word)
    return pieces
