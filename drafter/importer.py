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
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from .build import save_sheet
from .errors import Problem, ReportError, SheetError
from .files import output_path, refuse_overwrite
from .model import Document, Heading, ItemList, Paragraph, PartKind, Table
from .numbering import number
from .readers.docx import docx_lines
from .readers.filetype import sniff, unreadable_report
from .readers.report import Line, Reading, read_lines
from .readers.txt import txt_lines
from .render import render
from .script import convert_text
from .sheet import Sheet
from .writers.text import block_lines

_KIND_WORDS: list[tuple[PartKind, str]] = [
    ("responsibility", r"第一责任人|履行.{0,12}职责"),
    ("shortcomings", r"问题|不足|短板|差距"),
    ("plans", r"计划|打算|安排|下一步|下一年|思路|重点工作|目标任务"),
    ("achievements", r"举措|成效|情况|开展|主要工作|进展|成绩|做法"),
]
# A place name starts after punctuation or one of the words that run into it from the left
# ("，博乐市", "2022年舟曲县", "在开原市"), and ends in an administrative suffix.
_PLACE = re.compile(
    r"(?:^|(?<![\u4e00-\u9fff])|(?<=[年在对向从于为以由经按据将把和与及推全本该各其]))"
    r"(?![年在对向从于为以由经按据将把和与及推全本该各其])[\u4e00-\u9fff]{2,8}?(?:自治州|自治县|自治旗|地区|盟|市|县|旗|区)"
)
_NOT_A_PLACE = re.compile(
    r"[的个治两几了是我]|自治区|地区$|保护区|开发区|示范区|新区|园区|社区|城区|辖区|景区|市区|县区|片区|试验区|实验区|城市|都市"
)
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
PLACEHOLDER_REGION = "（请填写地区）"


def kind_of(title: str) -> PartKind:
    """Which required part a level-1 title opens, by the words such titles use."""
    simplified = convert_text(title, "t2s")
    for kind, words in _KIND_WORDS:
        if re.search(words, simplified):
            return kind
    return "other"


@lru_cache(maxsize=64)
def template_defaults(region: str, year: int, template: str | None) -> tuple[tuple[str, ...], dict[str, PartKind]]:
    """The title lines and default part titles the template writes for this region and year,
    learned by rendering a probe sheet, so any template pack is understood."""
    kinds = get_args(PartKind)
    probe = Sheet.model_validate({"meta": {"region": region, "year": year}, "parts": [{"kind": k} for k in kinds]})
    doc = render(probe, template)
    return tuple(doc.title), {h.text: h.kind for h in doc.headings() if h.kind}  # type: ignore[misc]


# In running text a place is taken only where an institution or the subject follows it
# ("博乐市党委", "舟曲县法治政府建设工作要点"): a bare "……县" is too often not a name.
_INSTITUTION_AFTER = re.compile(r"党委|政府|人民政府|委员会|人大|政协|法治|依法治|司法局|各级|各部门|上下")


def _places(text: str, institution_after: bool = False) -> list[str]:
    simplified = convert_text(text, "t2s")
    found = []
    for match in _PLACE.finditer(simplified):
        place = match.group()
        if _NOT_A_PLACE.search(place):
            continue
        if institution_after and not _INSTITUTION_AFTER.match(simplified, match.end()):
            continue
        found.append(place)
    return found


def guess_region(doc: Document) -> str | None:
    """The locality: from the title, the byline, else the place the text names most often."""
    for line in [*doc.title, doc.byline]:
        named = _places(line)
        if named:
            return named[0]
    counts = Counter(place for text in _texts(doc) for place in _places(text, institution_after=True))
    return counts.most_common(1)[0][0] if counts else None


def _texts(doc: Document) -> list[str]:
    """Every paragraph of the body as it reads, for guessing region and year."""
    return [line for block in doc.body for line in block_lines(block)]


def guess_year(doc: Document) -> int | None:
    """The reported year: from the title, else the year the text names most often
    (not later than the date of the report, if it has one)."""
    for line in doc.title:
        match = _YEAR.search(line)
        if match:
            return int(match.group(1))
    latest = int(doc.date[:4]) if doc.date[:4].isdigit() else dt.date.today().year
    years = Counter(int(y) for t in _texts(doc) for y in _YEAR.findall(t) if int(y) <= latest)
    return years.most_common(1)[0][0] if years else None


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
    for key, value in (("addressee", doc.addressee), ("issuer", doc.issuer), ("date", doc.date),
                       ("byline", doc.byline), ("closing", doc.closing), ("script", reading.script),
                       ("script_forms", reading.forms)):
        if value:
            meta[key] = value
    sheet = Sheet.model_validate({"meta": meta, "intro": builder.intro, "parts": parts})
    return sheet, warnings


def report_lines(path: Path) -> tuple[list[Line], bool]:
    """A finished report's lines as written, and whether they carry drafter's exact roles."""
    suffix, kind = path.suffix.lower(), sniff(path)  # by content first: a renamed file is still what it is
    refused = unreadable_report("ole" if suffix == ".doc" else kind)
    if refused:
        raise ReportError(Problem(refused, path))
    if suffix == ".docx" or kind == "docx":
        return docx_lines(path)
    return txt_lines(path), False


def read_report(path: Path, keep_script: bool = False, lines: tuple[list[Line], bool] | None = None) -> Reading:
    """Recognise a finished report, .docx or text (``lines``: already read, left unchanged)."""
    raw, exact = lines or report_lines(path)
    return read_lines([dataclasses.replace(line) for line in raw], str(path), keep_script, exact)


def import_report(
    report: Path, output: Path | None = None, keep_script: bool = False, force: bool = False,
    template: str | None = None,
) -> tuple[Path, list[Problem]]:
    """Turn last year's report into an editable sheet (and its schema beside it)."""
    target = output_path(output, Path.cwd(), f"{report.stem}.yaml")
    refuse_overwrite(target, force)
    sheet, warnings = to_sheet(read_report(report, keep_script), str(report), template)
    notes = [f"由 drafter import 从 {report.name} 导入。"]
    if warnings:
        notes.append("导入时的提示（核对后可删除）：")
        notes += [f"- {w.message}" + (f"（原文第{w.line}行）" if w.line else "") for w in warnings]
    save_sheet(target, sheet, notes)
    return target, warnings
