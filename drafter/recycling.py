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
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .model import Document, Heading, Item, ItemList, Paragraph, Table
from .readers.noise import Cleaning, clean_line
from .script import convert_text, is_traditional

PARAGRAPH_SIMILAR = 0.8
SENTENCE_SIMILAR = 0.8
MIN_PARAGRAPH = 30
MIN_SENTENCE = 15
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
_NOISE = re.compile(r"[\s，。；：、！？“”‘’（）《》【】—…,.;:!?()\"'\-]")
# Words every report uses: a plan is recognised by its other, distinctive words.
_GENERIC = set("""加强 推进 推动 进一步 深入 全面 持续 不断 坚持 提升 提高 完善 健全 强化 落实 开展 做好 抓好 扎实 切实
积极 着力 大力 建设 工作 法治 政府 依法 行政 机制 制度 体系 水平 能力 情况 方面 重点 有效 相关 各类 各项 主要 年度
全县 全市 全区 全州 我县 我市 我区 县委 市委 县政府 市政府 以及 为 的 和 与 及 等 在 对 把 将 要 并 更加 继续 严格 规范 认真
一是 二是 三是 四是 五是 六是 七是 八是 九是 十是""".split())


@dataclass(frozen=True)
class Piece:
    """A paragraph (or a plan) of one year's report and where it stands."""

    line: int
    text: str


@dataclass(frozen=True)
class Recycled:
    """A paragraph or sentence of this year's report and its closest counterpart last year."""

    line: int
    last_line: int
    similarity: float
    text: str


@dataclass
class YearReport:
    """A report read for comparison: its paragraphs in order, and its plans for next year."""

    paragraphs: list[Piece]
    plans: list[Piece] = field(default_factory=list)


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


def read_year(path: Path) -> YearReport:
    """A sheet as its draft prints (paragraph numbers of the draft), a .docx or .txt by its lines
    (a text copied from the web without its noise — 習(xí), ??, ,, — and a traditional report in
    simplified characters, so that two years in different forms still compare)."""
    from .readers.report import kind_of, read_report, report_lines

    if path.suffix.lower() in (".yaml", ".yml"):
        from .pipeline import draft
        from .writers.text import write_text

        document = draft(path).document
        lines = [line for line in write_text(document).splitlines() if line.strip()]
        if is_traditional("".join(lines)):  # a sheet drafted in traditional script (meta.script)
            lines = [convert_text(line, "t2s") for line in lines]
        paragraphs = [Piece(n, line) for n, line in enumerate(lines, start=1)]
        kinds = {id(h): h.kind for h in document.headings()}
    else:
        raw, exact = report_lines(path)
        reading = read_report(path, lines=(raw, exact))
        document = reading.document
        simplified = (lambda t: t) if reading.script == "simplified" else (lambda t: convert_text(t, "t2s"))
        cleaned = (lambda line: line.text.strip()) if exact else (lambda line: clean_line(line.text, line.number, Cleaning()))
        paragraphs = [Piece(line.number, simplified(cleaned(line))) for line in raw if cleaned(line)]
        kinds = {id(h): kind_of(h.text) for h in document.headings() if h.level == 1}
    return YearReport(paragraphs, [_placed(plan, paragraphs) for plan in _plans(document, kinds)])


def _plans(document: Document, kinds: dict[int, str | None]) -> list[str]:
    """The entries of the 下一年度安排 part: its sections, items and paragraphs."""
    plans: list[str] = []
    inside = False
    for block in document.body:
        if isinstance(block, Heading) and block.level == 1:
            inside = kinds.get(id(block)) == "plans"
            continue
        if not inside:
            continue
        if isinstance(block, Heading):
            plans.append(block.text + ("。" + block.runin.text if block.runin and block.runin.text else ""))
            if block.runin and block.runin.items:
                plans += [_item(item) for item in block.runin.items.items]
        elif isinstance(block, Paragraph):
            if block.items:
                plans += [_item(item) for item in block.items.items]
            elif block.text:
                plans.append(block.text)
        elif isinstance(block, ItemList):
            plans += [_item(item) for item in block.items]
        elif isinstance(block, Table):
            plans += ["".join(row) for row in block.rows]
    return [plan for plan in plans if len(_normal(plan)) >= 6]


