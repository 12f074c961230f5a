"""YAML as clerks write it: the safe loader, YAML 1.2 scalars, lines kept, limits enforced.

Sheets are typed by hand and passed between offices, so this reads them defensively: only
``yaml.SafeLoader`` (no object construction), one node tree kept for line numbers,
duplicate keys refused, and input that no real sheet needs — megabytes, deep nesting,
alias bombs — refused quickly with a message instead of hanging or crashing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SheetError
from .translate import yaml_mark, yaml_message
from ..text import CONTROL

MAX_CHARS = 5 * 1024 * 1024  # a real sheet is 10–100 KB
MAX_DEPTH = 64  # a sheet nests about 12 deep (parts → sections ×4 → items → fields)
TOO_DEEP = f"嵌套超过 {MAX_DEPTH} 层，不是正常的事实表"
MAX_NODES = 200_000  # after alias expansion; a real sheet has a few thousand
MAX_EXPANDED_CHARS = MAX_CHARS  # characters after alias expansion: no more than a sheet may hold


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader, in C (libyaml) where PyYAML has it: 5–10× faster than the pure-Python one."""


class SheetLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader with YAML 1.2's plain scalars: only true/false are booleans, only
    plain decimals are numbers, and dates stay text for the sheet model to check.

    YAML 1.1 would read ``yes``/``no``/``on`` as booleans, ``12:30`` as the number 750 and
    ``2024-02-30`` as an exception without a line; a clerk's text must not be changed so.
    """


SheetLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    SheetLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

# Only the tags a sheet is made of: text, numbers, true/false, null, lists and mappings.
# ``!!binary`` would deliver bytes past the text checks, ``!!set``/``!!omap``/``!!pairs``
# and ``!!timestamp`` other Python types; all are refused as unknown tags, with their line.
SheetLoader.yaml_constructors = {
    tag: constructor for tag, constructor in SAFE_LOADER.yaml_constructors.items()
    if tag is not None and tag.rsplit(":", 1)[-1] in ("null", "bool", "int", "float", "str", "seq", "map")
}
SheetLoader.add_constructor(None, SAFE_LOADER.construct_undefined)


def _checked(tag: str, what: str) -> None:
    """An explicit tag (``!!int 十二``, ``!!float abc``) whose text is not of its type is a
    slip with a line, not a crash: wrap the safe constructor so it says so in Chinese."""
    construct = SheetLoader.yaml_constructors[f"tag:yaml.org,2002:{tag}"]

    def checked(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, IndexError, KeyError, TypeError, AttributeError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"标签 !!{tag} 要求{what}，“{node.value}”不是；请删去标签“!!{tag}”，或改正内容",
                node.start_mark) from None

    SheetLoader.add_constructor(f"tag:yaml.org,2002:{tag}", checked)


for _tag, _what in (("int", "整数"), ("float", "数字"), ("bool", "“true”或“false”")):
    _checked(_tag, _what)


def _duplicate_keys(node: yaml.Node, path: Path) -> list[Problem]:
    """Keys given twice in one mapping: PyYAML silently keeps the last, losing text."""
    problems: list[Problem] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                line = key_node.start_mark.line + 1
                if key_node.value in seen:
                    problems.append(
                        Problem(f"字段“{key_node.value}”重复（第{seen[key_node.value]}行已有），后者会覆盖前者", path, line)
                    )
                seen.setdefault(key_node.value, line)
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(problems, key=lambda p: p.line or 0)


def _check_shape(text: str, path: Path) -> None:
    """Refuse, before building anything, what no clerk writes: nesting deeper than any sheet
    needs (PyYAML composes recursively and would crash) and runaway size."""
    depth = events = 0
    try:
        for event in yaml.parse(text, Loader=SheetLoader):
            events += 1
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SheetError(Problem(TOO_DEEP, path,
                                             event.start_mark.line + 1))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if events > MAX_NODES:
                raise SheetError(Problem(f"内容项超过 {MAX_NODES} 个，不是正常的事实表", path))
    except yaml.YAMLError as exc:
        mark = yaml_mark(exc)
        if "nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own limit, met while scanning ahead
            raise SheetError(Problem(TOO_DEEP, path, mark.line + 1 if mark else None)) from None
        return  # the composer below reports syntax errors with their line


def _expanded_size(root: yaml.Node, path: Path) -> None:
    """Refuse alias bombs ("billion laughs"): count nodes and characters as if every alias
    were copied, since the sheet, the draft and every check will hold the copies. A short
    file aliasing a long text many times is as costly as a long file."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> tuple[int, int]:
        if id(node) in open_nodes:
            raise SheetError(Problem("别名（*）引用了包含它自己的内容，无法展开", path, node.start_mark.line + 1))
        if id(node) not in sizes:
            open_nodes.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                sizes[id(node)] = (1, len(node.value))
            else:
                children = node.value if isinstance(node, yaml.SequenceNode) else [
                    part for pair in node.value for part in pair]
                counted = [size(child) for child in children]
                sizes[id(node)] = (1 + sum(n for n, _ in counted), sum(c for _, c in counted))
            open_nodes.discard(id(node))
        return sizes[id(node)]

    nodes, chars = size(root)
    if nodes > MAX_NODES or chars > MAX_EXPANDED_CHARS:
        raise SheetError(Problem("别名（&、*）展开后内容过多，疑似恶意构造的文件，已拒绝", path))


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as the reader counts lines


