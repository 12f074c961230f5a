"""Read a YAML fact sheet into a validated :class:`~drafter.sheet.Sheet`.

The YAML is parsed once with the safe loader, keeping the node tree, so every error,
from a syntax slip to a misspelt key three levels deep, is reported with its line.
All errors are collected and reported together; a clerk fixes them in one pass.
"""

from __future__ import annotations

import difflib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from .. import sheet as sheet_module
from .encoding import UnknownEncoding, decode
from .filetype import not_a_sheet, sniff
from .translate import validation_message
from .yaml_source import parse_yaml
from ..errors import DrafterError, Problem, SheetError, os_reason
from ..figures import reference_problems
from ..sheet import Sheet, sheet_strings, too_deep

def _known_keys() -> list[str]:
    """Every key the sheet format knows, for "did you mean" suggestions."""
    keys: set[str] = set()
    for obj in vars(sheet_module).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            keys.update(obj.model_fields)
    return sorted(keys)


def _suggestion(key: str) -> str | None:
    guesses = difflib.get_close_matches(key, _known_keys(), n=1, cutoff=0.6)
    return guesses[0] if guesses else None


def _child(node: yaml.Node, key: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The (key node, value node) of ``key`` inside ``node``, if it is there."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return None, node.value[key]
    return None, None


def locate(root: yaml.Node, loc: tuple[Any, ...], at_key: bool = False) -> tuple[int, str]:
    """Follow a validation location through the YAML nodes: (1-based line, field path).

    Location parts that are not in the YAML (pydantic's union tags) are skipped;
    a part that is missing (a required field) leaves the line at its parent.
    Indexes are shown from 1, as a clerk counts.
    """
    node, line, path = root, root.start_mark.line + 1, ""
    for n, part in enumerate(loc):
        key_node, value_node = _child(node, part)
        if value_node is None:
            if isinstance(part, str) and isinstance(node, yaml.MappingNode) and n == len(loc) - 1:
                path += f".{part}" if path else part
            continue
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else part)
        last = n == len(loc) - 1
        mark = key_node if (at_key and last and key_node is not None) else value_node
        node, line = value_node, mark.start_mark.line + 1
    return line, path


def read_text(path: Path, error: type[DrafterError] = SheetError) -> str:
    """Read a text file in whatever encoding it plausibly is (see :mod:`.encoding`); ``error``
    is the class to raise (a sheet's and a report's faults have different exit codes)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(Problem(f"无法读取文件（{os_reason(exc)}）", path)) from None
    try:
        return decode(raw).text
    except UnknownEncoding as exc:
        raise error(Problem(exc.message(), path)) from None


def fill_previous(sheet: Sheet, path: Path) -> Sheet:
    """The sheet with each figure's missing ``previous`` taken from last year's sheet
    (``meta.last_year_sheet``, relative to this sheet's folder)."""
    if not sheet.meta.last_year_sheet:
        return sheet
    last = read_sheet(path.parent / sheet.meta.last_year_sheet)
    figures = {
        name: figure if figure.previous is not None or name not in last.figures
        else figure.model_copy(update={"previous": last.figures[name].value})
        for name, figure in sheet.figures.items()
    }
    return sheet.model_copy(update={"figures": figures})


def read_sheet(path: Path) -> Sheet:
    """Load and validate a fact sheet, raising :class:`SheetError` with every problem found."""
    return load_sheet(path)[0]


_read_once: dict[tuple[str, int, int], tuple[Sheet, yaml.Node]] | None = None


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block a sheet file is read and validated once however often it is asked for
    (a batch builds a sheet, then checks it: the check takes the sheet the build just read)."""
    global _read_once
    _read_once = {}
    try:
        yield
    finally:
        _read_once = None


def load_sheet(path: Path) -> tuple[Sheet, yaml.Node]:
    """The validated sheet and its YAML node tree, so that later checks can give lines too."""
    if _read_once is None:
        return _load_sheet(path)
    try:
        stat = path.stat()
    except OSError:
        return _load_sheet(path)  # reported there, in Chinese
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _read_once:
        _read_once[key] = _load_sheet(path)
    return _read_once[key]


def _load_sheet(path: Path) -> tuple[Sheet, yaml.Node]:
    kind = sniff(path)
    if kind != "text":
        raise SheetError(Problem(not_a_sheet(kind, path), path))
    data, root = parse_yaml(read_text(path), path)
    if root is None or data is None:
        raise SheetError(Problem("事实表是空的，请先用 drafter init 生成骨架再填写", path))
    if not isinstance(data, dict):
        raise SheetError(Problem("事实表应由 meta、intro、parts 等字段组成", path, root.start_mark.line + 1))
    try:
        sheet = Sheet.model_validate(data)
    except ValidationError as exc:
        problems = []
        errors = exc.errors()
        misspelt = {(e["loc"][:-1], _suggestion(str(e["loc"][-1]))) for e in errors if e["type"] == "extra_forbidden"}
        for error in errors:
            if error["type"] == "missing" and (error["loc"][:-1], error["loc"][-1]) in misspelt:
                continue  # "titel: 未知字段，是否想写 title" already says it
            line, field = locate(root, error["loc"], at_key=error["type"] == "extra_forbidden")
            problem = Problem(validation_message(error, _suggestion), path, line, field or None)
            if problem not in problems:
                problems.append(problem)
        raise SheetError(problems) from None
    figures = fill_previous(sheet, path).figures  # a 同比 may take last year's value from last year's sheet
    unknown = [
        Problem(message, path, *locate(root, where))
        for where, text in sheet_strings(sheet.model_dump()) for message in reference_problems(text, figures)
    ]
    if unknown:
        raise SheetError(unknown)
    deep = too_deep(sheet)
    if deep:
        raise SheetError(
            [
                Problem("标题超过四级（一、（一）1.（1））；请合并层级，或改用 items 条目", path, *locate(root, loc))
                for loc in deep
            ]
        )
    return sheet, root
