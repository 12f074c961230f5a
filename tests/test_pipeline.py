"""The pipeline every command shares, and the boundaries between modules it stands for."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from drafter.pipeline import draft, pack_for
from drafter.readers.sheet import read_sheet
from drafter.render import TRANSFORMS, render
from drafter.writers.text import write_text

from .conftest import EXAMPLES, ROOT

PACKAGE = ROOT / "drafter"
LOCAL = EXAMPLES / "locality-2024.yaml"  # meta.template: locality, a folder beside the sheet


def test_a_pack_named_in_the_sheet_is_found_beside_it_from_any_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sheet = read_sheet(LOCAL)
    pack = pack_for(sheet, LOCAL)
    assert pack.folder == (EXAMPLES / "locality").resolve()
    assert write_text(render(sheet, pack)) == write_text(draft(LOCAL).document)
    assert draft(LOCAL).document.title[0].endswith("人民政府")  # the local pack's title, not the standard one


def test_the_transforms_run_in_one_order() -> None:
    assert [name for name, _ in TRANSFORMS] == ["figures", "numbering", "script"]


def test_render_writes_the_sheet_in_its_script(tmp_path: Path) -> None:
    sheet = read_sheet(EXAMPLES / "minimal.yaml")
    traditional = sheet.model_copy(update={"meta": sheet.meta.model_copy(update={"script": "traditional"})})
    text = write_text(render(traditional, pack_for(traditional)))
    assert "法治政府建設" in text and "法治政府建设" not in text
    assert "一、" in text  # numbered before the script is converted


def _imports(path: Path) -> set[str]:
    """The drafter modules a module imports (relative imports resolved), at any depth in the file."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ".".join(package[:len(package) - node.level + 1] + ((node.module,) if node.module else ()))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("drafter"):
            found |= {node.module or ""} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules() -> dict[str, Path]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in PACKAGE.rglob("*.py")}


# The library side of each command. batch builds and checks each sheet, so it is their caller by design.
COMMANDS = {"build", "importer", "review", "preview", "rollover", "publish", "annotate", "export", "recycling",
            "compare"}


def test_commands_do_not_import_one_another() -> None:
    for name in COMMANDS:
        imported = _imports(PACKAGE / f"{name}.py")
        assert sorted(f"drafter.{other}" for other in COMMANDS - {name} if f"drafter.{other}" in imported) == [], name


def test_readers_do_not_import_writers() -> None:
    for name, path in modules().items():
        if name.startswith("drafter.readers."):
            assert not any(m.startswith("drafter.writers") for m in _imports(path)), name


def test_python_docx_internals_are_reached_only_in_ooxml() -> None:
    private = re.compile(r"\._p\b|\._r\b|_sectPr|\._element\b|\._tbl\b|\._tc\b")
    offenders = [f"{name}:{n}" for name, path in modules().items() if name != "drafter.ooxml"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if private.search(line)]
    assert offenders == []


def test_character_ranges_and_marks_are_defined_once() -> None:
    """Han ranges, control-character sets and the 【待…】 marks live in drafter/text.py; elsewhere
    they are imported (a docstring or a message may still name a mark)."""
    literal = re.compile(r"\\u4e00|\\u3400|\\x00-\\x08|\\u9fff|[\"']【待[^\"']*[\"']\s*(?:[,)=]|$)")
    offenders = [f"{name}:{n}" for name, path in modules().items() if name != "drafter.text"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if literal.search(line)]
    assert offenders == []
