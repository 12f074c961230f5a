"""Reading fact sheets: every fault is reported, with its line and field, all at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.errors import Problem, SheetError
from drafter.readers.sheet import read_sheet

from ..conftest import EXAMPLES, SHEETS


def problems(name: str) -> list[Problem]:
    with pytest.raises(SheetError) as caught:
        read_sheet(SHEETS / name)
    return caught.value.problems


def places(name: str) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.field) for p in problems(name)]


@pytest.mark.parametrize("example", sorted(EXAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_example_is_valid(example: Path) -> None:
    assert read_sheet(example).parts


def test_syntax_error_points_at_where_the_quote_opened() -> None:
    [problem] = problems("bad-syntax.yaml")
    assert (problem.line, problem.message) == (6, "YAML 格式错误：引号没有闭合")


def test_missing_field_is_reported_at_its_parent() -> None:
    assert places("bad-missing-year.yaml") == [(2, "meta.year")]


def test_wrong_types_are_all_reported() -> None:
    found = problems("bad-wrong-type.yaml")
    assert [(p.line, p.field, p.message) for p in found] == [
        (3, "meta.year", "应为整数"),
        (6, "parts[1].items_inline", "应为 true 或 false"),
    ]


def test_misspelt_keys_suggest_the_right_one_without_a_second_missing_error() -> None:
    found = problems("bad-misspelt-key.yaml")
    assert [(p.line, p.message) for p in found] == [
        (4, "未知字段“adressee”，是否想写“addressee”？"),
        (8, "未知字段“titel”，是否想写“title”？"),
    ]


def test_several_errors_come_together_in_sheet_order() -> None:
    found = problems("bad-several.yaml")
    assert [(p.line, p.field) for p in found] == [
        (3, "meta.year"),
        (4, "meta.date"),
        (6, "parts[1].kind"),
        (10, "parts[2].sections[1].title"),
    ]
    assert found[1].message == "“2024-02-30”不是有效日期"
    assert found[2].message.startswith("应为以下之一：achievements、responsibility")


def test_a_fifth_heading_level_is_refused() -> None:
    [problem] = problems("bad-too-deep.yaml")
    assert problem.line == 13
    assert "超过四级" in problem.message


def test_control_characters_are_refused_with_their_code() -> None:
    [problem] = problems("bad-control-char.yaml")
    assert (problem.line, problem.field) == (4, "intro")
    assert "U+0007" in problem.message


def test_text_cannot_pose_as_a_template_directive() -> None:
    assert places("bad-directive-text.yaml") == [(4, "intro")]


def test_duplicate_keys_are_errors_not_silent_overwrites() -> None:
    [problem] = problems("bad-duplicate-key.yaml")
    assert (problem.line, problem.message) == (7, "字段“text”重复（第6行已有），后者会覆盖前者")


def test_table_rows_must_match_the_header() -> None:
    [problem] = problems("bad-table.yaml")
    assert problem.message == "第2行有1格，表头有2列"


@pytest.mark.parametrize(
    "name, message",
    [("bad-empty.yaml", "事实表是空的"), ("bad-not-mapping.yaml", "事实表应由 meta、intro、parts 等字段组成")],
)
def test_empty_or_shapeless_sheets(name: str, message: str) -> None:
    [problem] = problems(name)
    assert problem.message.startswith(message)


def test_yaml_1_1_surprises_do_not_change_the_text() -> None:
    sheet = read_sheet(SHEETS / "yaml-1-1-scalars.yaml")
    assert sheet.meta.region == "NO"
    assert sheet.intro == ["12:30"]
    assert sheet.parts[0].text == ["yes"]
    assert sheet.meta.date == dt.date(2024, 3, 5)


def test_gb18030_files_from_chinese_windows_are_read() -> None:
    assert read_sheet(SHEETS / "gb18030-encoded.yaml").intro[0].startswith("这份事实表用 GB18030 编码")


def test_paragraphs_split_on_blank_lines_and_wrapped_lines_join(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        "meta: {region: 县, year: 2023, addressee: 市政府：}\n"
        "intro: |\n  第一段第一行\n  接着写。\n\n  第二段 English\n  words.\n"
        "parts: [{kind: plans, items: [甲, {lead: 乙, text: 丙}]}]\n",
        encoding="utf-8",
    )
    loaded = read_sheet(sheet)
    assert loaded.intro == ["第一段第一行接着写。", "第二段 English words."]
    assert loaded.meta.addressee == "市政府"
    assert [(i.lead, i.text) for i in loaded.parts[0].items] == [(None, "甲"), ("乙", "丙")]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("a: b: c\n", 1, "这里不能出现“: ”（冒号后有空格的文字请整段加引号）"),
        ("a:\n\t- x\n", 2, "不能用 Tab 键缩进，请改用空格"),
        ("a: [1, 2\n", 1, "方括号或花括号没有配对"),
        ("- a\nb: c\n", 2, "列表项的缩进不一致"),
        ("a:\n  - b\n c: d\n", 3, "缩进不一致，或列表项缺少“- ”"),
        ("a: &x 1\nb: *y\n", 2, "用了未定义的别名（*名称 前面没有对应的 &名称）"),
        ("a: !!foo 1\n", 1, "不允许的 YAML 标签（事实表里只能写文字、数字、列表和“名称: 内容”）"),
    ],
)
def test_yaml_slips_are_explained_in_chinese_at_their_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        read_sheet(sheet)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (line, f"YAML 格式错误：{message}")
