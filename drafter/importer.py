"""Import: a recognised report (document model) back into a fact sheet, the inverse of rendering.

Each heading becomes a part or section; its run-in body, paragraphs, enumeration and table
fill the fields the template renders in the same order (text → items → table → sections →
after). Titles equal to what the template would write anyway (the default title, the
standard part titles for that year) are left out, so the sheet stays short and next
year's rollover can change them. Whatever cannot be expressed exactly is kept as text and
reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from .errors import Problem
from .files import output_path, refuse_overwrite
from .locality import guess_region, guess_year
from .model import STANDARD_NUMBERING, Formal, Heading, ItemList, Paragraph, PartKind, Table
from .numbering import number
from .readers.report import kind_of, read_report
from .readers.structure import Reading
from .render import render
from .script import convert_text
from .sheet import Sheet, check_doc_number, parse_date
from .sheetfiles import save_sheet
from .templating import resolve_pack
from .text import PLACEHOLDER
from .writers.text import block_lines

PLACEHOLDER_REGION = f"{PLACEHOLDER}地区）"


@lru_cache(maxsize=64)
def template_defaults(region: str, year: int, template: str | None) -> tuple[tuple[str, ...], dict[str, PartKind]]:
    """The title lines and default part titles the template writes for this region and year,
    learned by rendering a probe sheet, so any template pack is understood."""
    kinds = get_args(PartKind)
    probe = Sheet.model_validate({"meta": {"region": region, "year": year}, "parts": [{"kind": k} for k in kinds]})
    doc = render(probe, resolve_pack(template))
    return tuple(doc.title), {h.text: h.kind for h in doc.headings() if h.kind}  # type: ignore[misc]


def _items(items: ItemList) -> list[Any]:
    return [{"lead": i.lead, "text": i.text} if i.lead else i.text for i in items.items]


class _Builder:
    """Folds the flat block list into nested part/section dictionaries."""

    PHASES = ("text", "items", "table", "after")

    def __init__(self, source: str) -> None:
        self.source = source
        self.warnings: list[Problem] = []
        self.intro: list[str] = []
        self.parts: list[dict[str, Any]] = []
        self.open: list[dict[str, Any]] = []  # the section at each open level

    def heading(self, heading: Heading) -> None:
        section: dict[str, Any] = {"title": heading.text, "text": [], "sections": [], "after": [], "_phase": "text"}
        if heading.runin is not None:
            section["run_in"] = True if heading.level == 1 else None
            if heading.runin.text:
                section["text"].append(heading.runin.text)
            if heading.runin.items:
                self.set_items(section, heading.runin.items, inline=True)
        elif heading.level > 1:
            section["run_in"] = False
        del self.open[heading.level - 1:]
        (self.open[-1]["sections"] if self.open else self.parts).append(section)
        self.open.append(section)

    def set_items(self, section: dict[str, Any], items: ItemList, inline: bool) -> None:
        section.update(items=_items(items), items_style=items.style, items_inline=inline, _phase="items")

    def content(self, block: Paragraph | ItemList | Table) -> None:
        if not self.open:
            self.intro.extend(block_lines(block))
            if not isinstance(block, Paragraph) or block.items:
                self.warnings.append(Problem("开头部分的条目或表格已作为普通段落保留（序号照原文写入），请核对", self.source))
            return
        section = self.open[-1]
        phase = self.PHASES.index(section["_phase"])
        if isinstance(block, Paragraph) and not block.items:
            section["text" if phase == 0 else "after"].append(block.text)
            section["_phase"] = "text" if phase == 0 else "after"
        elif isinstance(block, Paragraph) and phase == 0:
            if block.text:
                section["text"].append(block.text)
            self.set_items(section, block.items, inline=True)  # type: ignore[arg-type]
        elif isinstance(block, ItemList) and phase == 0:
            self.set_items(section, block, inline=False)
        elif isinstance(block, Table) and phase <= 1:
            section.update(table={"caption": block.caption or None, "columns": block.header, "rows": block.rows},
                           _phase="table")
        else:
            section["after"].extend(block_lines(block))
            section["_phase"] = "after"
            self.warnings.append(Problem(
                f"“{section['title']}”中的条目或表格无法按事实表的顺序表达，已作为带原序号的段落保留，请核对", self.source))


def _clean(section: dict[str, Any], level: int) -> dict[str, Any]:
    """Drop empty and internal fields; a run_in flag matters only where there is text."""
    section.pop("_phase")
    if not (section["text"] or section.get("items_inline")):
        section.pop("run_in", None)
    section["sections"] = [_clean(child, level + 1) for child in section["sections"]]
    return {key: value for key, value in section.items() if value not in ([], None)}


def formal_meta(formal: Formal, source: str, warnings: list[Problem]) -> dict[str, Any]:
    """The sheet's formal-copy fields from a recognised 版头 and 版记, so the sheet builds the
    same formal copy again; a 发文字号 the standard would not accept is told, not kept."""
    meta: dict[str, Any] = {"form": "formal", "masthead": formal.mark}
    try:
        meta["doc_number"] = check_doc_number(formal.number) if formal.number else None
    except ValueError as exc:
        warnings.append(Problem(f"原文的发文字号“{formal.number}”未写入事实表：{exc}", source))
    printed_on = parse_date(formal.printed_on.removesuffix("印发")) if formal.printed_on else None
    for key, value in (("signers", formal.signers), ("secrecy", formal.secrecy), ("urgency", formal.urgency),
                       ("copies_to", formal.copies_to), ("printed_by", formal.printed_by), ("printed_on", printed_on)):
        if value:
            meta[key] = value
    warnings.append(Problem("原文有版头（发文机关标志、发文字号），按正式公文导入（meta.form: formal），请核对版头和版记", source))
    return {key: value for key, value in meta.items() if value is not None}


def to_sheet(reading: Reading, source: str, template: str | None = None) -> tuple[Sheet, list[Problem]]:
    """A fact sheet for a recognised report, and every point the clerk should check."""
    doc = number(reading.document)
    warnings = list(reading.warnings)
    builder = _Builder(source)
    for block in doc.body:
        if isinstance(block, Heading):
            builder.heading(block)
        else:
            builder.content(block)
    warnings.extend(builder.warnings)

    region = guess_region(doc)
    if region is None:
        warnings.append(Problem(f"没有找到地区名称，meta.region 暂填“{PLACEHOLDER_REGION}”，请改正", source))
    elif not any(region in convert_text(line, "t2s") for line in [*doc.title, doc.byline]):
        warnings.append(Problem(f"地区“{region}”是从正文推测的，请核对 meta.region", source))
    year = guess_year(doc)
    if year is not None and not any(str(year) in line for line in doc.title):
        warnings.append(Problem(f"报告年度 {year} 是从正文推测的，请核对 meta.year", source))
    if year is None:
        year = dt.date.today().year - 1
        warnings.append(Problem(f"没有找到报告年度，meta.year 暂填 {year}，请核对", source))
    if template is None and doc.byline:
        template = "article"  # a signed article: its own pack, which requires no report parts
        warnings.append(Problem("原文有署名行，按署名文章处理（meta.template: article）", source))
    default_title, default_parts = template_defaults(region or PLACEHOLDER_REGION, year, template)

    parts = []
    for part in builder.parts:
        title = part["title"]
        part["kind"] = default_parts.get(title) or kind_of(title)
        if default_parts.get(title):
            part.pop("title")
        parts.append(_clean(part, 1))
    if not parts:
        parts = [{"title": "（请填写标题）", "text": builder.intro}]
        builder.intro = []
        warnings.append(Problem("没有识别出“一、”等标题，全文已放入一个部分，请按原文分出各部分", source))
    meta: dict[str, Any] = {"region": region or PLACEHOLDER_REGION, "year": year, "template": template}
    if not doc.title:
        warnings.append(Problem("原文没有标题，meta.title 留空（成稿无标题）；如需标题请填写，或删去该行用默认标题", source))
    if tuple(doc.title) != default_title:
        meta["title"] = doc.title
    if doc.numbering != STANDARD_NUMBERING:
        meta["numbering"] = {key: value for key, value in dataclasses.asdict(doc.numbering).items()
                             if value != getattr(STANDARD_NUMBERING, key)}
    for key, value in (("addressee", doc.addressee), ("issuer", doc.issuer), ("date", doc.date),
                       ("byline", doc.byline), ("closing", doc.closing), ("script", reading.script),
                       ("script_forms", reading.forms)):
        if value:
            meta[key] = value
    if doc.formal is not None:
        meta.update(formal_meta(doc.formal, source, warnings))
    attachments = [{"title": a.title, "text": a.body} if a.body else {"title": a.title} for a in doc.attachments]
    sheet = Sheet.model_validate({"meta": meta, "intro": builder.intro, "parts": parts, "attachments": attachments})
    return sheet, warnings


def import_report(
    report: Path, output: str | Path | None = None, keep_script: bool = False, force: bool = False,
    template: str | None = None,
) -> tuple[Path, list[Problem]]:
    """Turn last year's report into an editable sheet (and its schema beside it)."""
    target = output_path(output, f"{report.stem}.yaml")
    refuse_overwrite(target, force)
    sheet, warnings = to_sheet(read_report(report, keep_script), str(report), template)
    notes = [f"由 drafter import 从 {report.name} 导入。"]
    if warnings:
        notes.append("导入时的提示（核对后可删除）：")
        notes += [f"- {w.message}" + (f"（原文第{w.line}行）" if w.line else "") for w in warnings]
    save_sheet(target, sheet, notes)
    return target, warnings
