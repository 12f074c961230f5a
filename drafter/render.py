"""Rendering: fact sheet → template pack → document model, numbered.

This is the whole middle of the pipeline; readers before it and writers after it
never see Jinja, and templates never see python-docx.
"""

from __future__ import annotations

from pathlib import Path

from .figures import fill_figures
from .markup import parse_markup
from .model import Document
from .numbering import number
from .sheet import Sheet
from .templating import render_template, resolve_pack


def render(sheet: Sheet, template: str | Path | None = None) -> Document:
    """Render ``sheet`` through a template pack (``template``, else the sheet's ``meta.template``,
    else ``standard``) into a numbered document with its figures written out."""
    pack = resolve_pack(template or sheet.meta.template)
    text = render_template(pack, {"sheet": sheet})
    return number(fill_figures(parse_markup(text, source=f"{pack.name}/report.j2"), sheet.figures))
