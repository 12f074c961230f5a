"""Review a file: the lint rules over a sheet (field by field) or a finished report (line by line).

The library side of ``drafter check``; the rules themselves are in :mod:`drafter.lint`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .figures import fill_text, referenced
from .findings import Finding
from .lint import (Passage, TableData, field_of, review_figures, review_numbering, review_passages,
                   review_structure, review_tables, section_labels)
from .model import Document
from .numbering import number
from .pipeline import pack_for
from .readers.sheet import fill_previous, load_sheet, locate
from .render import render
from .script import convert_text
from .sheet import Section, Sheet, Table, parse_date, sheet_strings
from .templating import pack_info, resolve_pack
from .title import title_findings


SAME_FAULT_SHOWN = 5  # occurrences of one fault listed before the rest are summed up
FINDINGS_SHOWN = 300  # a report of several thousand findings is read by no one


def condense(findings: list[Finding]) -> list[Finding]:
    """Findings as a clerk can read them: a fault repeated many times (a text pasted a thousand
    times, a doubled word in every line) is listed a few times and then counted once, with the
    lines it is also on; and the whole list is capped. Errors stay errors, so the exit code
    does not change."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.rule, finding.severity, finding.message), []).append(finding)
    shown: list[Finding] = []
    for (rule, severity, message), same in groups.items():
        shown.extend(same[:SAME_FAULT_SHOWN])
        if len(same) > SAME_FAULT_SHOWN:
            rest = same[SAME_FAULT_SHOWN:]
            lines = sorted({f.line for f in rest if f.line})
            where = f"，在第{'、'.join(map(str, lines[:10]))}{'等' if len(lines) > 10 else ''}行" if lines else ""
            shown.append(Finding(rule, severity, f"同一问题另有 {len(rest)} 处未逐一列出{where}：{message}",
                                 rest[0].line, rest[0].section, count=sum(f.count for f in rest)))
    order = {id(f): n for n, f in enumerate(findings)}
    shown.sort(key=lambda f: order.get(id(f), len(findings)))
    if len(shown) > FINDINGS_SHOWN:
        hidden = shown[FINDINGS_SHOWN - 1:]
        shown = shown[:FINDINGS_SHOWN - 1] + [
            Finding("too-many", severity, f"另有 {sum(f.count for f in same)} 条{label}未列出：请先改正以上问题，再重新审查",
                    count=sum(f.count for f in same))
            for severity, label in (("error", "错误"), ("warning", "警告"))
            if (same := [f for f in hidden if f.severity == severity])]
    return shown


@dataclass(frozen=True)
class Review:
    """What ``drafter check`` found in one file."""

    source: Path
    findings: list[Finding]

    @property
    def errors(self) -> int:
        """Faults counted where they stand, also those a grouped finding stands for."""
        return sum(f.count for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(f.count for f in self.findings if f.severity != "error")


def review(path: Path, template: str | None = None, drafted: Document | None = None) -> Review:
    """Check a sheet field by field, or a finished report (.txt/.docx) line by line.
    ``drafted``: the draft the caller has just rendered from this sheet (a batch), not rendered again."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        return _review_report(path, template)
    sheet, root = load_sheet(path)
    sheet = fill_previous(sheet, path)
    # A sheet the template cannot render is not ready for review; the draft it renders to says
    # under which number each field prints, so a finding names the section as the draft does.
    pack = pack_for(sheet, path, template)
    label = section_labels(drafted or render(sheet, pack))
    strings = list(sheet_strings(sheet.model_dump()))
    passages = [  # checked as they will print: figures written out
        Passage(fill_text(text, sheet.figures), locate(root, where)[0], label(where), field_of(where))
        for where, text in strings
    ]
    findings = review_passages(passages, sheet.meta.year, in_sheet=True)
    whole = "".join(p.text for p in passages)
    required = pack_info(pack).get("required_parts", [])
    findings += review_structure([p.kind for p in sheet.parts], whole, required, sheet.meta.year, sheet.meta.date,
                                 sheet.meta.issuer or sheet.meta.region)
    tables = [TableData(list(t.columns), [list(r) for r in t.rows], t.caption or "", locate(root, where, at_key=True)[0],
                        label(where)) for where, t in sheet_tables(sheet)]
    findings += review_tables(tables, passages)
    used = {name for _, text in strings for name in referenced(text)}
    lines = {name: locate(root, ("figures", name))[0] for name in sheet.figures}
    findings += review_figures(sheet.figures, used, lines)
    findings += review_numbering(sheet.meta.numbering, locate(root, ("meta", "numbering"))[0]
                                 if sheet.meta.numbering else None)
    if isinstance(sheet.meta.title, list):
        findings += title_findings(sheet.meta.title, locate(root, ("meta", "title"))[0])
    return Review(path, condense(findings))


def sheet_tables(sheet: Sheet) -> Iterator[tuple[tuple[Any, ...], Table]]:
    """Every table of a sheet with its path (for its line and section number)."""

    def walk(section: Section, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Table]]:
        if section.table is not None:
            yield path + ("table",), section.table
        for n, child in enumerate(section.sections):
            yield from walk(child, path + ("sections", n))

    for n, part in enumerate(sheet.parts):
        yield from walk(part, ("parts", n))


def _review_report(path: Path, template: str | None) -> Review:
    # The report readers (python-docx, the structure recogniser) only here: checking a sheet,
    # the common case, does not load them.
    from .locality import guess_year
    from .readers.report import kind_of, read_report, report_lines

    raw, exact = report_lines(path)  # read once: the raw lines are checked, a cleaned copy recognised
    reading = read_report(path, lines=(raw, exact))
    document = number(reading.document)
    convert = (lambda t: convert_text(t, "t2s")) if reading.script != "simplified" else (lambda t: t)
    passages = [Passage(convert(line.text), line.number) for line in raw if line.text.strip()]
    year = guess_year(document) or dt.date.today().year - 1
    findings = review_passages(passages, year, in_sheet=False)
    kinds = [kind_of(h.text) for h in document.headings() if h.level == 1]
    try:
        date = parse_date(document.date) if document.date else None
    except ValueError as exc:  # a date line that is no date, such as 2025年2月30日
        date = None
        findings.append(Finding("date", "error", str(exc)))
    required = pack_info(resolve_pack(template)).get("required_parts", [])
    findings += review_structure(kinds, "".join(p.text for p in passages), required, year, date, document.issuer)
    tables = [TableData(line.cells[0], line.cells[1:], line=line.number) for line in raw if line.cells]
    findings += review_tables(tables, passages)
    findings += [Finding("numbering", "warning", w.message, w.line, quote=w.message.split("“")[1].split("”")[0])
                 for w in reading.warnings if w.line and w.message.startswith("序号“")]
    findings += review_numbering(document.numbering, in_sheet=False)
    findings += title_findings([convert(line) for line in reading.document.title])
    return Review(path, condense(findings))

