"""Show the document model in a terminal (rich): headings bold, the rest as printed text."""

from __future__ import annotations

from rich.text import Text

from ..model import Document, Heading
from ..spans import attachment_note, attachment_pages, heading_spans
from .text import block_lines

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
            for line in block_lines(block):
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
