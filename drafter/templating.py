"""Template packs and the one Jinja environment that renders them.

A *pack* is a folder holding ``report.j2`` (and optionally ``pack.yaml`` with a
description). The loader searches the pack's own folder first, then the built-in
``templates/`` root, so a locality's pack can ``{% extends "standard/report.j2" %}``
and override only the blocks that differ.

Templates may come from another office, so they run sandboxed (:mod:`drafter.sandbox`):
plain data, allow-listed calls and filters, bounded output, no file access outside the
search path, and a pack from outside runs in a child process with time and memory limits.
An undefined name is an error with its template file and line, never an empty string.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import yaml

from .errors import Problem, TemplateError
from .figures import amount, comparison
from .readers.yaml_source import SAFE_LOADER
from .sandbox import ENTRY, Limits, shown, render_here, render_isolated

DEFAULT_PACK = "standard"


@lru_cache(maxsize=None)
def builtin_root() -> Path:
    """The shipped ``templates/`` folder: inside the wheel, or at the repo root when editable
    (found once: resolving the path asks the file system at each step)."""
    packaged = Path(__file__).resolve().parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Pack:
    """A resolved template pack: its name and the folders Jinja searches, in order."""

    name: str
    folder: Path

    @property
    def builtin(self) -> bool:
        """One of drafter's own packs (trusted, rendered in-process)."""
        return self.folder.parent == builtin_root()

    @property
    def search_path(self) -> list[Path]:
        root = builtin_root()
        return [self.folder] if self.folder == root else [self.folder, root]


def pack_info(pack: Pack) -> dict[str, Any]:
    """A pack's ``pack.yaml`` (name, description, required_parts); a locality's folder
    without one inherits the standard pack's (it overrides words, not requirements)."""
    for info in (pack.folder / "pack.yaml", builtin_root() / DEFAULT_PACK / "pack.yaml"):
        if info.is_file():
            try:
                data = yaml.load(info.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            except yaml.YAMLError:
                raise TemplateError(Problem("模板说明文件 pack.yaml 格式错误", info)) from None
            return data if isinstance(data, dict) else {}
    return {}


def available_packs() -> list[str]:
    """Names of the built-in packs (folders of ``templates/`` holding a ``report.j2``)."""
    return sorted(p.name for p in builtin_root().iterdir() if (p / ENTRY).is_file())


def describe_packs() -> list[tuple[str, str]]:
    """(name, description) of each built-in pack, the standard one first."""
    names = sorted(available_packs(), key=lambda name: (name != DEFAULT_PACK, name))
    return [(name, str(pack_info(resolve_pack(name)).get("description", ""))) for name in names]


def resolve_pack(name_or_path: str | Path | None) -> Pack:
    """Find a pack by built-in name or by folder path; a wrong name lists the real ones."""
    wanted = str(name_or_path or DEFAULT_PACK)
    candidates = [builtin_root() / wanted, Path(wanted).expanduser()]
    folder = next((c for c in candidates if (c / ENTRY).is_file()), None)
    if folder is None:
        raise TemplateError(
            Problem(f"找不到模板“{wanted}”（需要一个含 {ENTRY} 的文件夹）；内置模板有：{'、'.join(available_packs())}")
        )
    return Pack(name=folder.name, folder=folder.resolve())


def cn_date(value: dt.date) -> str:
    """成文日期 in Arabic numerals without padding (GB/T 9704-2012 7.3.5): 2024年3月1日."""
    return f"{value.year}年{value.month}月{value.day}日"


def _figure(value: Any) -> Any:
    """A figure as the template sees it (a mapping) in the shape the figure filters read."""
    return SimpleNamespace(**value) if isinstance(value, dict) else value


def _yoy(figure: Any) -> str:
    return comparison(_figure(figure))


def _amount(figure: Any, previous: bool = False) -> str:
    return amount(_figure(figure), previous)


def template_filters() -> tuple[tuple[str, Callable[..., Any]], ...]:
    """drafter's own filters, on top of the sandbox's allow-list of Jinja's."""
    return (
        ("cn_date", cn_date),
        ("yoy", _yoy),  # {{ sheet.figures["培训人次"] | yoy }} → 同比增长28.5%
        ("amount", _amount),  # {{ sheet.figures["培训人次"] | amount }} → 5223人次
    )


def render_template(pack: Pack, context: dict[str, Any]) -> str:
    """Render the pack's entry template with plain data; every template fault becomes a
    :class:`TemplateError`. drafter's own packs render here; a pack from outside renders in
    a child process with time and memory limits (see :mod:`drafter.sandbox`)."""
    limits = Limits.from_environment()
    search_path = tuple(str(p) for p in pack.search_path)
    if pack.builtin and os.environ.get("DRAFTER_TEMPLATE_ISOLATE") != "1":
        return render_here(search_path, context, limits, template_filters())
    return render_isolated(search_path, context, limits, shown(str(pack.folder / ENTRY)))
