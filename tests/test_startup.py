"""A command loads what it uses: previewing a sheet loads neither python-docx nor a report reader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES, ROOT


def loaded_by(arguments: list[str], cwd: Path) -> set[str]:
    """Top-level packages and drafter's own modules loaded by ``drafter ARGUMENTS`` in a fresh interpreter."""
    code = ("import sys; from drafter.cli import run; code = run(sys.argv[1:]); "
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} | {n for n in sys.modules if n.startswith('drafter.')}))); "
            "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True, cwd=cwd,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return set(result.stdout.splitlines()[-1].split())


def test_previewing_a_section_of_a_sheet_loads_no_word_writer(tmp_path: Path) -> None:
    loaded = loaded_by(["preview", str(EXAMPLES / "boleshi-2023.yaml"), "--section", "1"], tmp_path)
    assert "drafter.preview" in loaded
    assert not loaded & {"docx", "jieba", "drafter.importer", "drafter.writers.docx", "drafter.writers.html"}


def test_building_loads_the_writer_but_neither_python_docx_nor_jieba(tmp_path: Path) -> None:
    """A draft is written as text (drafter.writers.docx.wordml): python-docx and lxml, a fifth of
    the start, are for reading drafts and making reference documents."""
    loaded = loaded_by(["build", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(tmp_path / "x.docx")], tmp_path)
    assert "drafter.writers.docx.wordml" in loaded
    assert not loaded & {"docx", "lxml", "jieba", "webbrowser", "drafter.importer"}


def test_the_start_up_modules_are_frozen_once_per_process(tmp_path: Path) -> None:
    """Commands run one after another in one process (a test session, a batch worker) freeze the
    collector's objects once, and never ask it how many are frozen: that walks every frozen object."""
    code = ("import gc, sys; from drafter.cli import run; calls = []; "
            "gc.freeze = lambda: calls.append('freeze'); gc.get_freeze_count = lambda: calls.append('count') or 0; "
            "[run(['check', sys.argv[1]]) for _ in range(3)]; print(' '.join(calls))")
    result = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "boleshi-2023.yaml")], capture_output=True,
                            text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.split()[-1:] == ["freeze"] and result.stdout.split().count("freeze") == 1, result.stderr
