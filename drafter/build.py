"""Building drafts: sheet in, .docx (and PDF) out; also the sheet skeleton and its schema.

The library side of ``drafter build``, ``init`` and ``schema``; the CLI only calls these.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import NamedTuple

import yaml

from .errors import OutputError, Problem, UsageError
from .files import output_path, refuse_overwrite, safe_filename, write_atomic
from .lint import UNFINISHED
from .model import Document, Heading
from .numbering import path_label
from .readers.sheet import fill_previous, read_sheet
from .readers.yaml_source import SheetLoader
from .render import render
from .script import Script, convert_script
from .sheet import Sheet, json_schema
from .stamp import stamp, stamp_pdf, untouched, untouched_pdf
from .style import GB9704
from .templating import resolve_pack
from .writers.docx import pack_reference, write_docx
from .writers.sheet_yaml import sheet_yaml
from .writers.text import block_lines, write_text


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

    @property
    def unfinished(self) -> list[tuple[str, str]]:
        """Each “（请填写……）” and 【待……】 mark still in the draft, with the heading number
        it prints under (“开头” before the first heading, “落款” after the body)."""
        doc = self.document
        found: list[tuple[str, str]] = []

        def scan(place: str, lines: list[str]) -> None:
            found.extend((place, m.group()) for line in lines if line for m in UNFINISHED.finditer(line))

        scan("开头", [*doc.title, doc.byline, doc.addressee])
        place = "开头"
        for block in doc.body:
            if isinstance(block, Heading):
                place = path_label(block.path)
            scan(place, block_lines(block))
        scan("落款", [doc.issuer, doc.date, *doc.closing])
        return found


def template_for(sheet: Sheet, sheet_path: Path, override: str | None) -> str | None:
    """The pack to use: the command's ``-t``, else the sheet's ``meta.template`` (a folder
    named there is found relative to the sheet, so a locality keeps both side by side)."""
    chosen = override or sheet.meta.template
    if chosen and not override and (sheet_path.parent / chosen).is_dir():
        return str(sheet_path.parent / chosen)
    return chosen


def with_last_year(sheet: Sheet, sheet_path: Path) -> Sheet:
    """Fill each figure's missing ``previous`` from last year's sheet (``meta.last_year_sheet``)."""
    return fill_previous(sheet, sheet_path)


def draft(sheet_path: Path, template: str | None = None, script: Script | None = None,
          formal: bool = False) -> Draft:
    """Read and render a sheet (no file written): what ``check`` and ``build`` share.
    ``script`` overrides the sheet's own ``meta.script``; ``formal`` asks for the formal copy
    whatever ``meta.form`` says."""
    sheet = with_last_year(read_sheet(sheet_path), sheet_path)
    if formal:
        sheet = sheet.model_copy(update={"meta": sheet.meta.model_copy(update={"form": "formal"})})
    meta = sheet.meta
    document = render(sheet, template_for(sheet, sheet_path, template), sheet_path)
    return Draft(sheet, convert_script(document, script or meta.script, meta.script_forms))


def default_name(result: Draft) -> str:
    """``博乐市2023年法治政府建设情况报告.docx`` (region and year when the draft has no title)."""
    meta = result.sheet.meta
    return safe_filename(result.title or f"{meta.region}{meta.year}年法治政府建设情况报告", ".docx")


class Built(NamedTuple):
    """A finished build: the draft, where it was written, and the backup of a hand-edited file it replaced."""

    draft: Draft
    target: Path
    backup: Path | None


def lock_file(target: Path) -> Path | None:
    """The lock file Word, WPS or LibreOffice keeps beside a document it has open."""
    name = target.name
    for candidate in ("~$" + name, "~$" + name[2:], ".~" + name, f".~lock.{name}#"):
        if (target.parent / candidate).exists():
            return target.parent / candidate
    return None


def _backup_name(target: Path) -> Path:
    backup = target.with_name(f"{target.stem}.bak{target.suffix}")
    counter = 2
    while backup.exists():
        backup = target.with_name(f"{target.stem}.bak{counter}{target.suffix}")
        counter += 1
    return backup


def build(
    sheet_path: Path, output: str | Path | None = None, template: str | None = None, script: Script | None = None,
    formal: bool = False, colophon_alone: int = 0,
) -> Built:
    """Build the .docx draft of a sheet; ``output`` is ``-o`` as typed (see :func:`output_path`).

    A draft open in Word is not touched; any other file there that is not exactly a draft
    drafter wrote (see :mod:`drafter.stamp`) is first copied to ``名称.bak.docx``, so no one's
    edits are lost to a rebuild. ``colophon_alone`` puts a formal copy's 版记 on a page of its
    own, 2 after an unnumbered blank page (see :func:`colophon_on_odd_page`).
    """
    result = draft(sheet_path, template, script, formal)
    if result.document.formal is not None:
        result.document.formal.own_page, result.document.formal.blank_page = colophon_alone > 0, colophon_alone > 1
    target = output_path(output, default_name(result))
    lock = lock_file(target)
    if lock is not None:
        raise OutputError(Problem(f"文件正在 Word/WPS 中打开（有锁定文件 {lock.name}），请先关闭它再生成", target))
    pack = resolve_pack(template_for(result.sheet, sheet_path, template))
    data = stamp(write_docx(result.document, GB9704.for_script(script or result.sheet.meta.script),
                            pack_reference(pack.folder)))
    backup = None
    if target.is_file() and not untouched(target):
        backup = _backup_name(target)
        write_atomic(backup, target.read_bytes())
    write_atomic(target, data)
    return Built(result, target, backup)


SCHEMA_FILE = "drafter-sheet.schema.json"


def schema_text() -> str:
    """The sheet's JSON Schema as the text ``drafter schema`` prints."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def init_sheet(path: Path, region: str, year: int, force: bool = False) -> Path:
    """Write a commented skeleton sheet that passes ``check``, and its schema beside it
    so an editor autocompletes offline (the clerk's machine may have no internet)."""
    if not region.strip() or re.search(r"[\x00-\x1f\x7f]", region):
        raise UsageError(Problem("--region 应为一行文字（地区或机关名称），不能为空或含控制字符"))
    refuse_overwrite(path, force)
    skeleton = resources.files("drafter").joinpath("data/skeleton.yaml").read_text(encoding="utf-8")
    text = Template(skeleton).substitute(region=region, region_value=yaml_scalar(region),
                                         issuer_value=yaml_scalar(f"{region}人民政府"), year=year,
                                         next_year=year + 1, schema=SCHEMA_FILE)
    write_atomic(path, text.encode("utf-8"))
    return write_schema(path.parent / SCHEMA_FILE)


