"""Write the document model as plain text: one line per paragraph, numbers computed.

It is what ``drafter preview`` shows and what round-trip checks compare, so it prints
exactly the words of the .docx (both come from :mod:`drafter.spans`), with no layout.
"""

from __future__ import annotations

from ..model import Document, Formal, Heading, ItemList, Paragraph, Table
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


def masthead_lines(formal: Formal) -> list[str]:
    """The 版头 as text: 密级, 紧急程度, the mark, then the number and any 签发人 on one line."""
    signers = "签发人：" + "\u3000".join(formal.signers) if formal.signers else ""
    number = "\u3000\u3000".join(part for part in (formal.number, signers) if part)
    return [line for line in (formal.secrecy, formal.urgency, formal.mark, number) if line]


def colophon_lines(formal: Formal) -> list[str]:
    """The 版记 as text: 抄送, then 印发机关 and 印发日期."""
    copies = ["抄送：" + "，".join(formal.copies_to).rstrip("。") + "。"] if formal.copies_to else []
    printed = "\u3000\u3000".join(part for part in (formal.printed_by, formal.printed_on) if part)
    return copies + ([printed] if printed else [])


def write_text(doc: Document) -> str:
    """The whole report as text: title block, a blank line, body, signature, closing lines;
    the formal copy's 版头 and 版记 before and after, each set off by a blank line."""
    head = [*doc.title, *([doc.byline] if doc.byline else [])]
    lines = masthead_lines(doc.formal) + [""] if doc.formal else []
    lines += head + ([""] if head else []) + ([doc.addressee] if doc.addressee else [])
    for block in doc.body:
        lines.extend(block_lines(block))
    if doc.attachments:
        lines += [""] + attachment_note(doc.attachments)
    tail = [line for line in (doc.issuer, doc.date) if line]
    lines += ([""] + tail if tail else []) + doc.closing
    for label, attachment in attachment_pages(doc.attachments):
        lines += ["", label, attachment.title, *attachment.body]
    if doc.formal and (colophon := colophon_lines(doc.formal)):
        lines += ["", *colophon]
    return "\n".join(lines) + "\n"
