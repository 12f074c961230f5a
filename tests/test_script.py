"""简/繁: detection, conversion with protected terms, the source's own character forms."""

from __future__ import annotations

import pytest

from drafter.model import Document, Heading, Paragraph
from drafter.script import convert_script, convert_text, is_traditional, learn_forms


def test_protected_terms_take_the_form_the_list_gives() -> None:
    assert convert_text("范县干部", "s2t") == "范縣幹部"  # OpenCC alone writes 範縣
    assert convert_text("范縣幹部", "t2s") == "范县干部"
    assert convert_text("游仙区规范", "s2tw") == "游仙區規範"


@pytest.mark.parametrize(
    "text, traditional",
    [("全面推进依法治国，建设法治政府。", False), ("全面推進依法治國，建設法治政府。", True), ("2024年3月", False)],
)
def test_detection(text: str, traditional: bool) -> None:
    assert is_traditional(text) is traditional


def test_conversion_is_a_transform_of_the_words_only() -> None:
    doc = Document(title=["法治政府建设报告"], body=[Heading(1, "主要举措", kind="achievements",
                                                       runin=Paragraph("发展")), Paragraph("后来")])
    converted = convert_script(doc, "traditional")
    assert converted.title == ["法治政府建設報告"] and converted.body[0].kind == "achievements"
    assert converted.body[0].runin.text == "發展" and doc.body[1].text == "后来"  # the original is untouched
    assert convert_script(doc, "simplified") is doc


def test_learned_forms_reproduce_the_source_usage() -> None:
    source = "規范管理。關于規范的規定。"
    script, forms = learn_forms(source, convert_text(source, "t2s"))
    assert forms == {"範": "范", "於": "于"}
    assert convert_text(convert_text(source, "t2s"), {"traditional": "s2t", "hk": "s2hk", "tw": "s2tw"}[script]) \
        .translate(str.maketrans(forms)) == source
