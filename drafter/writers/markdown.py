"""Write the document model as Markdown: numbered headings as Markdown headings, so the
outline survives in any Markdown viewer; run-in headings stay run in, in bold.

The output is CommonMark. Its ``**`` only works where the delimiters "flank" the text, and
Chinese defeats that rule: in ``**（一）标题。**正文`` the closing ``**`` stands between
"。" and a letter, so every viewer shows the asterisks. Where ``**`` would not flank,
the bold is written as ``<strong>``, which CommonMark passes through unchanged.
"""

from __future__ import annotations

import unicodedata

from ..model import Document, Heading, ItemList, Paragraph, Table
from ..spans import Span, attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    return text.translate(_SPECIAL)


def _punctuation(ch: str) -> bool:
    """CommonMark's Unicode punctuation (categories P and S); no neighbour counts as space."""
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def _loose(ch: str) -> bool:
    """Whitespace, punctuation or the edge of the line: what a delimiter may stand beside."""
    return not ch or ch.isspace() or _punctuation(ch)


def _bold(text: str, before: str, after: str) -> str:
    """``**text**`` where CommonMark reads it as bold (left- and right-flanking), else ``<strong>``."""
    opens = not text[0].isspace() and (not _punctuation(text[0]) or _loose(before))
    closes = not text[-1].isspace() and (not _punctuation(text[-1]) or _loose(after))
    return f"**{text}**" if opens and closes else f"<strong>{text}</strong>"


def _runs(spans: list[Span]) -> str:
    merged: list[tuple[str, bool]] = []  # neighbouring bold spans as one, so no "****" appears
    for text, role in spans:
        bold = role in ("heading", "lead")
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + _md(text), bold)
        elif text:
            merged.append((_md(text), bold))
    out = ""
    for n, (text, bold) in enumerate(merged):
        after = merged[n + 1][0][:1] if n + 1 < len(merged) else ""
        out += _bold(text, out[-1:], after) if bold else text
    return out


def write_markdown(doc: Document) -> str:
    """The whole draft as Markdown (title as ``#``, level-n headings as ``#`` × (n + 1))."""
    out: list[str] = [f"# {_md(line)}" for line in doc.title]
    if doc.byline:
        out.append(f"*{_md(doc.byline)}*")
    if doc.addressee:
        out.append(_md(doc.addressee))
    for block in doc.body:
        if isinstance(block, Heading) and block.runin is None:
            out.append(f"{'#' * (block.level + 1)} {_md(block.number + block.text)}")
        elif isinstance(block, Heading):
            out.append(_runs(heading_spans(block)))
        elif isinstance(block, Paragraph):
            out.append(_runs(paragraph_spans(block)))
        elif isinstance(block, ItemList):
            out.extend(_runs(spans) for spans in item_paragraphs(block))
        elif isinstance(block, Table):
            rows = [block.header, ["---"] * len(block.header), *block.rows]
            table = "\n".join("| " + " | ".join(_md(c) if c != "---" else c for c in row) + " |" for row in rows)
            out.append((_bold(_md(block.caption), "", "") + "\n\n" if block.caption else "") + table)
    if doc.attachments:
        out.append("  \n".join(_md(line) for line in attachment_note(doc.attachments)))
    out.extend(_md(line) for line in (doc.issuer, doc.date) if line)
    out.extend(_md(line) for line in doc.closing)
    for label, attachment in attachment_pages(doc.attachments):  # each on a new page in print: a rule here
        out += ["---", f"**{_md(label)}**", f"## {_md(attachment.title)}", *(_md(p) for p in attachment.body)]
    return "\n\n".join(out) + "\n"