def is_schema(path: Path) -> bool:
    """Is this a sheet schema drafter wrote (so it may be refreshed)?"""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("title") == json_schema().get("title") and "$schema" in data


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line: as typed where YAML reads it back unchanged,
    else in double quotes (“博乐市: 城区”, “#1”, “'A'” would otherwise change or break)."""
    try:
        plain_ok = yaml.load(f"k: {value}", Loader=SheetLoader) == {"k": value}
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def init_target(region: str, year: int) -> Path:
    """The default name of a new sheet, ``博乐市2023.yaml``: the region cannot make it a path
    elsewhere (``../../上级``) or a name Windows refuses."""
    return Path(safe_filename(f"{region}{year}", ".yaml"))


def write_schema(path: Path, force: bool = False) -> Path:
    """Write the sheet schema; a different file of that name is kept unless ``force``."""
    refuse_overwrite(path, force, is_schema)
    write_atomic(path, schema_text().encode("utf-8"))
    return path


def save_sheet(target: Path, sheet: Sheet, notes: list[str]) -> None:
    """Write a generated sheet (import, rollover) with its notes, and the schema beside it."""
    write_atomic(target, sheet_yaml(sheet, notes, SCHEMA_FILE).encode("utf-8"))
    write_schema(target.parent / SCHEMA_FILE)


def colophon_on_odd_page(built: Built, pdf: Path) -> int:
    """Did the formal copy's 版记 land on an odd page of this PDF? It belongs on the last page's
    back: the caller builds again with ``colophon_alone`` set to the answer, 1 where the body
    ends on an odd page, 2 where it ends on an even page without room for the 版记 (a blank
    page before it), 0 where it is right (see :func:`drafter.pages.colophon_move`). A 版记
    moved to a page of its own that still lands on an odd page (the body, relieved of it, ended
    a page earlier) needs the blank page; the answer only grows, so rebuilding ends."""
    from .pages import colophon_move, read_pdf

    formal = built.draft.document.formal
    if formal is None or formal.blank_page:
        return 0
    move = colophon_move(read_pdf(pdf))
    return 2 if move and formal.own_page else move


def export_pdf(docx_path: Path) -> tuple[Path, int, Path | None]:
    """Convert a draft to PDF with LibreOffice (beside it) and count its pages; a PDF of that
    name that drafter did not write is first copied to ``名称.bak.pdf`` (returned third)."""
    from .pages import lay_out

    with tempfile.TemporaryDirectory() as folder:
        (produced,) = lay_out([docx_path], Path(folder), missing="未生成 PDF；请安装 LibreOffice 后重试。Word 初稿已生成",
                              failed="；Word 初稿已生成")
        data = produced.read_bytes()
    target = docx_path.with_suffix(".pdf")
    backup = None
    if target.is_file() and not untouched_pdf(target):  # someone's own PDF of that name is kept
        backup = _backup_name(target)
        write_atomic(backup, target.read_bytes())
    write_atomic(target, stamp_pdf(data))
    return target, len(re.findall(rb"/Type\s*/Page(?![s\w])", data)), backup
