"""python-docx's child lookup with the empty-element shortcut writes the same documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx.oxml import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter import xmlspeed
from drafter.build import draft
from drafter.writers.docx import write_docx

ROOT = Path(__file__).resolve().parent.parent
SHEETS = sorted((ROOT / "examples" / "seeds").glob("*.yaml")) + sorted((ROOT / "examples").glob("boleshi-*.yaml"))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_the_shortcut_is_in_place_once_the_writer_is_loaded() -> None:
    assert BaseOxmlElement.first_child_found_in is xmlspeed._first_child_found_in


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_part_is_the_same_as_with_python_docx_own_lookup(sheet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = draft(sheet).document
    fast = parts(write_docx(document))
    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", xmlspeed._own)
    assert parts(write_docx(document)) == fast


def test_lookup_answers() -> None:
    rpr = OxmlElement("w:rPr")
    assert rpr.first_child_found_in("w:b", "w:i") is None
    bold, italic = OxmlElement("w:b"), OxmlElement("w:i")
    rpr.append(italic)
    rpr.append(bold)
    assert rpr.first_child_found_in("w:b", "w:i") is bold
    assert rpr.first_child_found_in("w:u") is None
