"""The library side of each command: sheet in, draft out. The CLI only calls these."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from .errors import OutputError, Problem, SheetError
from .files import safe_filename, write_atomic
from .importer import guess_year, kind_of, sheet_yaml, to_sheet
from .lint import Finding, Passage, field_of, review_passages, review_structure, section_label, sheet_strings
from .model import PART_KIND_LABELS, Document
from .numbering import number
from .readers.docx import docx_lines, read_docx
from .readers.report import Reading
from .readers.sheet import load_sheet, locate, read_sheet
from .readers.txt import read_txt, txt_lines
from .render import render
from .script import Script, convert_script, convert_text
from .templating import pack_info, resolve_pack
from .sheet import Sheet, json_schema
from .writers.docx import write_docx
from .writers.text import write_text


@dataclass(frozen=True)
class Draft:
    """A rendered report and the facts a clerk wants to hear about it."""

    sheet: Sheet
    document: Document

    @property
    def title(self) -> str:
        return "".join(self.document.title)

    @property
    def parts(self) -> int:
        return sum(1 for h in self.document.headings() if h.level == 1)

    @property
    def characters(self) -> int:
        """Characters of text, as a 字数 count: no spaces or line breaks."""
        return sum(1 for ch in write_text(self.document) if not ch.isspace())


def draft(sheet_path: Path, template: str | None = None, script: Script | None = None) -> Draft:
    """Read and render a sheet (no file written): what ``check`` and ``build`` share.
    ``script`` overrides the sheet's own ``meta.script``."""
    sheet = read_sheet(sheet_path)
    meta = sheet.meta
    return Draft(sheet, convert_script(render(sheet, template), script or meta.script, meta.script_forms))


def default_output(result: Draft, folder: Path) -> Path:
    """``博乐市2023年法治政府建设情况报告.docx`` in ``folder`` (region and year when untitled)."""
    meta = result.sheet.meta
    return folder / safe_filename(result.title or f"{meta.region}{meta.year}年法治政府建设情况报告", ".docx")


def build(
    sheet_path: Path, output: Path | None = None, template: str | None = None, script: Script | None = None
) -> tuple[Draft, Path]:
    """Build the .docx draft of a sheet; ``output`` may be a file or a folder (default: here)."""
    result = draft(sheet_path, template, script)
    target = output if output is not None and not output.is_dir() else default_output(result, output or Path.cwd())
    write_atomic(target, write_docx(result.document))
    return result, target



SCHEMA_FILE = "drafter-sheet.schema.json"


def schema_text() -> str:
    """The sheet's JSON Schema as the text ``drafter schema`` prints."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def init_sheet(path: Path, region: str, year: int, force: bool = False) -> Path:
    """Write a commented skeleton sheet that passes ``check``, and its schema beside it
    so an editor autocompletes offline (the clerk's machine may have no internet)."""
    if path.exists() and not force:
        raise OutputError(Problem("文件已存在；如确要覆盖，请加 --force", path))
    skeleton = resources.files("drafter").joinpath("data/skeleton.yaml").read_text(encoding="utf-8")
    text = Template(skeleton).substitute(region=region, year=year, next_year=year + 1, schema=SCHEMA_FILE)
    write_atomic(path, text.encode("utf-8"))
    return write_schema(path.parent / SCHEMA_FILE)


def write_schema(path: Path) -> Path:
    write_atomic(path, schema_text().encode("utf-8"))
    return path


def read_report(path: Path, keep_script: bool = False) -> Reading:
    """Recognise a finished report, .docx or text, by its file name."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise SheetError(Problem("暂不支持旧版 .doc 文件，请在 Word 或 WPS 中另存为 .docx 后再导入", path))
    if suffix == ".docx":
        return read_docx(path, keep_script)
    return read_txt(path, keep_script)


def import_report(
    report: Path, output: Path | None = None, keep_script: bool = False, force: bool = False,
    template: str | None = None,
) -> tuple[Path, list[Problem]]:
    """Turn last year's report into an editable sheet (and its schema beside it)."""
    target = output if output is not None and not output.is_dir() else (output or Path.cwd()) / f"{report.stem}.yaml"
    if target.exists() and not force:
        raise OutputError(Problem("文件已存在；如确要覆盖，请加 --force", target))
    sheet, warnings = to_sheet(read_report(report, keep_script), str(report), template)
    write_atomic(target, sheet_yaml(sheet, warnings, report.name, SCHEMA_FILE).encode("utf-8"))
    write_schema(target.parent / SCHEMA_FILE)
    return target, warnings


def outline(path: Path, template: str | None = None) -> tuple[list[str], list[Problem]]:
    """The heading tree of a sheet or a report, numbered as the draft will be."""
    if path.suffix.lower() in (".yaml", ".yml"):
        document, warnings = draft(path, template).document, []
    else:
        reading = read_report(path)
        document, warnings = number(reading.document), reading.warnings
        for heading in document.headings():
            if heading.level == 1:
                heading.kind = kind_of(heading.text)
    lines = []
    for heading in document.headings():
        kind = f"  〔{PART_KIND_LABELS[heading.kind]}〕" if heading.kind else ""
        lines.append("　" * (heading.level - 1) + heading.number + heading.text + kind)
    return lines, warnings


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
    render(sheet, template)  # a sheet the template cannot render is not ready for review
    passages = [
        Passage(text, locate(root, where)[0], section_label(where), field_of(where))
        for where, text in sheet_strings(sheet.model_dump())
    ]
    findings = review_passages(passages, sheet.meta.year, in_sheet=True)
    whole = "".join(p.text for p in passages)
    required = pack_info(resolve_pack(template)).get("required_parts", [])
    findings += review_structure([p.kind for p in sheet.parts], whole, required, sheet.meta.year, sheet.meta.date)
    return Review(path, findings)


def _review_report(path: Path, template: str | None) -> Review:
    reading = read_report(path)
    document = number(reading.document)
    raw = docx_lines(path)[0] if path.suffix.lower() == ".docx" else txt_lines(path)
    convert = (lambda t: convert_text(t, "t2s")) if reading.script != "simplified" else (lambda t: t)
    passages = [Passage(convert(line.text), line.number) for line in raw if line.text.strip()]
    year = guess_year(document) or dt.date.today().year - 1
    findings = review_passages(passages, year, in_sheet=False)
    kinds = [kind_of(h.text) for h in document.headings() if h.level == 1]
    date = _date_of(document.date)
    required = pack_info(resolve_pack(template)).get("required_parts", [])
    findings += review_structure(kinds, "".join(p.text for p in passages), required, year, date)
    findings += [Finding("numbering", "warning", w.message, w.line) for w in reading.warnings
                 if w.line and w.message.startswith("序号")]
    return Review(path, findings)


def _date_of(text: str) -> dt.date | None:
    match = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    return dt.date(*map(int, match.groups())) if match else None
