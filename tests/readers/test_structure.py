"""The report reader's own model, fixture by fixture: what :func:`read_report` recognises (title,
addressee, headings and their levels, run-in bodies, enumerations, tables, signature, closing,
numbering habits, formal elements, attachments, script) and the warnings it gives, compared
with a golden dump per fixture (``golden/<fixture>.json``).

The importer's tests assert the sheet made from these; these assert the reading, so a change in
recognition shows here as a diff of the model, before it shows as a different sheet. After an
intended change, rewrite the dumps with ``python -m tests.readers.test_structure`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from drafter.readers.report import read_report

from ..conftest import HERE

GOLDEN = Path(__file__).parent / "golden"
# Every fixture report the readers take without an outside program: text, web page, .docx, PDF.
FIXTURES = sorted([*(HERE / "reports").glob("*.txt"), *(HERE / "imports").glob("*.txt"),
                   HERE / "imports" / "gov-page.html", HERE / "imports" / "numbered-lo.docx",
                   HERE / "imports" / "numbered-report.pdf"])


def dump(path: Path) -> dict[str, Any]:
    """The reading of one report as plain data: the document model, the script it was written in,
    and each warning with its line."""
    reading = read_report(path)
    return {
        "document": dataclasses.asdict(reading.document),
        "script": reading.script,
        "forms": reading.forms,
        "warnings": [[w.line, w.message] for w in reading.warnings],
    }


def golden_of(path: Path) -> Path:
    return GOLDEN / f"{path.parent.name}-{path.name}.json"


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("report", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_reader_model_of_each_fixture_is_its_golden_dump(report: Path) -> None:
    expected = golden_of(report).read_text(encoding="utf-8")
    assert as_json(dump(report)) == expected


def test_every_golden_dump_has_its_fixture() -> None:
    """A dump left behind by a removed fixture would compare nothing."""
    assert sorted(p.name for p in GOLDEN.glob("*.json")) == sorted(golden_of(p).name for p in FIXTURES)


def test_a_dump_tells_headings_from_paragraphs() -> None:
    """The dump holds the model's distinctions (a heading's level and number, a paragraph's text),
    so a golden comparison fails where recognition changes."""
    body = dump(HERE / "reports" / "standard.txt")["document"]["body"]
    headings = [block for block in body if "level" in block]
    assert headings and headings[0]["level"] == 1 and headings[0]["number"] == ""  # numbered later, not read
    assert any("items" in block and "text" in block and "level" not in block for block in body)


if __name__ == "__main__":  # rewrite the dumps after an intended change: review the diff before committing
    GOLDEN.mkdir(exist_ok=True)
    for fixture in FIXTURES:
        golden_of(fixture).write_text(as_json(dump(fixture)), encoding="utf-8")
    sys.stdout.write(f"{len(FIXTURES)} dumps written to {GOLDEN}\n")
