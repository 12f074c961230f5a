"""Reading this year's report against last year's: what was copied (照抄照搬), and which of last
year's plans this year's report never mentions.

The most common criticism of these reports is a paragraph carried over unchanged; reviewers
also check that each of last year's 下一年度安排 is accounted for. Both reports may be a sheet
(.yaml, read as it prints), a .docx or a .txt. Candidates are found by shared three-character
shingles (fast on whole reports), and only candidate pairs are measured with difflib's ratio,
which is the similarity shown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .text import PUNCTUATION_OR_SPACE
from .years import Piece, comparable, read_year

PARAGRAPH_SIMILAR = 0.8
SENTENCE_SIMILAR = 0.8
MIN_PARAGRAPH = 30
MIN_SENTENCE = 15
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
# Words every report uses: a plan is recognised by its other, distinctive words.
_GENERIC = set("""加强 推进 推动 进一步 深入 全面 持续 不断 坚持 提升 提高 完善 健全 强化 落实 开展 做好 抓好 扎实 切实
积极 着力 大力 建设 工作 法治 政府 依法 行政 机制 制度 体系 水平 能力 情况 方面 重点 有效 相关 各类 各项 主要 年度
全县 全市 全区 全州 我县 我市 我区 县委 市委 县政府 市政府 以及 为 的 和 与 及 等 在 对 把 将 要 并 更加 继续 严格 规范 认真
一是 二是 三是 四是 五是 六是 七是 八是 九是 十是""".split())


@dataclass(frozen=True)
class Recycled:
    """A paragraph or sentence of this year's report and its closest counterpart last year."""

    line: int
    last_line: int
    similarity: float
    text: str


@dataclass
class Comparison:
    """What ``check --against`` prints."""

    paragraphs: list[Recycled]
    sentences: list[Recycled]
    forgotten_plans: list[Piece]
    recycled_chars: int
    total_chars: int

    @property
    def share(self) -> float:
        return self.recycled_chars / self.total_chars if self.total_chars else 0.0


def _shingles(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(max(0, len(text) - 2))}


def _sentences(pieces: list[Piece]) -> list[Piece]:
    return [Piece(p.line, s.strip()) for p in pieces for s in _SENTENCE.findall(p.text) if s.strip()]


class _Index:
    """Last year's pieces by shingle: the few candidates worth measuring for a piece of this year."""

    def __init__(self, pieces: list[Piece]):
        self.pieces = pieces
        self.normal = [comparable(p.text) for p in pieces]
        self.by_shingle: dict[str, list[int]] = {}
        for n, text in enumerate(self.normal):
            for shingle in _shingles(text):
                self.by_shingle.setdefault(shingle, []).append(n)

    def best(self, text: str) -> tuple[float, Piece | None]:
        normal = comparable(text)
        votes = Counter(n for shingle in _shingles(normal) for n in self.by_shingle.get(shingle, ()))
        best: tuple[float, Piece | None] = (0.0, None)
        for n, _ in votes.most_common(3):
            ratio = SequenceMatcher(None, normal, self.normal[n], autojunk=False).ratio()
            if ratio > best[0]:
                best = (ratio, self.pieces[n])
        return best


def _mentioned(plan: str, text: str) -> bool:
    """A plan is accounted for when most of its distinctive words recur this year."""
    from .segment import cut as words

    distinct = [w for w in dict.fromkeys(words(PUNCTUATION_OR_SPACE.sub(" ", plan)))
                if len(w.strip()) >= 2 and w not in _GENERIC and not re.search(r"\d", w)]
    distinct = sorted(distinct, key=len, reverse=True)[:8]
    if not distinct:
        return True
    found = sum(word in text for word in distinct)
    return found >= max(1, round(len(distinct) * 0.5))


def compare_years(last: Path, this: Path) -> Comparison:
    """Recycled paragraphs and sentences of ``this`` year's report, and ``last`` year's plans it never mentions."""
    before, now = read_year(last), read_year(this)
    paragraph_index = _Index([p for p in before.paragraphs if len(comparable(p.text)) >= MIN_PARAGRAPH])
    recycled_paragraphs: list[Recycled] = []
    for piece in now.paragraphs:
        if len(comparable(piece.text)) < MIN_PARAGRAPH:
            continue
        similarity, match = paragraph_index.best(piece.text)
        if match is not None and similarity >= PARAGRAPH_SIMILAR:
            recycled_paragraphs.append(Recycled(piece.line, match.line, similarity, piece.text))
    sentence_index = _Index([s for s in _sentences(before.paragraphs) if len(comparable(s.text)) >= 6])
    copied_lines = {r.line for r in recycled_paragraphs}
    recycled_sentences: list[Recycled] = []
    recycled_chars = total_chars = 0
    for sentence in _sentences(now.paragraphs):
        size = len(comparable(sentence.text))
        if size < 6:
            continue  # a bare heading number or a date line says nothing about copying
        total_chars += size
        similarity, match = sentence_index.best(sentence.text)
        if match is None or similarity < SENTENCE_SIMILAR:
            continue
        recycled_chars += size
        if size >= MIN_SENTENCE and sentence.line not in copied_lines and sentence.text[-1] in "。；！？":
            recycled_sentences.append(Recycled(sentence.line, match.line, similarity, sentence.text))
    whole = "".join(p.text for p in now.paragraphs)
    forgotten = [plan for plan in before.plans if not _mentioned(plan.text, whole)]
    return Comparison(recycled_paragraphs, recycled_sentences, forgotten, recycled_chars, total_chars)
