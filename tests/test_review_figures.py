"""Figures: 同比 in its common phrasings, parts against totals, percentages against their counts, tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import Passage, TableData, figures, review_tables
from drafter.review import review


@pytest.mark.parametrize(
    "text, rules",
    [
        ("案件由20件增加到25件，同比增长25%。", []),
        ("满意率由90%提高到95%，同比提高5个百分点。", []),
        ("满意率由90%提高到95%，同比提高3个百分点。", ["yoy-size"]),
        ("行政复议案件由40件增加到50件，同比下降25%。", ["yoy-direction"]),
        ("全年办理行政复议案件312件，同比增长16.4%（上年268件）。", []),  # last year's figure after
        ("全年办理行政复议案件312件，同比下降16.4%（上年268件）。", ["yoy-direction"]),
        ("全年办理行政复议案件312件，上年268件，同比增长16.4%。", []),  # "X件，上年Y件"
        ("全年办理行政复议案件312件，上年268件，同比增长26.4%。", ["yoy-size"]),
        ("上年268件，今年312件，增长16.4%。", []),  # last year's figure before
        ("上年268件，今年312件，下降16.4%。", ["yoy-direction"]),
        ("办理行政复议案件312件，较上年的268件增长16.4%。", []),  # 较上年
        ("办理行政复议案件312件，比上年268件减少16.4%。", ["yoy-direction"]),  # 比上年
        ("办理行政复议案件312件，较上年268件增加44件。", []),  # an absolute change
        ("办理行政复议案件312件，较上年268件增加54件。", ["yoy-size"]),
        ("办理案件200件，较上年100件增长1倍。", []),
        ("办理案件5件，上年0件，同比增长100%。", ["yoy-size"]),  # nothing to grow from: 比上年增加5件
        ("全年受理案件312件，同比增长16.4%。", []),  # last year not named: nothing to check
        ("受理申请40件、办结38件，上年受理30件，同比增长33.3%。", []),  # several figures: one fits
        ("全年受理案件312件，较上年增加44件，增长16.4%。", []),  # last year's figure is 312 − 44
        ("全年受理案件312件，较上年增加44件，增长19.4%。", ["yoy-size"]),
        ("全年受理案件312件，较上年减少44件，增长16.4%。", ["yoy-direction"]),
    ],
)
def test_year_on_year(text: str, rules: list[str]) -> None:
    assert [f.rule for f in figures(Passage(text))] == rules


@pytest.mark.parametrize(
    "text, rules",
    [
        ("共清理规范性文件24件，其中继续保留20件、废止4件。", []),
        ("共清理规范性文件24件，其中继续保留20件、废止5件。", ["parts-over-total"]),
        ("共受理复议申请30件，其中受理25件（其中听证3件）、不予受理5件。", []),
        ("共开展培训12场，其中线上8场，培训干部600人次。", []),
        ("共受理120件，办结96件，办结率80%。", []),
        ("共受理120件，办结96件，办结率85%。", ["rate-mismatch"]),
        ("共受理120件，其中调解结案30件，占25%。", []),
        ("共受理120件，其中调解结案30件，占35%。", ["rate-mismatch"]),
        ("共调处各类矛盾纠纷2838件，调解成功率100%。", []),
        ("行政案件办结率达到120%。", ["rate-over-100"]),
    ],
)
def test_parts_and_rates(text: str, rules: list[str]) -> None:
    assert [f.rule for f in figures(Passage(text))] == rules


TABLE = TableData(["项目", "数量（件）", "同比"], [["行政复议", "35", "12%"], ["行政诉讼", "20", "5%"],
                                            ["合计", "55", "9%"]], "主要数据", 10, "一、")


def test_table_rows_add_up_to_their_total() -> None:
    assert review_tables([TABLE], []) == []
    wrong = TableData(TABLE.header, [["行政复议", "35", ""], ["行政诉讼", "20", ""], ["合计", "56", ""]], "主要数据", 10)
    found = review_tables([wrong], [])
    assert [(f.rule, f.line, f.message) for f in found] == [
        ("table-total", 10, "表格“主要数据”“合计”行“数量（件）”列为56，上面各行之和为55")]


def test_text_figures_agree_with_the_table() -> None:
    assert review_tables([TABLE], [Passage("全年办理行政复议35件，行政诉讼20件。", 3)]) == []
    found = review_tables([TABLE], [Passage("全年办理行政复议36件，同比增长12%。", 3)])
    assert [(f.rule, f.line, f.quote) for f in found] == [("table-text", 3, "行政复议36件")]


def test_a_sheet_table_is_checked_with_its_line(tmp_path: Path) -> None:
    sheet = tmp_path / "t.yaml"
    sheet.write_text(
        "meta: {region: 测试县, year: 2023, date: 2024-03-20}\n"
        "parts:\n"
        "  - kind: achievements\n"
        "    text: 全年办理行政复议36件。\n"
        "    table:\n"
        "      caption: 主要数据\n"
        "      columns: [项目, 数量]\n"
        "      rows: [[行政复议, '35'], [行政诉讼, '20'], [合计, '56']]\n", encoding="utf-8")
    found = [(f.rule, f.line) for f in review(sheet).findings if f.rule.startswith("table")]
    assert found == [("table-total", 5), ("table-text", 4)]


def test_a_column_is_named_in_the_text_by_its_header_word() -> None:
    table = TableData(["类别", "收案数（件）", "结案数（件）"], [["行政复议", "1286", "1204"], ["行政诉讼一审", "742", "716"]])
    assert review_tables([table], [Passage("行政复议收案1286件，结案1204件。")]) == []
    found = review_tables([table], [Passage("行政复议收案1268件，结案1204件。", 4)])
    assert [(f.rule, f.quote) for f in found] == [("table-text", "行政复议收案1268件")]
