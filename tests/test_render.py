"""Rendering through template packs: words and order from templates, safety from the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import TemplateError
from drafter.markup import parse_markup
from drafter.model import Heading, ItemList, Paragraph, Table
from drafter.readers.sheet import read_sheet
from drafter.pipeline import pack_for
from drafter.templating import resolve_pack
from drafter.render import render
from drafter.writers.text import write_text

from .conftest import EXAMPLES, SHEETS, TEMPLATES


def template_error(template: str | Path, sheet: Path = EXAMPLES / "minimal.yaml") -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render(read_sheet(sheet), resolve_pack(template))
    return caught.value


def test_default_titles_follow_the_required_parts_and_the_year() -> None:
    doc = render(sheet := read_sheet(EXAMPLES / "minimal.yaml"), pack_for(sheet))
    assert doc.title == ["示例县2024年法治政府建设情况报告"]
    assert [(h.number + h.text, h.kind) for h in doc.headings()] == [
        ("一、2024年度推进法治政府建设的主要举措和成效", "achievements"),
        ("二、2025年度推进法治政府建设的主要安排", "plans"),
    ]


def test_the_model_carries_every_sheet_feature() -> None:
    doc = render(sheet := read_sheet(SHEETS / "twelve-sections.yaml"), pack_for(sheet))
    assert doc.addressee == "测试市人民政府："
    assert (doc.issuer, doc.date, doc.closing) == ("测试县人民政府", "2025年3月15日", ["审核人：张三"])
    headings = doc.headings()
    assert [h.number for h in headings if h.level == 1][-3:] == ["十、", "十一、", "十二、"]
    assert [h.number for h in headings if h.level == 2][-3:] == ["（十）", "（十一）", "（十二）"]
    twelfth = next(h for h in headings if h.text == "第12节")
    assert twelfth.runin is None  # run_in: false puts the body in its own paragraph
    deep = [(h.level, h.number, h.text) for h in headings if h.level >= 3]
    assert deep == [(3, "1.", "三级甲"), (4, "（1）", "四级甲"), (4, "（2）", "四级乙"), (3, "2.", "三级乙")]
    inline = next(h for h in headings if h.text == "三级乙").runin
    assert inline is not None and inline.text == "" and [i.marker for i in inline.items.items] == ["一是", "二是"]
    dash = next(b for b in doc.body if isinstance(b, ItemList) and b.style == "dash")
    assert [(i.marker, i.lead) for i in dash.items] == [("——", "强化政治引领"), ("——", "强化工作引领")]
    assert isinstance(doc.body[-1], Paragraph) and doc.body[-1].text == "结尾段落。"


def test_text_of_run_in_headings_and_items_reads_as_an_official_document() -> None:
    text = write_text(render(sheet := read_sheet(SHEETS / "twelve-sections.yaml"), pack_for(sheet)))
    assert "（一）第1节。正文1\n" in text
    assert "（十二）第12节\n单独成段的正文。\n" in text
    assert "2.三级乙。一是条目一。二是条目二。\n" in text
    assert "——强化政治引领。带头学法。\n" in text
    assert "1.安排一。\n2.安排二。\n" in text


def test_table_reaches_the_model() -> None:
    doc = render(sheet := read_sheet(EXAMPLES / "boleshi-2023.yaml"), pack_for(sheet))
    [table] = [b for b in doc.body if isinstance(b, Table)]
    assert table.header == ["项目", "数量"] and table.rows[0] == ["各类法治培训班", "80期"]


def test_a_locality_pack_overrides_only_what_differs() -> None:
    sheet = read_sheet(SHEETS / "twelve-sections.yaml")
    standard, local = write_text(render(sheet, pack_for(sheet))), write_text(render(sheet, resolve_pack(EXAMPLES / "locality")))
    assert local.splitlines()[:2] == ["测试县人民政府", "关于2024年度法治政府建设情况的报告"]
    assert "四、2025年重点工作安排" in local and "四、2025年度推进法治政府建设的主要安排" in standard
    changed = [
        (a, b) for a, b in zip(standard.splitlines()[1:], local.splitlines()[2:]) if a != b
    ]
    assert changed == [("四、2025年度推进法治政府建设的主要安排", "四、2025年重点工作安排")]


@pytest.mark.parametrize(
    "pack, line, message",
    [
        ("undefined-variable", 3, "模板用到的“population”不存在"),
        ("syntax-error", 3, "模板语法错误：缺少结束标记"),
        ("none-value", 1, "模板输出的值在事实表中没有填写"),
    ],
)
def test_template_faults_name_the_template_file_and_line(pack: str, line: int, message: str) -> None:
    [problem] = template_error(TEMPLATES / pack).problems
    assert str(problem.file).endswith(f"{pack}/report.j2")
    assert problem.line == line
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    "pack, message",
    [
        ("attr-class", "模板试图访问“__class__”，这是不允许的操作，已阻止"),
        ("attr-globals", "模板试图访问“__init__”，这是不允许的操作，已阻止"),
        ("model-method", "模板用到的“model_dump”不存在：请检查拼写，或在事实表中补上"),
        ("file-read", "模板引用的“/etc/passwd”不存在（只能引用模板文件夹中的文件）"),
        ("import-module", "模板引用的“os”不存在（只能引用模板文件夹中的文件）"),
    ],
)
def test_the_sandbox_stops_hostile_templates(pack: str, message: str) -> None:
    assert template_error(TEMPLATES / pack).problems[0].message == message


def test_a_link_out_of_the_pack_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "report.j2").write_text('::title 标题\n{% include "leak.j2" %}\n', encoding="utf-8")
    (pack / "leak.j2").symlink_to(secret)
    assert "“leak.j2”不存在" in template_error(pack).problems[0].message


def test_an_unknown_template_lists_the_real_ones() -> None:
    message = template_error("nosuchpack").problems[0].message
    assert message == "找不到模板“nosuchpack”（需要一个含 report.j2 的文件夹）；内置模板有：article、standard、summary"


@pytest.mark.parametrize(
    "markup, message",
    [
        ("::h3 跳级", "模板输出第1行：3级标题不能作为第一个标题（标题须逐级递进，最多四级）"),
        ("::h1 a\n::h3 b", "模板输出第2行：3级标题不能跟在1级标题之后（标题须逐级递进，最多四级）"),
        ("::nosuch x", "模板输出第1行：未知指令“::nosuch”"),
        ("::item x", "模板输出第1行：“::item”前面缺少“::items”或“::inline”"),
        ("::inline ordinal", "模板输出第1行：“::inline”前面没有可以接续的段落"),
        ("::items roman", "模板输出第1行：条目样式“roman”应为 ordinal、dash、arabic 之一"),
        ("::runin x", "模板输出第1行：“::runin”须紧跟标题"),
        ("::h2 a", "模板输出第1行：2级标题不能作为第一个标题（标题须逐级递进，最多四级）"),
        ("::h1 a\n::kind plan", "模板输出第2行：“::kind plan”须紧跟一级标题，且为 achievements、responsibility、shortcomings、plans、other 之一"),
        ("::cell x", "模板输出第1行：“::cell”前面缺少“::columns”或“::row”"),
        ("::issuer a\n::issuer b", "模板输出第2行：“::issuer”只能出现一次"),
        ("::items dash\n::lead 悬空", "模板输出第2行：“::lead”之后缺少“::item”"),
    ],
)
def test_malformed_template_output_is_reported(markup: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_markup(markup, "t")
    assert caught.value.problems[0].message == message


def test_markup_reader_builds_each_block() -> None:
    doc = parse_markup(
        "::title 甲\n::title 乙\n::byline 署名\n::addressee 主送：\n导语\n::h1 一级\n::kind plans\n"
        "::h2 二级\n::runin 正文\n::inline ordinal\n::item 条\n::table 表\n::columns\n::cell 列\n::row\n::cell 值\n"
        "::issuer 机关\n::date 2025年1月2日\n::closing 审核人：某\n"
    )
    assert doc.title == ["甲", "乙"] and doc.byline == "署名" and doc.addressee == "主送："
    assert isinstance(doc.body[0], Paragraph) and doc.body[0].text == "导语"
    h1, h2, table = doc.body[1:]
    assert isinstance(h1, Heading) and h1.kind == "plans"
    assert isinstance(h2, Heading) and h2.runin is not None and h2.runin.items.items[0].text == "条"
    assert isinstance(table, Table) and (table.caption, table.header, table.rows) == ("表", ["列"], [["值"]])
    assert (doc.issuer, doc.date, doc.closing) == ("机关", "2025年1月2日", ["审核人：某"])


@pytest.mark.parametrize(
    "pack, title, plans",
    [("standard", "测试县2024年法治政府建设情况报告", "四、2025年度推进法治政府建设的主要安排"),
     ("summary", "测试县2024年度法治政府建设工作报告", "四、2025年工作计划"),
     ("article", "测试县法治政府建设工作综述", "四、下一步打算")],
)
def test_each_builtin_pack_words_the_same_sheet_its_own_way(pack: str, title: str, plans: str) -> None:
    doc = render(read_sheet(SHEETS / "canonical.yaml"), resolve_pack(pack))
    assert doc.title == [title]
    assert plans in [h.number + h.text for h in doc.headings()]


def test_packs_describe_themselves_and_what_they_require() -> None:
    from drafter.templating import describe_packs, pack_info, resolve_pack

    assert [name for name, _ in describe_packs()] == ["standard", "article", "summary"]
    assert all(description for _, description in describe_packs())
    assert pack_info(resolve_pack("article"))["required_parts"] == []
    assert pack_info(resolve_pack(str(EXAMPLES / "locality")))["required_parts"] == [
        "achievements", "responsibility", "shortcomings", "plans"]  # a locality inherits the standard's


def test_a_sheet_names_its_own_local_pack(tmp_path: Path) -> None:
    from drafter.pipeline import draft

    doc = draft(EXAMPLES / "locality-2024.yaml").document
    assert doc.title == ["示范市人民政府", "关于2024年度法治政府建设情况的报告"]
    assert "直接纠错率12.6%，同比提高2.5个百分点。" in write_text(doc)
