"""Traditional drafts start from shipped reference documents too, kept current with drafter.style."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from drafter.pipeline import draft
from drafter.style import GB9704, SCRIPT_LANGS
from drafter.writers import docx as writer
from drafter.writers.docx import package

from .conftest import EXAMPLES


@pytest.mark.parametrize("script", sorted(SCRIPT_LANGS))
def test_each_script_has_a_current_shipped_reference(script: str) -> None:
    house = GB9704.for_script(script)
    shipped = writer.shipped_reference(house)
    assert shipped is not None and shipped.parent.name == "data"
    assert shipped.read_bytes() == writer.reference_docx(house), "run: python -m drafter.writers.docx"


def test_a_traditional_draft_is_written_without_building_a_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(house: object) -> bytes:
        raise AssertionError("built from python-docx's template")

    for cached in (package.skeleton, package.skeleton_parts, package._skeleton_entries):
        cached.cache_clear()
    monkeypatch.setattr(package, "reference_docx", refused)
    house = GB9704.for_script("hk")
    data = writer.write_docx(draft(EXAMPLES / "boleshi-2023.yaml", script="hk").document, house)
    styles = {s.style_id: s for s in docx.Document(io.BytesIO(data)).styles}
    assert styles["Normal"].element.xpath("string(.//w:rFonts/@w:eastAsia)") == house.body.east_asian


def test_another_style_still_gets_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    other = replace(GB9704, lang="zh-SG")
    assert writer.shipped_reference(other) is None
    assert package.skeleton(other) == package.reference_docx(other)  # made for its own style, not a shipped one


def test_no_stray_reference_documents() -> None:
    shipped = {writer.shipped_reference(GB9704.for_script(s)) for s in SCRIPT_LANGS}
    assert set(Path(writer.REFERENCE).parent.glob("reference*.docx")) == shipped
