"""One year's report as the comparisons read it: its paragraphs with the lines they stand on,
and the entries of its 下一年度安排 part, whatever the file (a sheet as its draft prints, a .docx,
a .txt copied from the web, a PDF). ``check --against`` (:mod:`drafter.recycling`) and ``compare``
(:mod:`drafter.compare`) both read both years through :func:`read_year`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document, Heading, Item, ItemList, Paragraph, Table
from .readers.noise import Cleaning, clean_line
from .script import convert_text, is_traditional
from .text import PUNCTUATION_OR_SPACE


@dataclass(frozen=True)
class Piece:
    """A paragraph (or a plan) of one year's report and where it stands."""

    line: int
    text: str


@dataclass
class YearReport:
    """A report read for comparison: its paragraphs in order, and its plans for next year."""

    paragraphs: list[Piece]
    plans: list[Piece] = field(default_factory=list)


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
    return [plan for plan in plans if len(comparable(plan)) >= 6]


def _item(item: Item) -> str:
    return f"{item.lead}。{item.text}" if item.lead else item.text


def _placed(text: str, paragraphs: list[Piece]) -> Piece:
    """A plan with the line it stands on (compared without punctuation: a web copy's raw line
    may still have the half-width commas the reader cleaned)."""
    probe = comparable(text)[:10]
    line = next((p.line for p in paragraphs if probe in comparable(p.text)), 0)
    return Piece(line, text)


def comparable(text: str) -> str:
    """Text compared without punctuation and with every figure alike: a copied sentence with
    this year's numbers put in is still a copied sentence."""
    return re.sub(r"\d+(?:\.\d+)?", "#", PUNCTUATION_OR_SPACE.sub("", text))
