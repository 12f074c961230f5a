"""README's module map (结构（给开发者）) names every module of the package, and only modules that exist."""

from __future__ import annotations

import re

from .conftest import ROOT

PACKAGE = ROOT / "drafter"


def module_map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 结构（给开发者）", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def named_modules(text: str) -> set[str]:
    """Module paths the map names: ``readers/report.py``, and in ``writers/text.py、markdown.py``
    the siblings listed with “、” after a folder's module; the lines indented under a package's
    folder (``writers/docx/``) name its modules."""
    named: set[str] = set()
    package = ""
    for line in text.splitlines():
        opened = re.match(r"  ((?:readers|writers)/\w+)/ ", line)
        if opened or not line.startswith("    "):
            package = opened.group(1) if opened else ""
        elif package and (inner := re.match(r"    (\w+)\.py ", line)):
            named.add(f"{package}/{inner.group(1)}.py")
            continue
        folder, end = "", -1
        for match in re.finditer(r"(?:(readers|writers)/)?(\w+)\.py", line):
            folder = match.group(1) or (folder if line[end:match.start()] == "、" else "")
            named.add(f"{folder}/{match.group(2)}.py" if folder else f"{match.group(2)}.py")
            end = match.end()
    return named


def test_every_module_is_in_the_readme_map() -> None:
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if not p.name.startswith("__")}
    named = named_modules(module_map())
    assert sorted(modules - named) == []  # a module the map does not explain
    assert sorted(named - modules) == []  # the map names a module that is gone
