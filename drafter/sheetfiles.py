"""Sheet files drafter writes: the commented skeleton (``init``), the schema beside every sheet
(``schema``), and the sheets other commands generate (``import``, ``rollover``).

A sheet is always written with its schema next to it, so an editor autocompletes offline
(the clerk's machine may have no internet).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from .errors import Problem, UsageError
from .files import refuse_overwrite, safe_filename, write_atomic
from .readers.yaml_source import SheetLoader
from .sheet import Sheet, json_schema
from .text import CONTROL
from .writers.sheet_yaml import sheet_yaml

SCHEMA_FILE = "drafter-sheet.schema.json"


def schema_text() -> str:
    """The sheet's JSON Schema as the text ``drafter schema`` prints."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def init_sheet(path: Path, region: str, year: int, force: bool = False) -> Path:
    """Write a commented skeleton sheet that passes ``check``, and its schema beside it."""
    if not region.strip() or re.search(rf"[{CONTROL}\n\r\t]", region):
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
