"""Write a fact sheet as the YAML a clerk edits (for import and rollover).

Defaults are left out and the short spellings the sheet accepts are used, so a generated
sheet looks like one written by hand; notes for the clerk go on top as comments.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..sheet import Sheet


def _compact(node: Any) -> Any:
    """The short spellings the sheet accepts: one paragraph or title line as a plain string,
    an item without a lead as its text."""
    if isinstance(node, list):
        return [_compact(value) for value in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"text"} and isinstance(node["text"], str):
        return node["text"]
    ordered = {"kind": node["kind"], **node} if "kind" in node else node  # a part says first what it is
    compact = {key: _compact(value) for key, value in ordered.items()}
    for key in ("text", "intro", "after", "conclusion", "title"):
        value = compact.get(key)
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            compact[key] = value[0]
    return compact


class _SheetDumper(yaml.SafeDumper):
    """Block style, except short lists of short words on one line: ``columns: [项目, 数量]``."""

    def represent_list(self, data: list[Any]) -> yaml.Node:
        short = all(isinstance(v, (str, int, float)) for v in data) and sum(len(str(v)) for v in data) <= 40
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=short)


    def represent_float(self, data: float) -> yaml.Node:
        """A whole number as the clerk wrote it: ``186``, not ``186.0`` (the model keeps floats)."""
        if data.is_integer():
            return self.represent_int(int(data))
        return super().represent_float(data)


_SheetDumper.add_representer(list, _SheetDumper.represent_list)
_SheetDumper.add_representer(float, _SheetDumper.represent_float)


def sheet_yaml(sheet: Sheet, notes: list[str], schema: str) -> str:
    """The sheet as YAML a clerk edits: defaults left out, notes on top as comments."""
    data = _compact(sheet.model_dump(exclude_defaults=True))
    header = [f"# yaml-language-server: $schema={schema}", *(f"# {note}" for note in notes)]
    body = yaml.dump(data, Dumper=_SheetDumper, allow_unicode=True, sort_keys=False, width=10**6)
    return "\n".join(header) + "\n\n" + body
