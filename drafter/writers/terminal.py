"""Show the document model in a terminal (rich): headings bold, the rest as printed text."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from ..model import Document, Heading, Table
from ..spans import attachment_note, attachment_pages, heading_spans
from .text import block_lines


def _table_lines(table: Table) -> list[str]:
    """A table in columns padded by display width: a Chinese character takes two cells, so
    tabs (the plain-text writer's separator) would leave the columns askew."""
    rows = [table.header, *table.rows]
    widths = [max(cell_len(row[n]) for row in rows) for n in range(len(table.header))]
    lines = ["  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths)).rstrip()
             for row in rows]
    return ([table.caption] if table.caption else []) + lines

_STYLES = {1: "bold", 2: "bold cyan", 3: "bold", 4: ""}


def write_terminal(doc: Document) -> Text:
    """The draft as styled terminal text, one paragraph per line, numbers computed."""
    out = Text()
    for line in doc.title:
        out.append(line + "\n", style="bold")
    if doc.title:
        out.append("\n")
    for line in [doc.byline, doc.addressee]:
        if line:
            out.append(line + "\n")
    for block in doc.body:
        if isinstance(block, Heading):
            for text, role in heading_spans(block):
                out.append(text, style=_STYLES[block.level] if role == "heading" else "")
            out.append("\n")
        else:
            for line in _table_lines(block) if isinstance(block, Table) else block_lines(block):
                out.append(line + "\n")
    for line in attachment_note(doc.attachments) if doc.attachments else []:
        out.append(line + "\n")
    for line in [doc.issuer, doc.date, *doc.closing]:
        if line:
            out.append(line + "\n", style="dim" if line in doc.closing else "")
    for label, attachment in attachment_pages(doc.attachments):
        out.append(f"\n{label}\n", style="bold")
        out.append(attachment.title + "\n", style="bold")
        for line in attachment.body:
            out.append(line + "\n")
    return out
