"""Rendering: fact sheet → template pack → document model, then the model→model transforms.

This is the whole middle of the pipeline; readers before it and writers after it
never see Jinja, and templates never see python-docx. Which pack a sheet uses is decided
before (:func:`drafter.pipeline.pack_for`): rendering never guesses a folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import Problem, SheetError
from .figures import fill_figures
from .markup import PREFIX, parse_markup
from .model import Attachment, Document, Formal, NumberingHabits
from .numbering import number
from .script import convert_script
from .sheet import Meta, Section, Sheet
from .templating import Pack, cn_date, render_template

# Every character str.splitlines() breaks at: the markup reader splits the output with it.
_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _inert(text: str, where: str) -> str:
    """Sheet text as it may reach a template: on one line, not starting with ``::`` and not a
    lone ``:``, so it can never be read as a directive (``::h1``, ``::closing`` …) wherever the
    template puts it, alone or run together with other sheet text (the first non-blank value on
    a line either has no colon first or a non-colon second). The sheet model folds lines and
    refuses these already; this holds whatever YAML tag, scalar style or field delivered the text."""
    if _LINE_BREAK.search(text) or text.lstrip().startswith(PREFIX) or text.strip() == PREFIX[0]:
        raise SheetError(Problem(f"文字不能含换行符，也不能以“{PREFIX}”开头（那是模板指令的写法）", field=where))
    return text


def plain(value: Any, where: str = "") -> Any:
    """A copy of dumped sheet data made only of dicts, lists, strings, numbers, booleans,
    dates and None, with every string checked by :func:`_inert`."""
    if isinstance(value, str):
        return _inert(value, where)
    if isinstance(value, dict):
        return {_inert(str(k), where): plain(v, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, f"{where}[{n + 1}]") for n, v in enumerate(value)]
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    raise SheetError(Problem(f"事实表中有无法交给模板的值（{type(value).__name__}）", field=where))


def template_data(sheet: Sheet) -> dict[str, Any]:
    """What a template sees: ``{"sheet": …}`` as plain data, never the pydantic model (whose
    class methods reach files and pickles)."""
    return {"sheet": plain(sheet.model_dump(mode="python"))}


Transform = Callable[[Document, Sheet], Document]

# What happens to the model between the template and the writers, in this order: figures are
# written out first (their text is counted and numbered like any other), numbering is computed
# once on the whole body, and the script (繁体 …) is converted last, over numbers and figures alike.
TRANSFORMS: tuple[tuple[str, Transform], ...] = (
    ("figures", lambda document, sheet: fill_figures(document, sheet.figures)),
    ("numbering", lambda document, sheet: number(document)),
    ("script", lambda document, sheet: convert_script(document, sheet.meta.script, sheet.meta.script_forms)),
)


def render(sheet: Sheet, pack: Pack, source: Path | None = None,
           transforms: tuple[tuple[str, Transform], ...] = TRANSFORMS) -> Document:
    """Render ``sheet`` (read from ``source``, named in its errors) through a resolved template
    pack into a document, numbered, with its figures written out, in the sheet's script
    (``transforms``: fewer, for a caller that applies the others to a part of the document)."""
    try:
        data = template_data(sheet)
    except SheetError as exc:
        raise SheetError([dataclasses.replace(p, file=source) for p in exc.problems]) from None
    text = render_template(pack, data)
    document = parse_markup(text, source=f"{pack.name}/report.j2")
    trace_sources(document, sheet)
    # Attachments follow the signature in a fixed form (GB/T 9704-2012 7.3.4, 7.3.7), and the formal
    # copy's 版头 and 版记 are fixed by 7.2 and 7.4: neither is the templates' concern.
    document.attachments = [Attachment(a.title, list(a.text)) for a in sheet.attachments]
    if sheet.meta.numbering is not None:
        document.numbering = NumberingHabits(**sheet.meta.numbering.model_dump())
    document.formal = formal_elements(sheet.meta) if sheet.meta.form == "formal" else None
    for _, transform in transforms:
        document = transform(document, sheet)
    return document


def trace_sources(document: Document, sheet: Sheet) -> None:
    """Set each heading's :attr:`~drafter.model.Heading.source`: the part or section of the sheet
    it prints. A pack may add headings of its own or leave a part out, so each part and section
    is found, in sheet order, as the next heading at its level that prints its title (a part
    without one: its kind); one the pack does not print keeps no heading, and nor do its sections."""
    headings = document.headings()
    start = 0

    def walk(sections: Sequence[Section], path: tuple[Any, ...], level: int) -> None:
        nonlocal start
        for n, section in enumerate(sections):
            title = (section.title or "").strip()
            kind = getattr(section, "kind", None)
            found = next((i for i in range(start, len(headings)) if headings[i].level == level
                          and (headings[i].text == title if title else headings[i].kind == kind)), None)
            if found is None:
                continue
            headings[found].source = (*path, n)
            start = found + 1
            walk(section.sections, (*path, n, "sections"), level + 1)

    walk(sheet.parts, ("parts",), 1)


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
