"""A command loads only what it uses: a build never loads the reviewer nor rich's console, a
sheet's check no report reader.

Every module a command imports is paid for at each run as a new process (a clerk's every build);
these assert on the modules a fresh interpreter actually loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES, ROOT


def modules_loaded_by(arguments: list[str], cwd: Path) -> set[str]:
    """Every module loaded by ``drafter ARGUMENTS`` in a fresh interpreter (the command must succeed)."""
    code = "import sys; from drafter.cli import run; code = run(sys.argv[1:]); print(' '.join(sys.modules)); sys.exit(code)"
    result = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True, cwd=cwd,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return set(result.stdout.splitlines()[-1].split())


def test_building_the_example_loads_no_reviewer_and_no_rich_console(tmp_path: Path) -> None:
    loaded = modules_loaded_by(["build", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(tmp_path / "x.docx")],
                               tmp_path)
    assert {"drafter.title", "drafter.findings", "drafter.console"} <= loaded  # the title breaker ran
    assert not loaded & {"drafter.lint", "drafter.review", "drafter.readers.report", "drafter.pages"}
    assert not loaded & {"rich.console", "rich.markup"}  # its one line is plain: printed without rich


def test_checking_a_sheet_loads_no_report_reader(tmp_path: Path) -> None:
    loaded = modules_loaded_by(["check", str(EXAMPLES / "boleshi-2023.yaml")], tmp_path)
    assert {"drafter.review", "drafter.lint"} <= loaded
    assert not loaded & {"docx", "drafter.readers.report", "drafter.readers.docx", "drafter.readers.structure",
                         "drafter.locality"}