def _item(item: Item) -> str:
    return f"{item.lead}。{item.text}" if item.lead else item.text


def _placed(text: str, paragraphs: list[Piece]) -> Piece:
    """A plan with the line it stands on (compared without punctuation: a web copy's raw line
    may still have the half-width commas the reader cleaned)."""
    probe = _normal(text)[:10]
    line = next((p.line for p in paragraphs if probe in _normal(p.text)), 0)
    return Piece(line, text)


def _normal(text: str) -> str:
    """Text compared without punctuation and with every figure alike: a copied sentence with
    this year's numbers put in is still a copied sentence."""
    return re.sub(r"\d+(?:\.\d+)?", "#", _NOISE.sub("", text))


def _shingles(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(max(0, len(text) - 2))}


def _sentences(pieces: list[Piece]) -> list[Piece]:
    return [Piece(p.line, s.strip()) for p in pieces for s in _SENTENCE.findall(p.text) if s.strip()]


class _Index:
    """Last year's pieces by shingle: the few candidates worth measuring for a piece of this year."""

    def __init__(self, pieces: list[Piece]):
        self.pieces = pieces
        self.normal = [_normal(p.text) for p in pieces]
        self.by_shingle: dict[str, list[int]] = {}
        for n, text in enumerate(self.normal):
            for shingle in _shingles(text):
                self.by_shingle.setdefault(shingle, []).append(n)

    def best(self, text: str) -> tuple[float, Piece | None]:
        normal = _normal(text)
        votes = Counter(n for shingle in _shingles(normal) for n in self.by_shingle.get(shingle, ()))
        best: tuple[float, Piece | None] = (0.0, None)
        for n, _ in votes.most_common(3):
            ratio = SequenceMatcher(None, normal, self.normal[n], autojunk=False).ratio()
            if ratio > best[0]:
                best = (ratio, self.pieces[n])
        return best


def _mentioned(plan: str, text: str) -> bool:
    """A plan is accounted for when most of its distinctive words recur this year."""
    from .lint import words

    distinct = [w for w in dict.fromkeys(words(_NOISE.sub(" ", plan)))
                if len(w.strip()) >= 2 and w not in _GENERIC and not re.search(r"\d", w)]
    distinct = sorted(distinct, key=len, reverse=True)[:8]
    if not distinct:
        return True
    found = sum(word in text for word in distinct)
    return found >= max(1, round(len(distinct) * 0.5))


def compare_years(last: Path, this: Path) -> Comparison:
    """Recycled paragraphs and sentences of ``this`` year's report, and ``last`` year's plans it never mentions."""
    before, now = read_year(last), read_year(this)
    paragraph_index = _Index([p for p in before.paragraphs if len(_normal(p.text)) >= MIN_PARAGRAPH])
    recycled_paragraphs: list[Recycled] = []
    for piece in now.paragraphs:
        if len(_normal(piece.text)) < MIN_PARAGRAPH:
            continue
        similarity, match = paragraph_index.best(piece.text)
        if match is not None and similarity >= PARAGRAPH_SIMILAR:
            recycled_paragraphs.append(Recycled(piece.line, match.line, similarity, piece.text))
    sentence_index = _Index([s for s in _sentences(before.paragraphs) if len(_normal(s.text)) >= 6])
    copied_lines = {r.line for r in recycled_paragraphs}
    recycled_sentences: list[Recycled] = []
    recycled_chars = total_chars = 0
    for sentence in _sentences(now.paragraphs):
        size = len(_normal(sentence.text))
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
