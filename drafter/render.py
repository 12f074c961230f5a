"""Rendering: fact sheet → template pack → document model, numbered.

This is the whole middle of the pipeline; readers before it and writers after it
never see Jinja, and templates never see python-docx.
"""

from __future__ import annotations

from pathlib import Path

from .figures import fill_figures
from .markup import parse_markup
from .model import Attachment, Document, NumberingHabits
from .numbering import number
from .sheet import Sheet
from .templating import render_template, resolve_pack


def render(sheet: Sheet, template: str | Path | None = None) -> Document:
    """Render ``sheet`` through a template pack (``template``, else the sheet's ``meta.template``,
    else ``standard``) into a numbered document with its figures written out."""
    pack = resolve_pack(template or sheet.meta.template)
    text = render_template(pack, {"sheet": sheet})
    document = parse_markup(text, source=f"{pack.name}/report.j2")
    # Attachments follow the signature in a fixed form (GB/T 9704-2012 7.3.4, 7.3.7): not the templates' concern.
    document.attachments = [Attachment(a.title, list(a.text)) for a in sheet.attachments]
    if sheet.meta.numbering is not None:
        document.numbering = NumberingHabits(**sheet.meta.numbering.model_dump())
    return number(fill_figures(document, sheet.figures))
