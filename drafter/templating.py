"""Template packs and the one Jinja environment that renders them.

A *pack* is a folder holding ``report.j2`` (and optionally ``pack.yaml`` with a
description). The loader searches the pack's own folder first, then the built-in
``templates/`` root, so a locality's pack can ``{% extends "standard/report.j2" %}``
and override only the blocks that differ.

Templates may come from another office, so they run sandboxed: no attribute starting
with ``_``, no model internals, no file access outside the search path, immutable data,
and an undefined name is an error with its template file and line, never an empty string.
"""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel

from .errors import Problem, TemplateError

ENTRY = "report.j2"
DEFAULT_PACK = "standard"


def builtin_root() -> Path:
    """The shipped ``templates/`` folder: inside the wheel, or at the repo root when editable."""
    packaged = Path(__file__).resolve().parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Pack:
    """A resolved template pack: its name and the folders Jinja searches, in order."""

    name: str
    folder: Path

    @property
    def search_path(self) -> list[Path]:
        root = builtin_root()
        return [self.folder] if self.folder == root else [self.folder, root]


def available_packs() -> list[str]:
    """Names of the built-in packs (folders of ``templates/`` holding a ``report.j2``)."""
    return sorted(p.name for p in builtin_root().iterdir() if (p / ENTRY).is_file())


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


def _refuse_none(value: Any) -> Any:
    """Print nothing silently wrong: a ``None`` reaching the page would read "None"."""
    if value is None:
        raise jinja2.UndefinedError("a value printed by the template is empty (None)")
    return value


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, also closed to pydantic's ``model_*`` methods: templates see fields only."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel) and attr.startswith("model_"):
            return False
        return super().is_safe_attribute(obj, attr, value)


def make_environment(pack: Pack) -> jinja2.Environment:
    """The single strict, sandboxed environment every template is rendered in."""
    env = _Sandbox(
        loader=jinja2.FileSystemLoader([str(p) for p in pack.search_path]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_refuse_none,
    )
    env.filters["cn_date"] = cn_date
    return env


def _template_frame(exc: BaseException, pack: Pack) -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback (Jinja rewrites frames so
    they name the template source)."""
    roots = [str(p) for p in pack.search_path]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and any(frame.filename.startswith(root) for root in roots):
            return frame.filename, frame.lineno
    return None, None


def render_template(pack: Pack, context: dict[str, Any]) -> str:
    """Render the pack's entry template; every template fault becomes a :class:`TemplateError`."""
    env = make_environment(pack)
    try:
        return env.get_template(ENTRY).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(Problem(f"模板语法错误：{exc.message}", exc.filename or exc.name, exc.lineno)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(Problem(f"模板引用的“{exc.name}”不存在", *_template_frame(exc, pack))) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            Problem(f"模板用到的值不存在或为空：{exc.message}；请在事实表中补上，或修改模板", *_template_frame(exc, pack))
        ) from None
    except SecurityError as exc:
        raise TemplateError(Problem(f"模板试图执行不允许的操作，已阻止（{exc}）", *_template_frame(exc, pack))) from None
    except Exception as exc:
        file, line = _template_frame(exc, pack)
        if file is None:
            raise
        raise TemplateError(Problem(f"模板运行出错：{exc}", file, line)) from None
