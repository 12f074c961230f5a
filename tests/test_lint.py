"""The reviewer: each rule fires on a crafted sheet, and stays silent on the seeds' sound text."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.review import review
from drafter.lint import Passage, figures, placeholders, repeated_words

from .conftest import EXAMPLES, ROOT, SHEETS


def findings(path: Path) -> list[tuple[str, int | None, str | None, str]]:
    return [(f.rule, f.line, f.section, f.message) for f in review(path).findings]


def test_every_rule_fires_on_the_crafted_sheet() -> None:
    found = findings(SHEETS / "review-faults.yaml")
    assert found == [
        ("typo", 6, None, "“法治政治建设”应为“法治政府建设”"),
        ("outdated", 6, None,
         "“学习贯彻党的十九大”：党的二十大（2022年10月）以后，“十九大”“十九届”不再是现行提法，应为党的二十大、二十届历次全会精神"),
        ("repeated", 11, "一、（一）", "“程序程序”疑似多打了字，请核对"),
        ("repeated", 11, "一、（一）", "“前前置”疑似多打了字，请核对"),
        ("rate-over-100", 13, "一、（二）", "“办结率达到120%”：比率不会超过100%"),
        ("yoy-direction", 15, "一、（三）", "“由40件增加到50件，同比下降25%”：由40到50，不应说“同比下降”"),
        ("yoy-size", 17, "一、（四）", "“由50件下降到40件，同比下降25%”：按两数计算应为20.0%"),
        ("half-width", 19, "一、（五）", "中文里用了半角标点“,”，应为全角"),
        ("doubled-punctuation", 19, "一、（五）", "标点“，，”重复或多余"),
        ("outdated", 19, "一、（五）", "“推进“七五”普法”：2021年起为“八五”普法（2021—2025年）"),
        ("unbalanced", 21, "一、（六）", "双引号不成对（左1个、右0个）"),
        ("typed-number", 22, "一、（七）", "开头手写了序号“一是”：序号由程序编排，请删去并改用 items 或 sections"),
        ("placeholder", 23, "一、（七）", "还有未填写的内容“（请填写……）”"),
        ("typed-number", 25, "二、", "开头手写了序号“一是”：序号由程序编排，请删去并改用 items 或 sections"),
        ("required-part", None, None, "缺少督察工作规定要求的“第一责任人履职情况”部分"),
        ("required-part", None, None, "缺少督察工作规定要求的“不足和原因”部分"),
        ("date", None, None, "成文日期2025年6月30日不在2025年第一季度（报告应于次年第一季度形成并公开）"),
    ]


SEED_SHEETS = EXAMPLES / "seeds"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_dceb19339a0cdf5f.yaml", [("repeated", "一、（五）", "“程序程序”疑似多打了字，请核对"),
                                       ("repeated", "一、（五）", "“前前置”疑似多打了字，请核对"),
                                       ("typo", "一、（九）", "“行政权利运行”应为“行政权力运行”")]),
        ("001_c28d2c4aaddfd144.yaml", [("typo", None, "“法治政治建设”应为“法治政府建设”"),
                                       ("typo", "三、", "“双随机一公开”应为“双随机、一公开”")]),
        ("002_e14bf61c85165b7f.yaml", []),
        ("003_557c678a048b8603.yaml", [("unbalanced", None, "双引号不成对（左3个、右4个）")]),
        ("004_31e9b28047362aa7.yaml", []),
    ],
)
def test_seed_sheets_yield_only_their_real_defects(name: str, expected: list) -> None:
    text_findings = [(f.rule, f.section, f.message) for f in review(SEED_SHEETS / name).findings
                     if f.rule not in ("required-part", "date")]
    assert text_findings == expected


def test_web_noise_in_a_published_report_is_found_line_by_line() -> None:
    seed = ROOT / "seeds" / "003_557c678a048b8603.txt"
    doubled = [f for f in review(seed).findings if f.rule == "doubled-punctuation"]
    assert doubled[0].line == 2 and doubled[0].message == "标点“,,”“,。”“,、”重复或多余（共12处）"


@pytest.mark.parametrize("text", ["学习习近平法治思想", "进行行政执法检查", "召开常委会会议", "全市市场主体",
                                  "人人参与、层层落实", "村村通、户户通", "方方面面"])
def test_ordinary_text_is_not_taken_for_repetition(text: str) -> None:
    assert list(repeated_words(Passage(text))) == []


@pytest.mark.parametrize(
    "text, rules",
    [
        ("覆盖率达到100%。", []),
        ("经济增长率为150%。", []),
        ("案件由20件增加到25件，同比增长25%。", []),
        ("满意率由90%提高到95%，同比提高5个百分点。", []),
        ("满意率由90%提高到95%，同比提高3个百分点。", ["yoy-size"]),
        ("收案由100件减少到100件，同比增长0%。", ["yoy-direction"]),
    ],
)
def test_figures(text: str, rules: list[str]) -> None:
    assert [f.rule for f in figures(Passage(text))] == rules


def test_every_mark_the_build_counts_as_unfinished_is_an_error_in_check() -> None:
    """build exits 1 for any 【待……】 (text.UNFINISHED); check names each one, rollover's own and others."""
    passage = Passage("【待填写】本年度【待补充】（请填写数字）【待补充】", 3, "一、", "parts")
    found = [(f.rule, f.severity, f.quote) for f in placeholders(passage)]
    assert found == [("placeholder", "error", "（请填写"), ("rollover", "error", "【待填写】"),
                     ("placeholder", "error", "【待补充】")]