def _folded(lines: list[str]) -> str:
    """YAML's line folding of stripped lines: a line break becomes a space, a run of n blank
    lines n line breaks."""
    folded, blanks = "", 0
    for line in lines:
        if not line:
            blanks += 1 if folded else 0
            continue
        folded += ("\n" * blanks or " " if folded else "") + line
        blanks = 0
    return folded


def _source_lines(node: yaml.ScalarNode, lines: list[str]) -> list[str] | None:
    """The stripped source lines of a scalar that YAML folds (plain, quoted or ``>``), or None."""
    start, end = node.start_mark, node.end_mark
    if start.line == end.line or end.line >= len(lines) or not isinstance(node.value, str):
        return None
    if node.style == ">":
        first, last = start.line + 1, end.line if end.column else end.line - 1
        return [line.strip() for line in lines[first:last + 1]]
    if node.style not in (None, "", "'", '"'):
        return None
    segment = [lines[start.line][start.column:], *lines[start.line + 1:end.line], lines[end.line][:end.column]]
    text = "\n".join(segment).strip()
    if node.style == "'":
        text = text[1:-1].replace("''", "'")
    elif node.style == '"':
        if "\\" in text:
            return None  # escapes may join lines themselves: leave such text as YAML reads it
        text = text[1:-1]
    return [line.strip() for line in text.split("\n")]


def _keep_line_breaks(root: yaml.Node, text: str) -> None:
    """Give folded scalars back their line breaks, so the sheet joins the lines as Chinese is
    written: YAML folds each break of ``intro: >`` or a wrapped plain line into a space, and
    "为指导，\n深入贯彻" would print as "为指导， 深入贯彻". A value is changed only where
    folding the source lines again gives exactly what YAML read, so a space the clerk
    typed is never taken for a fold (``check`` reports those)."""
    lines = _LINE_BREAK.split(text)
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            source = _source_lines(node, lines)
            if source is not None and _folded(source) == node.value.rstrip("\n"):
                node.value = "\n".join(source).strip("\n")


def parse_yaml(text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    """Parse YAML safely into (data, node tree); a syntax error names its line, and hostile
    input (too large, too deep, alias bombs) is refused before it can cost time or memory."""
    if len(text) > MAX_CHARS:
        raise SheetError(Problem(f"事实表超过 {MAX_CHARS // 1024 // 1024} MB，不是正常的事实表", path))
    bad = re.search(f"[{CONTROL}\x80-\x84\x86-\x9f\ud800-\udfff]", text)  # and what YAML refuses: C1 but NEL, surrogates
    if bad:  # the YAML reader refuses these too, but without a line
        raise SheetError(Problem(f"含有不能出现在事实表中的控制字符 U+{ord(bad.group()):04X}，请删除", path,
                                 text.count("\n", 0, bad.start()) + 1))
    _check_shape(text, path)
    loader = SheetLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _expanded_size(node, path)
            _keep_line_breaks(node, text)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = yaml_mark(exc)
        raise SheetError(Problem(f"YAML 格式错误：{yaml_message(exc, text)}", path, mark.line + 1 if mark else None)) from None
    except RecursionError:
        raise SheetError(Problem(TOO_DEEP, path)) from None
    finally:
        loader.dispose()
    if node is not None:
        duplicates = _duplicate_keys(node, path)
        if duplicates:
            raise SheetError(duplicates)
    return data, node
