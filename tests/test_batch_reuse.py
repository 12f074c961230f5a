"""A batch checks each sheet from what its build just read and rendered, with the same findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter import render as render_module
from drafter import review as review_module
from drafter.batch import build_one
from drafter.readers import sheet as sheet_reader
from drafter.review import review

from .conftest import EXAMPLES

# A sheet with errors and warnings to find, and the complete example (a table, named figures).
SHEETS = [EXAMPLES / "boleshi-2023.yaml", *sorted((EXAMPLES / "seeds").glob("*.yaml"))[:2]]


@pytest.mark.parametrize("source", SHEETS, ids=lambda p: p.name)
def test_build_and_check_read_the_sheet_once_and_render_it_once(
        source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / source.name
    shutil.copy(source, sheet)
    expected = review(sheet)
    reads: list[Path] = []
    renders: list[object] = []
    load, render = sheet_reader._load_sheet, render_module.render
    monkeypatch.setattr(sheet_reader, "_load_sheet", lambda path: reads.append(path) or load(path))
    monkeypatch.setattr(review_module, "render", lambda *a, **k: renders.append(a) or render(*a, **k))
    outcome = build_one(sheet, tmp_path / "out", None, None)
    assert outcome.status == "built" and outcome.output is not None and outcome.output.is_file()
    assert reads == [sheet]
    assert renders == []  # the check did not render again; the build did
    assert outcome.check_errors == sum(f.severity == "error" for f in expected.findings)


def test_outside_a_batch_each_read_reads_the_file(tmp_path: Path) -> None:
    """A changed sheet is read anew by the next command (``preview --watch`` reads it again)."""
    sheet = tmp_path / "s.yaml"
    shutil.copy(EXAMPLES / "boleshi-2023.yaml", sheet)
    first = sheet_reader.load_sheet(sheet)[0]
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("region: 博乐市", "region: 精河县"), encoding="utf-8")
    assert (first.meta.region, sheet_reader.load_sheet(sheet)[0].meta.region) == ("博乐市", "精河县")
    with sheet_reader.read_once():
        assert sheet_reader.load_sheet(sheet) is sheet_reader.load_sheet(sheet)
