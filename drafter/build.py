"""Building drafts: sheet in, .docx (and PDF) out; also the sheet skeleton and its schema.

The library side of ``drafter build``, ``init`` and ``schema``; the CLI only calls these.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import NamedTuple

from lxml import etree

import yaml

from .errors import OutputError, Problem, ToolMissing, UsageError
from .files import output_path, refuse_overwrite, safe_filename, write_atomic
from .model import Document
from .readers.sheet import fill_previous, read_sheet
from .readers.yaml_source import SheetLoader
from .render import render
from .script import Script, convert_script
from .sheet import Sheet, json_schema
from .writers.docx import DRAFT_MARK, write_docx
from .writers.sheet_yaml import sheet_yaml
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


def draft(sheet_path: Path, template: str | None = None, script: Script | None = None) -> Draft:
    """Read and render a sheet (no file written): what ``check`` and ``build`` share.
    ``script`` overrides the sheet's own ``meta.script``."""
    sheet = with_last_year(read_sheet(sheet_path), sheet_path)
    meta = sheet.meta
    document = render(sheet, template_for(sheet, sheet_path, template))
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


def untouched_draft(path: Path) -> bool:
    """Is this file a draft exactly as drafter wrote it? Word and WPS raise the revision and
    rename the last editor when they save; any other program changes the file's time.
    Only ``docProps/core.xml`` is read: opening the whole document would cost a build's time."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = etree.fromstring(archive.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return False  # not a .docx at all: certainly not our draft
    names = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
             "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    description, revision, modified = (core.findtext(tag, namespaces=names) for tag in
                                       ("dc:description", "cp:revision", "dcterms:modified"))
    if description != DRAFT_MARK or (revision or "").strip() != "1" or not modified:
        return False
    try:
        written = dt.datetime.fromisoformat(modified.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return False
    return abs(path.stat().st_mtime - written) < 120


def _backup_name(target: Path) -> Path:
    backup = target.with_name(f"{target.stem}.bak{target.suffix}")
    counter = 2
    while backup.exists():
        backup = target.with_name(f"{target.stem}.bak{counter}{target.suffix}")
        counter += 1
    return backup


def build(
    sheet_path: Path, output: Path | None = None, template: str | None = None, script: Script | None = None
) -> Built:
    """Build the .docx draft of a sheet; ``output`` may be a file or a folder (default: here).

    A draft open in Word is not touched; one changed since drafter wrote it (edited by hand)
    is first copied to ``名称.bak.docx``, so no one's edits are lost to a rebuild.
    """
    result = draft(sheet_path, template, script)
    target = output_path(output, Path.cwd(), default_name(result))
    lock = lock_file(target)
    if lock is not None:
        raise OutputError(Problem(f"文件正在 Word/WPS 中打开（有锁定文件 {lock.name}），请先关闭它再生成", target))
    data = write_docx(result.document)
    backup = None
    if target.is_file() and not untouched_draft(target):
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


def write_schema(path: Path) -> Path:
    write_atomic(path, schema_text().encode("utf-8"))
    return path


def save_sheet(target: Path, sheet: Sheet, notes: list[str]) -> None:
    """Write a generated sheet (import, rollover) with its notes, and the schema beside it."""
    write_atomic(target, sheet_yaml(sheet, notes, SCHEMA_FILE).encode("utf-8"))
    write_schema(target.parent / SCHEMA_FILE)


def export_pdf(docx_path: Path) -> tuple[Path, int]:
    """Convert a draft to PDF with LibreOffice (beside it) and count its pages."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ToolMissing(Problem("没有找到 LibreOffice（soffice），未生成 PDF；请安装 LibreOffice 后重试。"
                                  "Word 初稿已生成", docx_path))
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        try:
            result = subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                 "--outdir", folder, str(docx_path.resolve())],  # absolute: a name like "-x.docx" is no option
                capture_output=True, text=True, timeout=300,
            )
            converted = result.returncode == 0
        except (OSError, subprocess.TimeoutExpired):  # could not start, or hung
            converted = False
        produced = Path(folder) / (docx_path.stem + ".pdf")
        if not converted or not produced.exists():
            raise ToolMissing(Problem("LibreOffice 未能转换出 PDF；Word 初稿已生成", docx_path))
        data = produced.read_bytes()
    target = docx_path.with_suffix(".pdf")
    write_atomic(target, data)
    return target, len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
