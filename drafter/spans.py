"""How each block reads: its paragraphs as runs of text tagged with their role.

Every writer prints the same words from here, so the plain-text preview, the HTML and
the .docx cannot disagree on a marker or a "。"; each only decides how a role looks.
"""

from __future__ import annotations

from typing import Literal

from .model import Attachment, Heading, Item, ItemList, Paragraph

Role = Literal["heading", "body", "lead"]
Span = tuple[str, Role]


def sentence(text: str) -> str:
    """End a heading or item sentence with "。" unless it already ends one: 。！？； possibly
    inside a closing quote ("……做到“三个到位。”"), not a quotation mark alone ("“法律明白人”")."""
    core = text.rstrip("”’）》")
    return text if not text or (core and core[-1] in "。！？；") else text + "。"


def heading_label(heading: Heading) -> str:
    """The heading as printed before any run-in body: "（一）标题。" or "一、标题"."""
    if heading.runin is not None:
        return heading.number + sentence(heading.text)
    return heading.number + heading.text


def _item_spans(item: Item) -> list[Span]:
    spans: list[Span] = [(item.marker, "body")]
    if item.lead:
        spans.append((sentence(item.lead), "lead"))
    spans.append((sentence(item.text), "body"))
    return spans


def paragraph_spans(paragraph: Paragraph) -> list[Span]:
    """A body paragraph with its run-on enumeration (一是…。二是…。)."""
    spans: list[Span] = [(paragraph.text, "body")] if paragraph.text else []
    for item in paragraph.items.items if paragraph.items else ():
        spans.extend(_item_spans(item))
    return spans


def heading_spans(heading: Heading) -> list[Span]:
    """The heading sentence, then its run-in body, in one paragraph."""
    spans: list[Span] = [(heading_label(heading), "heading")]
    if heading.runin is not None:
        spans.extend(paragraph_spans(heading.runin))
    return spans


def item_paragraphs(items: ItemList) -> list[list[Span]]:
    """An enumeration set as a block: one paragraph per item."""
    return [_item_spans(item) for item in items.items]


def text_of(spans: list[Span]) -> str:
    return "".join(text for text, _ in spans)


def attachment_note(attachments: list[Attachment]) -> list[str]:
    """The 附件说明 under the body, one line per attachment (GB/T 9704-2012 7.3.4): "附件：名称"
    for one, "附件：1.名称" then "2.名称" … for several; names carry no end punctuation."""
    if len(attachments) == 1:
        return [f"附件：{attachments[0].title}"]
    return [("附件：" if n == 1 else "") + f"{n}.{a.title}" for n, a in enumerate(attachments, start=1)]


def attachment_pages(attachments: list[Attachment]) -> list[tuple[str, Attachment]]:
    """The attachments printed after the signature (those whose text is part of the report), each
    with the label heading its page (7.3.7): "附件" for a sole one, else "附件2" as the note numbers it."""
    return [("附件" if len(attachments) == 1 else f"附件{n}", a)
            for n, a in enumerate(attachments, start=1) if a.body]
