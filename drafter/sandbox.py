"""The sandbox templates run in: what they may call, how much they may produce, and how
long and how much memory a template from outside may take.

Template packs travel between offices, so a pack is treated as untrusted code. Three
layers hold it:

1. **Plain data and allow-lists.** Templates receive mappings, lists, strings, numbers and
   dates (see :func:`drafter.render.template_data`), never an object with methods that reach
   files, pickles or classes. Attribute access, calls, filters, tests and globals are each
   an allow-list (:data:`STR_METHODS`, :data:`FILTERS`, :data:`TESTS`, :data:`GLOBALS`);
   anything else is refused with the template line.
2. **Argument bounds.** Every operation that can build a large value — ``*``, ``**``, ``%``,
   ``~``, ``str.format``, ``center``/``ljust``/``rjust``/``zfill``/``indent``/``replace``/
   ``join``, ``range`` — is checked *before* it runs, so no single step can allocate more
   than :attr:`Limits.chars` characters; the whole output is counted as it is produced.
3. **A separate process for packs from outside.** A pack that is not one of drafter's own
   (a folder given with ``-t`` or named by ``meta.template``) is rendered in a child
   process (``python -m drafter.sandbox``) that has a time limit and a memory limit: on
   Linux an address-space limit (``RLIMIT_AS``), elsewhere (Windows) a watchdog thread that
   measures the memory Python has allocated. The child stops the template itself at the time
   limit (so the message can name the template line) and the parent kills it if that fails.
   Built-in packs are drafter's own code and render in-process (a build takes ~20 ms).

Limits are read from the environment each time (see :meth:`Limits.from_environment`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import string
import subprocess
import sys
import threading
import traceback
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2
import jinja2.filters
import jinja2.tests
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace

from .errors import Problem, TemplateError
from .template_cache import compiled_templates
from .text import compiled

ENTRY = "report.j2"


@dataclass(frozen=True)
class Limits:
    """What one rendering may cost. A real report is ~30,000 characters and renders in
    ~20 ms with a few MB, so the defaults leave a hundredfold margin."""

    seconds: float = 10.0
    memory_mb: int = 512
    chars: int = 2_000_000

    @classmethod
    def from_environment(cls) -> Limits:
        """``DRAFTER_TEMPLATE_SECONDS``, ``DRAFTER_TEMPLATE_MEMORY_MB`` and ``DRAFTER_TEMPLATE_CHARS``
        override the defaults (for a slow machine, or a test that wants a quick limit)."""
        def number(name: str, default: float, kind: type) -> Any:
            raw = os.environ.get(name, "").strip()
            try:
                value = kind(raw) if raw else default
            except ValueError:
                raise TemplateError(Problem(f"环境变量 {name} 应为正数，现为“{raw}”")) from None
            if value <= 0:
                raise TemplateError(Problem(f"环境变量 {name} 应为正数，现为“{raw}”"))
            return value

        return cls(number("DRAFTER_TEMPLATE_SECONDS", cls.seconds, float),
                   number("DRAFTER_TEMPLATE_MEMORY_MB", cls.memory_mb, int),
                   number("DRAFTER_TEMPLATE_CHARS", cls.chars, int))


_limits = threading.local()  # the limits of the rendering under way in this thread


def _chars() -> int:
    return getattr(_limits, "chars", Limits.chars)


class Refused(SecurityError):
    """An operation the sandbox does not allow; ``message`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.reason = message


class _Budget(BaseException):
    """Raised into a rendering that ran out of time or memory. A BaseException, so no
    ``except Exception`` in Jinja or a filter can swallow it."""


class OutOfTime(_Budget):
    pass


class OutOfMemory(_Budget):
    pass


def _too_long(size: int) -> None:
    if size > _chars():
        raise Refused(f"生成过多内容（超过 {_chars():,} 个字符）")


# ---------------------------------------------------------------- values that become text

_SCALARS = (str, int, float, dt.date, type(None))


def _text(value: Any) -> str:
    """A value as text where the template turns it into text (``~``, ``%``, ``format``,
    ``join``, ``string``): scalars only. A list or mapping printed whole would be Python's
    notation, not report text, and can be made exponentially long by sharing."""
    if isinstance(value, str):
        return value
    if isinstance(value, jinja2.Undefined):
        return str(value)  # StrictUndefined: raises with the missing name
    if isinstance(value, _SCALARS):
        return str(value)
    raise Refused("把列表或字典当作文字输出（请逐项输出其中的文字）")


def finalize(value: Any) -> Any:
    """Every ``{{ … }}``: an empty value (None) is an error, a list or mapping is refused."""
    if value is None:
        raise jinja2.UndefinedError(NONE_MESSAGE)
    return _text(value)


NONE_MESSAGE = "a value printed by the template is empty (None)"


def concat(values: Iterable[Any]) -> str:
    """The ``~`` operator, bounded."""
    parts = [_text(v) for v in values]
    _too_long(sum(map(len, parts)))
    return "".join(parts)


_PRINTF = r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])"  # compiled at the first "%"


def percent(template: str, args: Any) -> str:
    """``"%05d" % x`` and the ``format`` filter, with widths and precisions bounded."""
    size = len(template)
    for match in compiled(_PRINTF).finditer(template):
        for number in match.group(1, 2):
            if number == "*":
                raise Refused("在格式中使用“*”宽度")
            if number:
                size += int(number)
    _too_long(size)
    values = args.values() if isinstance(args, Mapping) else args if isinstance(args, tuple) else (args,)
    for value in values:
        _text(value)
    return template % args


class _Formatter(string.Formatter):
    """``str.format`` with sandboxed field lookup (``{0.__class__}`` is refused like
    ``x.__class__``) and bounded widths."""

    def __init__(self, env: Sandbox) -> None:
        super().__init__()
        self.env = env

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        first, rest = string._string.formatter_field_name_split(field_name)  # type: ignore[attr-defined]
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = self.env.getattr(obj, key) if is_attr else self.env.getitem(obj, key)
        return obj, first

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:  # !r, !s, !a: text of scalars only (repr of a shared structure explodes)
            _text(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        widths = [int(n) for n in re.findall(r"\d+", format_spec)]
        _too_long(sum(widths) + len(format_spec))
        text = _text(value) if not isinstance(value, (int, float)) else value
        return format(text, format_spec)


def _bounded_format(env: Sandbox, template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    _too_long(len(template))
    result = _Formatter(env).vformat(template, args, kwargs)
    _too_long(len(result))
    return result


# ---------------------------------------------------------------- string methods and filters

def _width(value: str, width: Any, *rest: Any) -> None:
    if isinstance(width, int):
        _too_long(max(len(value), width))


def _replace(value: str, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(old, str) and isinstance(new, str):
        times = value.count(old) if old else len(value) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        _too_long(len(value) + times * max(0, len(new) - len(old)))


def _join(value: str, items: Any) -> None:
    if isinstance(items, (list, tuple)):
        _too_long(sum(len(_text(i)) for i in items) + len(value) * len(items))


def _strftime(value: Any, fmt: Any) -> None:
    if isinstance(fmt, str):
        _too_long(len(fmt) * 20)


# Methods a template may call on its data, each with the check run before the call.
STR_METHODS: dict[str, Callable[..., None] | None] = {
    **dict.fromkeys([
        "capitalize", "count", "endswith", "find", "index", "isalnum", "isalpha", "isdecimal", "isdigit",
        "islower", "isnumeric", "isspace", "istitle", "isupper", "lower", "lstrip", "partition",
        "removeprefix", "removesuffix", "rfind", "rindex", "rpartition", "rsplit", "rstrip", "split",
        "splitlines", "startswith", "strip", "swapcase", "title", "upper"]),
    "center": _width, "ljust": _width, "rjust": _width, "zfill": _width, "replace": _replace, "join": _join,
}
_METHODS: dict[type, dict[str, Callable[..., None] | None]] = {
    str: STR_METHODS,
    dict: dict.fromkeys(["items", "keys", "values", "get"]),
    list: dict.fromkeys(["count", "index"]),
    tuple: dict.fromkeys(["count", "index"]),
    dt.date: {"isoformat": None, "weekday": None, "isoweekday": None, "strftime": _strftime},
}
_DATE_FIELDS = {"year", "month", "day"}


def _checked(check: Callable[..., None] | None, method: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        if check is not None:
            check(method.__self__, *args, **kwargs)  # type: ignore[attr-defined]
        return method(*args, **kwargs)

    call.drafter_safe = True  # type: ignore[attr-defined]
    return call


def _filter(check: Callable[..., None], original: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter with a bound on what it may build (checked before it runs)."""
    passed = getattr(original, "jinja_pass_arg", None)  # the environment or context comes first

    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(*args[1 if passed else 0:], **kwargs)
        return original(*args, **kwargs)

    if passed is not None:
        bounded.jinja_pass_arg = passed  # type: ignore[attr-defined]
    return bounded


@jinja2.pass_environment
def _attr_filter(env: Sandbox, obj: Any, name: str) -> Any:
    """``x|attr("name")``: the same rules as ``x.name``."""
    return env.getattr(obj, name)


def _indent_check(value: Any, width: Any = 4, *rest: Any, **kwargs: Any) -> None:
    text = _text(value)
    pad = width if isinstance(width, int) else len(str(width))
    _too_long(len(text) + (text.count("\n") + 1) * pad)


def _center_check(value: Any, width: Any = 80) -> None:
    if isinstance(width, int):
        _too_long(max(len(_text(value)), width))


def _wordwrap_check(value: Any, width: Any = 79, *rest: Any, **kwargs: Any) -> None:
    if not isinstance(width, int) or width < 1:
        raise Refused("wordwrap 的宽度应为正整数")
    _too_long(len(_text(value)) * 2)


def _replace_check(value: Any, old: Any, new: Any, count: Any = None) -> None:
    _replace(_text(value), old, new, -1 if count is None else count)


def _join_check(value: Any, d: Any = "", attribute: Any = None) -> None:
    if not isinstance(value, (list, tuple)):
        return  # an iterator (map, select …) yields values already bounded
    items = list(value)
    if attribute is not None:  # join(attribute="a.b"): the values joined are those fields
        for part in str(attribute).split("."):
            items = [item.get(part) if isinstance(item, dict) else None for item in items]
    _join(_text(d), items)


def _count_check(value: Any, count: Any, *rest: Any) -> None:
    if not isinstance(count, int) or not 0 < count <= 10_000:
        raise Refused("batch/slice 的份数应在 1 到 10000 之间")


def _format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    if args and kwargs:
        raise Refused("format 过滤器不能同时使用位置参数和关键字参数")
    return percent(_text(value), kwargs or args)


def _string_filter(value: Any) -> str:
    return _text(value)


def _sum_filter(values: Any, attribute: Any = None, start: Any = 0) -> Any:
    items = list(values) if attribute is None and isinstance(values, (list, tuple)) else None
    if items is None or not all(isinstance(v, (int, float)) for v in items) or not isinstance(start, (int, float)):
        raise Refused("sum 只能对数字求和")
    return sum(items, start)


_PLAIN_FILTERS = [
    "abs", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby", "int", "items",
    "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "reverse", "round",
    "select", "selectattr", "sort", "title", "trim", "truncate", "unique", "upper", "wordcount",
]
FILTERS: dict[str, Callable[..., Any]] = {
    **{name: jinja2.filters.FILTERS[name] for name in _PLAIN_FILTERS},
    "center": _filter(_center_check, jinja2.filters.FILTERS["center"]),
    "indent": _filter(_indent_check, jinja2.filters.FILTERS["indent"]),
    "wordwrap": _filter(_wordwrap_check, jinja2.filters.FILTERS["wordwrap"]),
    "replace": _filter(_replace_check, jinja2.filters.FILTERS["replace"]),
    "join": _filter(_join_check, jinja2.filters.FILTERS["join"]),
    "batch": _filter(_count_check, jinja2.filters.FILTERS["batch"]),
    "slice": _filter(_count_check, jinja2.filters.FILTERS["slice"]),
    "format": _format_filter,
    "string": _string_filter,
    "sum": _sum_filter,
    "attr": _attr_filter,
}
"""Jinja's filters a template may use; the others (``attr``, ``pprint``, ``tojson``,
``xmlattr``, ``urlize``, ``random``, ``filesizeformat``, ``safe``…) are not available."""

TESTS: dict[str, Callable[..., Any]] = {
    name: jinja2.tests.TESTS[name] for name in [
        "boolean", "defined", "divisibleby", "eq", "equalto", "even", "false", "float", "ge", "greaterthan", "gt",
        "in", "integer", "iterable", "le", "lessthan", "lower", "lt", "mapping", "ne", "none", "number", "odd",
        "sameas", "sequence", "string", "true", "undefined", "upper", "==", "!=", "<", "<=", ">", ">=",
    ]
}

MAX_RANGE = 10_000


def bounded_range(*args: int) -> range:
    """``range`` with at most :data:`MAX_RANGE` numbers (a report has a few hundred lines)."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Refused(f"生成过多内容（range 超过 {MAX_RANGE} 个数）")
    return numbers


GLOBALS: dict[str, Any] = {"range": bounded_range, "dict": dict, "namespace": Namespace, "cycler": Cycler,
                           "joiner": Joiner}
"""Jinja's globals without ``lipsum`` (it builds text of any length)."""

# Jinja's own objects a template legitimately calls or reads: macros, ``super()``, ``loop``,
# ``caller``, ``self.block()``, ``cycler``/``joiner``/``namespace``.
_JINJA_TYPES = (Macro, BlockReference, LoopContext, TemplateReference, Cycler, Joiner, Namespace,
                jinja2.environment.TemplateModule)
_CALLABLE_GLOBALS = (bounded_range, dict, Namespace, Cycler, Joiner)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator with ``~`` routed through :func:`concat`, the one operator
    the sandbox has no hook for."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.concat_bounded((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_INT_BITS = 4096  # a figure needs 64; 4096 bits leaves room and stays instant


class Sandbox(ImmutableSandboxedEnvironment):
    """The one environment templates run in (see the module docstring)."""

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])
    concat_bounded = staticmethod(concat)

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=finalize, **options)
        self.filters = dict(FILTERS)
        self.tests = dict(TESTS)
        self.globals = dict(GLOBALS)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            return percent(left, right)
        sized = (str, list, tuple)
        if operator == "+" and isinstance(left, sized) and isinstance(right, sized):
            _too_long(len(left) + len(right))
        if operator == "*":
            count, seq = (right, left) if isinstance(left, sized) else (left, right)
            if isinstance(seq, sized) and isinstance(count, int):
                _too_long(len(seq) * count)
            elif isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > _INT_BITS:
                raise Refused("生成过大的数")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and max(left.bit_length(), 1) * right > _INT_BITS:
            raise Refused("生成过大的数")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 1024:
            raise Refused("生成过大的数")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Data first: ``section.items`` is the field even though dicts have an ``items`` method."""
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return self._attribute(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, (dict, list, tuple, str)):
            try:
                return obj[argument]
            except (TypeError, LookupError):
                pass
            if isinstance(argument, str):
                return self._attribute(obj, argument)
            return self.undefined(obj=obj, name=argument)
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        return self.undefined(obj=obj, name=argument)

    def _attribute(self, obj: Any, name: str) -> Any:
        if isinstance(obj, jinja2.Undefined):
            return super().getattr(obj, name)  # raises with the first missing name
        if name.startswith("_"):
            return self.unsafe_undefined(obj, name)
        kind = next((k for k in _METHODS if type(obj) is k), None)
        if kind is not None or isinstance(obj, (int, float, type(None))):
            if kind is dt.date and name in _DATE_FIELDS:
                return getattr(obj, name)
            methods = _METHODS.get(kind, {})  # type: ignore[arg-type]
            if name in ("format", "format_map") and isinstance(obj, str):
                return self._format_method(obj, name)
            if name in methods:
                return _checked(methods[name], getattr(obj, name))
            if isinstance(obj, dict) or not hasattr(obj, name):
                return self.undefined(obj=obj, name=name)
            return self.unsafe_undefined(obj, name)
        if isinstance(obj, _JINJA_TYPES) or type(obj).__name__ == "_GroupTuple":
            return super().getattr(obj, name)
        return self.unsafe_undefined(obj, name)

    def _format_method(self, template: str, name: str) -> Callable[..., str]:
        def formatted(*args: Any, **kwargs: Any) -> str:
            if name == "format_map":
                if kwargs or len(args) != 1:
                    raise Refused("format_map 只接受一个字典")
                args, kwargs = (), args[0]
            return _bounded_format(self, template, args, kwargs)

        formatted.drafter_safe = True  # type: ignore[attr-defined]
        return formatted

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is handled, bounded, in _attribute

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        safe = (getattr(__obj, "drafter_safe", False) is True or isinstance(__obj, (Macro, BlockReference))
                or any(__obj is g for g in _CALLABLE_GLOBALS)
                or isinstance(getattr(__obj, "__self__", None), (LoopContext, Cycler, Joiner))
                or isinstance(__obj, (LoopContext, Joiner)))
        if not safe:
            raise Refused(f"调用“{getattr(__obj, '__name__', type(__obj).__name__)}”")
        return __context.call(__obj, *args, **kwargs)


class _ContainedLoader(jinja2.FileSystemLoader):
    """A file loader that also refuses links leading out of the template folders, and
    template files larger than any template needs."""

    MAX_BYTES = 1024 * 1024

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(root) for root in self.searchpath]
        if not any(os.path.commonpath([real, root]) == root for root in roots):
            raise jinja2.TemplateNotFound(template)
        if len(source) > self.MAX_BYTES:
            raise TemplateError(Problem(f"模板文件超过 {self.MAX_BYTES // 1024 // 1024} MB，不是正常的模板", filename))
        return source, filename, uptodate


@lru_cache(maxsize=16)
def make_environment(search_path: tuple[str, ...], extra_filters: tuple[tuple[str, Callable[..., Any]], ...]) -> Sandbox:
    """The strict sandboxed environment for one search path; kept so templates compile once
    per process (Jinja still reloads a template whose file has changed), and their compiled code
    kept in the cache folder for the next process (:mod:`drafter.template_cache`)."""
    env = Sandbox(
        loader=_ContainedLoader(list(search_path)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(dict(extra_filters))
    env.bytecode_cache = compiled_templates(env)  # keyed by all of the above
    return env


# ---------------------------------------------------------------- errors in Chinese

def shown(path: str) -> str:
    """A template path as the clerk typed it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def template_frame(exc: BaseException, roots: Iterable[str]) -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback: frames Jinja rewrote carry the
    template's name, raw frames of compiled templates are mapped through the template."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    roots = tuple(roots)
    while tb is not None:
        frame = tb.tb_frame
        compiled = frame.f_globals.get("__jinja_template__")
        if compiled is not None and compiled.filename:
            found = shown(compiled.filename), compiled.get_corresponding_lineno(tb.tb_lineno)
        elif frame.f_code.co_filename and frame.f_code.co_filename.startswith(roots):
            found = shown(frame.f_code.co_filename), tb.tb_lineno
        tb = tb.tb_next
    return found


def _generator_line(generator: Any) -> tuple[str | None, int | None]:
    """The template line a suspended rendering is at (for the output limit)."""
    found: tuple[str | None, int | None] = (None, None)
    while generator is not None:
        frame = getattr(generator, "gi_frame", None)
        compiled = frame.f_globals.get("__jinja_template__") if frame is not None else None
        if compiled is not None and compiled.filename:
            found = shown(compiled.filename), compiled.get_corresponding_lineno(frame.f_lineno)
        generator = getattr(generator, "gi_yieldfrom", None)
    return found


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    text = exc.message or ""
    missing = re.search(r"has no attribute '(.+?)'", text) or re.search(r"'(.+?)' is undefined", text)
    if missing:
        return f"模板用到的“{missing.group(1)}”不存在：请检查拼写，或在事实表中补上"
    if NONE_MESSAGE in text:
        return "模板输出的值在事实表中没有填写：请在事实表中补上，或在模板里先用 {% if %} 判断"
    return f"模板用到的值不存在（{text}）"


def _jinja_message(exc: jinja2.TemplateError, otherwise: str) -> str:
    text = exc.message or ""
    if text.startswith("Unexpected end of template"):
        return "模板语法错误：缺少结束标记（如 {% endif %}、{% endfor %}、{% endblock %}）"
    unknown = re.match(r"No (filter|test) named '(.+?)'", text)
    if unknown:
        what = "过滤器" if unknown.group(1) == "filter" else "测试"
        return f"模板用了不存在或不允许的{what}“{unknown.group(2)}”（可用的见 docs/templates.md）"
    tag = re.match(r"Encountered unknown tag '(.+?)'", text)
    if tag:
        return f"模板语法错误：未知的标记“{tag.group(1)}”（或缺少与它对应的开始标记）"
    if "expected token" in text or text.startswith("unexpected"):
        return "模板语法错误：这里缺少或多出了符号（如 }}、%}、括号、引号）"
    return otherwise


_RUNTIME_KINDS = {
    TypeError: "值的类型不对（如把文字当作数字或列表使用）",
    ValueError: "值不符合要求",
    ZeroDivisionError: "除数为零",
    LookupError: "下标或键不存在",
    AttributeError: "用到的属性不存在",
}


def _runtime_message(exc: Exception) -> str:
    """A fault inside a template's own logic, in Chinese (Python's English text is left out)."""
    kind = next((words for cls, words in _RUNTIME_KINDS.items() if isinstance(exc, cls)), "无法完成的操作")
    return f"模板运行出错：{kind}"


def _refused_message(exc: Exception) -> str:
    if isinstance(exc, Refused):
        return f"模板试图{exc.reason}，这是不允许的操作，已阻止"
    blocked = re.search(r"attribute '(.+?)'", str(exc))
    what = f"访问“{blocked.group(1)}”" if blocked else "生成过多内容"
    return f"模板试图{what}，这是不允许的操作，已阻止"


# ---------------------------------------------------------------- rendering

def render_here(search_path: tuple[str, ...], data: dict[str, Any], limits: Limits,
                extra_filters: tuple[tuple[str, Callable[..., Any]], ...] = ()) -> str:
    """Render ``report.j2`` in this process with the output counted; every template fault
    (including running out of the budget) becomes a :class:`TemplateError`."""
    env = make_environment(search_path, extra_filters)
    _limits.chars = limits.chars
    generator = None
    try:
        generator = env.get_template(ENTRY).generate(data)
        pieces: list[str] = []
        size = 0
        for piece in generator:
            size += len(piece)
            if size > limits.chars:
                file, line = _generator_line(generator)
                raise TemplateError(Problem(f"模板输出超过 {limits.chars:,} 个字符（一份报告约 3 万字），已停止", file, line))
            pieces.append(piece)
        return "".join(pieces)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(Problem(_jinja_message(exc, "模板语法错误：无法解析这一行"),
                                    shown(exc.filename or exc.name or ""), exc.lineno)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(Problem(f"模板引用的“{exc.name}”不存在（只能引用模板文件夹中的文件）",
                                    *template_frame(exc, search_path))) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(Problem(_undefined_message(exc), *template_frame(exc, search_path))) from None
    except (SecurityError, OverflowError) as exc:
        raise TemplateError(Problem(_refused_message(exc), *template_frame(exc, search_path))) from None
    except OutOfTime as exc:
        raise TemplateError(Problem(f"模板运行超过 {limits.seconds:g} 秒，已停止（可能有过多或无尽的循环、递归）",
                                    *template_frame(exc, search_path))) from None
    except (MemoryError, OutOfMemory) as exc:
        raise TemplateError(Problem(f"模板占用内存超过 {limits.memory_mb} MB，已停止",
                                    *template_frame(exc, search_path))) from None
    except jinja2.TemplateRuntimeError as exc:
        raise TemplateError(Problem(_jinja_message(exc, "模板运行出错：无法完成的操作"),
                                    *template_frame(exc, search_path))) from None
    except RecursionError as exc:
        raise TemplateError(Problem("模板递归过深（宏或 include 调用了自己），已停止",
                                    *template_frame(exc, search_path))) from None
    except Exception as exc:
        file, line = template_frame(exc, search_path)
        if file is None:
            raise
        raise TemplateError(Problem(_runtime_message(exc), file, line)) from None
    finally:
        if generator is not None:
            generator.close()


def render_isolated(search_path: tuple[str, ...], data: dict[str, Any], limits: Limits, pack: str) -> str:
    """Render in a child process with the time and memory limits (see the module docstring)."""
    request = pickle.dumps({"search_path": search_path, "data": data, "limits": asdict(limits)})
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    try:
        result = subprocess.run([sys.executable, "-m", "drafter.sandbox"], input=request, capture_output=True,
                                timeout=limits.seconds + 2, env=env)
    except subprocess.TimeoutExpired:
        raise TemplateError(Problem(f"模板运行超过 {limits.seconds:g} 秒，已停止（可能有过多或无尽的循环、递归）",
                                    pack)) from None
    try:
        answer = json.loads(result.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        answer = None
    if not isinstance(answer, dict):
        raise TemplateError(Problem(f"模板运行时耗尽了资源（超过 {limits.memory_mb} MB 内存或 {limits.seconds:g} 秒），"
                                    "已停止", pack))
    if "text" in answer:
        return str(answer["text"])
    if "problems" in answer:
        raise TemplateError([Problem(p["message"], p["file"], p["line"], p["field"]) for p in answer["problems"]])
    raise RuntimeError(f"template process failed:\n{answer.get('internal')}")


class _Watchdog(threading.Thread):
    """Stops the main thread's rendering at the time limit, or when Python's allocations pass
    the memory limit where the OS cannot enforce one, by raising :class:`_Budget` into it."""

    def __init__(self, limits: Limits, measure_memory: bool) -> None:
        super().__init__(daemon=True)
        self.limits = limits
        self.target = threading.main_thread().ident
        self.measure_memory = measure_memory
        self.done = threading.Event()

    def raise_in_main(self, kind: type[_Budget]) -> None:
        import ctypes  # loaded by _child_main already

        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), ctypes.py_object(kind))

    def run(self) -> None:
        import time
        import tracemalloc

        deadline = time.monotonic() + self.limits.seconds
        while not self.done.wait(0.02):
            if time.monotonic() > deadline:
                self.raise_in_main(OutOfTime)
            elif self.measure_memory and tracemalloc.get_traced_memory()[0] > self.limits.memory_mb * 1024 * 1024:
                self.raise_in_main(OutOfMemory)
            else:
                continue
            if self.done.wait(1.0):  # the rendering stopped and reported
                return
            os._exit(3)  # stuck in one long step: give up; the parent reports the limit


def _limit_address_space(limits: Limits) -> bool:
    """Cap this process's address space at what it uses now plus the budget (Linux)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return False
    cap = in_use + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return True


def _child_main() -> None:
    """``python -m drafter.sandbox``: one request on stdin, one JSON answer on stdout."""
    import ctypes  # the watchdog's way into the rendering thread; the parent process never needs it

    request = pickle.loads(sys.stdin.buffer.read())
    limits = Limits(**request["limits"])
    from .templating import template_filters  # the report filters (cn_date, yoy, amount)

    filters = template_filters()
    measure = os.environ.get("DRAFTER_TEMPLATE_MEMORY_WATCH") == "1" or not _limit_address_space(limits)
    if measure:
        import tracemalloc

        tracemalloc.start()
    watchdog = _Watchdog(limits, measure)
    watchdog.start()

    try:
        try:
            answer: dict[str, Any] = {"text": render_here(tuple(request["search_path"]), request["data"], limits,
                                                          filters)}
        finally:
            watchdog.done.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(watchdog.target), None)  # one still pending
    except _Budget as exc:  # arrived after the rendering had ended
        answer = {"problems": [{"message": f"模板运行超过 {limits.seconds:g} 秒或占用内存超过 {limits.memory_mb} MB，已停止",
                                "file": None, "line": None, "field": None}]}
        del exc
    except TemplateError as exc:
        answer = {"problems": [{"message": p.message, "file": str(p.file) if p.file is not None else None,
                                "line": p.line, "field": p.field} for p in exc.problems]}
    except BaseException:  # noqa: BLE001 - reported to the parent as an internal error
        answer = {"internal": traceback.format_exc()}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    sys.stdout.flush()


if __name__ == "__main__":
    _child_main()
