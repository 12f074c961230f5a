"""Numbering is computed from the model: counters per level, reset under each parent."""

from __future__ import annotations

import pytest

from drafter.model import Document, Heading, Item, ItemList, Paragraph
from drafter.numbering import chinese_numeral, heading_number, item_marker, number


@pytest.mark.parametrize(
    "n, expected",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
     (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1010, "一千零一十")],
)
def test_chinese_numerals_count_as_official_documents_do(n: int, expected: str) -> None:
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_numbers_outside_the_counting_range_are_refused(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)


def test_heading_markers_per_level_are_full_width_and_dotted() -> None:
    assert [heading_number(level, 12) for level in (1, 2, 3, 4)] == ["十二、", "（十二）", "12.", "（12）"]
    with pytest.raises(ValueError):
        heading_number(5, 1)


def test_item_markers() -> None:
    assert [item_marker("ordinal", n) for n in (1, 10, 11)] == ["一是", "十是", "十一是"]
    assert item_marker("dash", 3) == "——"
    assert item_marker("arabic", 3) == "3."


def test_counters_reset_under_each_parent_and_items_are_numbered() -> None:
    inline = ItemList("ordinal", [Item("甲"), Item("乙")])
    doc = Document(
        body=[
            Heading(1, "a"),
            Heading(2, "a.1", runin=Paragraph("", inline)),
            Heading(2, "a.2"),
            Heading(3, "a.2.1"),
            Heading(4, "a.2.1.1"),
            Heading(3, "a.2.2"),
            Heading(1, "b"),
            Heading(2, "b.1"),
            Heading(3, "b.1.1"),
            ItemList("arabic", [Item("x"), Item("y")]),
        ]
    )
    number(doc)
    assert [h.number for h in doc.headings()] == ["一、", "（一）", "（二）", "1.", "（1）", "2.", "二、", "（一）", "1."]
    assert [i.marker for i in inline.items] == ["一是", "二是"]
    assert [i.marker for i in doc.body[-1].items] == ["1.", "2."]


def test_inserting_a_section_renumbers_the_ones_after_it() -> None:
    doc = Document(body=[Heading(1, t) for t in "abc"])
    number(doc)
    doc.body.insert(1, Heading(1, "new"))
    number(doc)
    assert [h.number for h in doc.headings()] == ["一、", "二、", "三、", "四、"]


def test_a_label_names_only_the_levels_open_above_it() -> None:
    """一、A（一）B 二、C then a level-3 heading straight under 二、: its label is 二、1., not 二、（一）1."""
    doc = number(Document(title=["t"], body=[Heading(1, "A"), Heading(2, "B"), Heading(1, "C"), Heading(3, "D")]))
    assert [h.label for h in doc.headings()] == ["一、", "一、（一）", "二、", "二、1."]
