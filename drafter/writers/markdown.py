"""Write the document model as Markdown: numbered headings as Markdown headings, so the
outline survives in any Markdown viewer; run-in headings stay run in, in bold."""

from __future__ import annotations

from ..model import Document, Heading, ItemList, Paragraph, Table
from ..spans import Span, attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    return text.translate(_SPECIAL)


def _runs(spans: list[Span]) -> str:
    return "".join(f"**{_md(text)}**" if role in ("heading", "lead") else _md(text) for text, role in spans)


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
            out.append((f"**{_md(block.caption)}**\n\n" if block.caption else "") + table)
    if doc.attachments:
        out.append("  \n".join(_md(line) for line in attachment_note(doc.attachments)))
    out.extend(_md(line) for line in (doc.issuer, doc.date) if line)
    out.extend(_md(line) for line in doc.closing)
    for label, attachment in attachment_pages(doc.attachments):  # each on a new page in print: a rule here
        out += ["---", f"**{_md(label)}**", f"## {_md(attachment.title)}", *(_md(p) for p in attachment.body)]
    return "\n\n".join(out) + "\n"
