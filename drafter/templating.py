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
import os
import re
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel

from .errors import Problem, TemplateError
from .figures import amount, comparison

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


def pack_info(pack: Pack) -> dict[str, Any]:
    """A pack's ``pack.yaml`` (name, description, required_parts); a locality's folder
    without one inherits the standard pack's (it overrides words, not requirements)."""
    for info in (pack.folder / "pack.yaml", builtin_root() / DEFAULT_PACK / "pack.yaml"):
        if info.is_file():
            try:
                data = yaml.safe_load(info.read_text(encoding="utf-8"))
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


_NONE_MESSAGE = "a value printed by the template is empty (None)"


def _refuse_none(value: Any) -> Any:
    """Print nothing silently wrong: a ``None`` reaching the page would read "None"."""
    if value is None:
        raise jinja2.UndefinedError(_NONE_MESSAGE)
    return value


class _ContainedLoader(jinja2.FileSystemLoader):
    """A file loader that also refuses links leading out of the template folders: a pack
    from another office must not pull a file of this machine into the report."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(root) for root in self.searchpath]
        if not any(os.path.commonpath([real, root]) == root for root in roots):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


MAX_OUTPUT = 1_000_000  # characters one template expression may build: a report is ~30,000


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, also closed to pydantic's ``model_*`` methods (templates see fields only)
    and to arithmetic that would exhaust memory ("a" * 10**9, 10**10**10)."""

    intercepted_binops = frozenset(["*", "**"])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel) and attr.startswith("model_"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and (not isinstance(right, (int, float)) or abs(right) > 64):
            raise SecurityError("power too large")
        if operator == "*":
            count = right if isinstance(left, (str, list, tuple)) else left
            sized = left if isinstance(left, (str, list, tuple)) else right
            if isinstance(sized, (str, list, tuple)) and isinstance(count, int) and len(sized) * count > MAX_OUTPUT:
                raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


@lru_cache(maxsize=16)
def make_environment(pack: Pack) -> jinja2.Environment:
    """The single strict, sandboxed environment every template is rendered in; kept per pack
    so templates compile once (Jinja still reloads a template whose file has changed)."""
    env = _Sandbox(
        loader=_ContainedLoader([str(p) for p in pack.search_path]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_refuse_none,
    )
    env.filters["cn_date"] = cn_date
    env.filters["yoy"] = comparison  # {{ sheet.figures["培训人次"] | yoy }} → 同比增长28.5%
    env.filters["amount"] = amount  # {{ sheet.figures["培训人次"] | amount }} → 5223人次
    return env


def _shown(path: str) -> str:
    """A template path as the clerk typed it: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _template_frame(exc: BaseException, pack: Pack) -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback (Jinja rewrites frames so
    they name the template source)."""
    roots = [str(p) for p in pack.search_path]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and any(frame.filename.startswith(root) for root in roots):
            return _shown(frame.filename), frame.lineno
    return None, None


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    text = exc.message or ""
    missing = re.search(r"has no attribute '(.+?)'", text) or re.search(r"'(.+?)' is undefined", text)
    if missing:
        return f"模板用到的“{missing.group(1)}”不存在：请检查拼写，或在事实表中补上"
    if _NONE_MESSAGE in text:
        return "模板输出的值在事实表中没有填写：请在事实表中补上，或在模板里先用 {% if %} 判断"
    return f"模板用到的值不存在（{text}）"


def _syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    if (exc.message or "").startswith("Unexpected end of template"):
        return "模板语法错误：缺少结束标记（如 {% endif %}、{% endfor %}、{% endblock %}）"
    return f"模板语法错误（{exc.message}）"


def render_template(pack: Pack, context: dict[str, Any]) -> str:
    """Render the pack's entry template; every template fault becomes a :class:`TemplateError`."""
    env = make_environment(pack)
    try:
        return env.get_template(ENTRY).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(Problem(_syntax_message(exc), _shown(exc.filename or exc.name or ""), exc.lineno)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            Problem(f"模板引用的“{exc.name}”不存在（只能引用模板文件夹中的文件）", *_template_frame(exc, pack))
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(Problem(_undefined_message(exc), *_template_frame(exc, pack))) from None
    except (SecurityError, OverflowError) as exc:
        blocked = re.search(r"attribute '(.+?)'", str(exc))
        what = f"访问“{blocked.group(1)}”" if blocked else "生成过多内容"
        raise TemplateError(Problem(f"模板试图{what}，这是不允许的操作，已阻止", *_template_frame(exc, pack))) from None
    except Exception as exc:
        file, line = _template_frame(exc, pack)
        if file is None:
            raise
        raise TemplateError(Problem(f"模板运行出错：{exc}", file, line)) from None
