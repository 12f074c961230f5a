"""Rendering: fact sheet → template pack → document model, numbered.

This is the whole middle of the pipeline; readers before it and writers after it
never see Jinja, and templates never see python-docx.
"""

from __future__ import annotations

from pathlib import Path

from .figures import fill_figures
from .markup import parse_markup
from .model import Document, Formal
from .numbering import number
from .sheet import Meta, Sheet
from .templating import cn_date, render_template, resolve_pack


def render(sheet: Sheet, template: str | Path | None = None) -> Document:
    """Render ``sheet`` through a template pack (``template``, else the sheet's ``meta.template``,
    else ``standard``) into a numbered document with its figures written out."""
    pack = resolve_pack(template or sheet.meta.template)
    text = render_template(pack, {"sheet": sheet})
    document = number(fill_figures(parse_markup(text, source=f"{pack.name}/report.j2"), sheet.figures))
    document.formal = formal_elements(sheet.meta) if sheet.meta.form == "formal" else None
    return document


def formal_elements(meta: Meta) -> Formal:
    """The 版头 and 版记 of the formal copy from the sheet's meta, with the defaults a
    government office uses: its name plus 文件 as the mark, the issuer as the printing
    office, the 成文日期 as the printing date."""
    office = meta.issuer or meta.region
    printed = meta.printed_on or meta.date
    return Formal(
        mark=meta.masthead or f"{office}文件",
        number=meta.doc_number or "",
        signers=list(meta.signers),
        secrecy=meta.secrecy or "",
        urgency=meta.urgency or "",
        copies_to=list(meta.copies_to),
        printed_by=meta.printed_by or office,
        printed_on=f"{cn_date(printed)}印发" if printed else "",
    )
