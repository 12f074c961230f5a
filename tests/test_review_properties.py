"""The reviewer never fails on any text: every rule returns findings (or none), whatever it reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.lint import Passage, TableData, review_passages, review_tables

# The characters the rules react to: digits, units, 同比 words, dates, doubled characters, punctuation.
ALPHABET = list("0123456789.%％年月日〇零二十件人次户上年同比较增长下降减少提高个百分点倍由从到至其中共占率"
                "合计对口市场程序依法权利运行截止法制、，。；：（）“”《》—-　 \t")

pytestmark = pytest.mark.properties


@given(st.text(alphabet=ALPHABET, max_size=120), st.integers(min_value=1990, max_value=2100))
def test_text_rules_never_fail(text: str, year: int) -> None:
    for finding in review_passages([Passage(text, 1)], year, in_sheet=True):
        assert finding.message and finding.severity in ("error", "warning")
        assert finding.quote is None or finding.quote in text or finding.rule == "numbering"


@given(st.lists(st.lists(st.text(alphabet=ALPHABET, max_size=8), max_size=4), min_size=1, max_size=6),
       st.text(alphabet=ALPHABET, max_size=60))
def test_table_rules_never_fail(rows: list[list[str]], text: str) -> None:
    review_tables([TableData(rows[0], rows[1:])], [Passage(text)])


SENTENCES = st.lists(st.sampled_from(["全县推进依法行政。", "办理案件120件。", "同比增长5%。", "加强执法监督；",
                                      "完善制度", "二是", "法治政府建设取得成效。", "！", " ", "\t", "（一）"]), min_size=1, max_size=5)


@given(st.lists(SENTENCES.map("".join), max_size=6), st.lists(SENTENCES.map("".join), max_size=6))
def test_tracked_changes_accept_to_this_year_and_reject_to_last(old: list[str], new: list[str]) -> None:
    from drafter.compare import paragraph_changes

    changes = paragraph_changes(old, new)
    accepted = ["".join(t for k, t in segments if k != "del") for mark, segments in changes if mark != "del"]
    rejected = ["".join(t for k, t in segments if k != "ins") for mark, segments in changes if mark != "ins"]
    assert accepted == new and rejected == old
