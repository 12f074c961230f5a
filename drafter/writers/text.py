"""Write the document model as plain text: one line per paragraph, numbers computed.

It is what ``drafter preview`` shows and what round-trip checks compare, so it prints
exactly the words of the .docx (both come from :mod:`drafter.spans`), with no layout.
"""

from __future__ import annotations

from ..model import Document, Heading, ItemList, Paragraph, Table
from ..spans import attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans, text_of


def block_lines(block: Heading | Paragraph | ItemList | Table) -> list[str]:
    """The lines one block prints as."""
    if isinstance(block, Heading):
        return [text_of(heading_spans(block))]
    if isinstance(block, Paragraph):
        return [text_of(paragraph_spans(block))]
    if isinstance(block, ItemList):
        return [text_of(spans) for spans in item_paragraphs(block)]
    rows = [block.header, *block.rows]
    return ([block.caption] if block.caption else []) + ["\t".join(row) for row in rows]


def write_text(doc: Document) -> str:
    """The whole report as text: title block, a blank line, body, signature, closing lines."""
    head = [*doc.title, *([doc.byline] if doc.byline else [])]
    lines = head + ([""] if head else []) + ([doc.addressee] if doc.addressee else [])
    for block in doc.body:
        lines.extend(block_lines(block))
    if doc.attachments:
        lines += [""] + attachment_note(doc.attachments)
    tail = [line for line in (doc.issuer, doc.date) if line]
    lines += ([""] + tail if tail else []) + doc.closing
    for label, attachment in attachment_pages(doc.attachments):
        lines += ["", label, attachment.title, *attachment.body]
    return "\n".join(lines) + "\n"
