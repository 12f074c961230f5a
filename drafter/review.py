"""Review a file: the lint rules over a sheet (field by field) or a finished report (line by line).

The library side of ``drafter check``; the rules themselves are in :mod:`drafter.lint`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .build import template_for, with_last_year
from .figures import fill_text, referenced
from .importer import guess_year, kind_of, read_report, report_lines
from .lint import Finding, Passage, field_of, review_figures, review_passages, review_structure, section_label
from .numbering import number
from .readers.sheet import load_sheet, locate
from .render import render
from .script import convert_text
from .sheet import parse_date, sheet_strings
from .templating import pack_info, resolve_pack
from .title import title_findings


@dataclass(frozen=True)
class Review:
    """What ``drafter check`` found in one file."""

    source: Path
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def review(path: Path, template: str | None = None) -> Review:
    """Check a sheet field by field, or a finished report (.txt/.docx) line by line."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        return _review_report(path, template)
    sheet, root = load_sheet(path)
    sheet = with_last_year(sheet, path)
    template = template_for(sheet, path, template)
    render(sheet, template)  # a sheet the template cannot render is not ready for review
    strings = list(sheet_strings(sheet.model_dump()))
    passages = [  # checked as they will print: figures written out
        Passage(fill_text(text, sheet.figures), locate(root, where)[0], section_label(where), field_of(where))
        for where, text in strings
    ]
    findings = review_passages(passages, sheet.meta.year, in_sheet=True)
    whole = "".join(p.text for p in passages)
    required = pack_info(resolve_pack(template)).get("required_parts", [])
    findings += review_structure([p.kind for p in sheet.parts], whole, required, sheet.meta.year, sheet.meta.date)
    used = {name for _, text in strings for name in referenced(text)}
    lines = {name: locate(root, ("figures", name))[0] for name in sheet.figures}
    findings += review_figures(sheet.figures, used, lines)
    if isinstance(sheet.meta.title, list):
        findings += title_findings(sheet.meta.title, locate(root, ("meta", "title"))[0])
    return Review(path, findings)


def _review_report(path: Path, template: str | None) -> Review:
    raw, exact = report_lines(path)  # read once: the raw lines are checked, a cleaned copy recognised
    reading = read_report(path, lines=(raw, exact))
    document = number(reading.document)
    convert = (lambda t: convert_text(t, "t2s")) if reading.script != "simplified" else (lambda t: t)
    passages = [Passage(convert(line.text), line.number) for line in raw if line.text.strip()]
    year = guess_year(document) or dt.date.today().year - 1
    findings = review_passages(passages, year, in_sheet=False)
    kinds = [kind_of(h.text) for h in document.headings() if h.level == 1]
    date = parse_date(document.date) if document.date else None
    required = pack_info(resolve_pack(template)).get("required_parts", [])
    findings += review_structure(kinds, "".join(p.text for p in passages), required, year, date)
    findings += [Finding("numbering", "warning", w.message, w.line) for w in reading.warnings
                 if w.line and w.message.startswith("序号")]
    findings += title_findings([convert(line) for line in reading.document.title])
    return Review(path, findings)

