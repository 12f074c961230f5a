"""python-docx's child lookup with the empty-element shortcut writes the same documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
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
    italic, bold, second_bold = OxmlElement("w:i"), OxmlElement("w:b"), OxmlElement("w:b")
    rpr.append(etree.Comment("a comment is no child to find"))
    for child in (italic, bold, second_bold):
        rpr.append(child)
    assert rpr.first_child_found_in("w:b", "w:i") is bold  # the first tag asked for wins, then document order
    assert rpr.first_child_found_in("w:u", "w:i", "w:b") is italic
    assert rpr.first_child_found_in("w:u", "w:strike", "w:dstrike", "w:caps") is None
    assert rpr.first_child_found_in("w:b") is bold  # more children than tags: python-docx's own search


@given(st.lists(st.sampled_from(["w:b", "w:i", "w:u", "w:sz", "comment"]), max_size=8),
       st.lists(st.sampled_from(["w:b", "w:i", "w:u", "w:sz", "w:lang"]), min_size=1, max_size=6))
def test_the_same_child_as_python_docx_own_lookup(children: list[str], tagnames: list[str]) -> None:
    parent = OxmlElement("w:rPr")
    for tag in children:
        parent.append(etree.Comment("x") if tag == "comment" else OxmlElement(tag))
    assert parent.first_child_found_in(*tagnames) is xmlspeed._own(parent, *tagnames)
