"""Dates in the text (GB/T 9704-2012 7.3.5.2) and the report date against its year and deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.lint import Passage, dates, review_structure

PARTS = ["achievements", "responsibility", "shortcomings", "plans"]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("2023年04月05日印发实施方案。", "date-padding"),
        ("于2023年4月05日召开会议。", "date-padding"),
        ("2023年09月起施行。", "date-padding"),
        ("2〇23年4月5日召开会议。", "date-mixed"),
        ("二〇二三年4月5日召开会议。", "date-mixed"),
        ("2O23年4月5日", None),  # a letter O is not a figure: no date at all, nothing said
        ("2023年2月30日召开会议。", "date-impossible"),
        ("2023年13月完成。", "date-impossible"),
        ("2023年4月0日", "date-impossible"),
        ("2023年4月5日召开会议。", None),
        ("二〇二三年十二月二十日", None),
        ("2024年2月29日", None),
        ("2023年1—6月共办理案件。", None),
        ("截至2023年10月底。", None),
    ],
)
def test_dates_in_the_text(text: str, rule: str | None) -> None:
    assert [f.rule for f in dates(Passage(text))] == ([rule] if rule else [])


def test_padding_names_the_right_form() -> None:
    found = list(dates(Passage("2023年04月05日")))
    assert found[0].message == "“2023年04月05日”：月、日不编虚位（不补零），应为“2023年4月5日”"
    assert found[0].quote == "2023年04月05日"


@pytest.mark.parametrize(
    "date, issuer, rules",
    [
        (dt.date(2024, 3, 20), "某县人民政府", []),
        (dt.date(2024, 2, 28), "某县司法局", []),
        (dt.date(2024, 3, 20), "某县司法局", ["date-deadline"]),  # departments report by 1 March
        (dt.date(2024, 4, 8), "某县人民政府", ["date"]),  # published by 1 April: outside the first quarter
        (dt.date(2023, 12, 29), "某县人民政府", ["date"]),  # before the year it reports on has ended
        (dt.date(2025, 3, 1), "某县人民政府", ["date"]),  # a year late
        (None, "某县人民政府", ["date"]),
    ],
)
def test_report_date_against_its_year_and_deadlines(date: dt.date | None, issuer: str, rules: list[str]) -> None:
    found = review_structure(PARTS, "", PARTS, 2023, date, issuer)
    assert [f.rule for f in found] == rules
