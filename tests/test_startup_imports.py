"""A command loads only what it uses: a build never loads the reviewer, a sheet's check no report reader.

Every module a command imports is paid for at each run as a new process (a clerk's every build);
these assert on the modules a fresh interpreter actually loaded.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import EXAMPLES
from .test_startup import loaded_by


def test_building_the_example_loads_no_reviewer(tmp_path: Path) -> None:
    loaded = loaded_by(["build", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(tmp_path / "x.docx")], tmp_path)
    assert {"drafter.title", "drafter.findings"} <= loaded  # the title breaker ran, its findings type came along
    assert not loaded & {"drafter.lint", "drafter.review", "drafter.readers.report", "drafter.pages"}


def test_checking_a_sheet_loads_no_report_reader(tmp_path: Path) -> None:
    loaded = loaded_by(["check", str(EXAMPLES / "boleshi-2023.yaml")], tmp_path)
    assert {"drafter.review", "drafter.lint"} <= loaded
    assert not loaded & {"docx", "drafter.readers.report", "drafter.readers.docx", "drafter.readers.structure",
                         "drafter.locality"}
