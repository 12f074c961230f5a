"""Importing reports that are not seeds, one small report per pattern: the sheet each becomes
(its parts, sections, items and meta) and the warnings the clerk reads. The reading itself
(the reader's model) is compared in tests/readers/test_structure.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.preview import outline
from drafter.errors import Problem
from drafter.importer import to_sheet
from drafter.readers.report import read_report
from drafter.sheet import Sheet

from .conftest import HERE

REPORTS = HERE / "reports"


def imported(name: str) -> tuple[Sheet, list[Problem]]:
    path = REPORTS / name
    return to_sheet(read_report(path), str(path))


def heading_tree(name: str) -> list[str]:
    return outline(REPORTS / name)[0]


def messages(warnings: list[Problem]) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in warnings]


def test_standard_report_front_matter_parts_and_signature() -> None:
    sheet, warnings = imported("standard.txt")
    meta = sheet.meta
    assert (meta.region, meta.year, meta.title, meta.addressee) == ("示范县", 2024, None, "示范市人民政府")
    assert (meta.issuer, str(meta.date)) == ("示范县人民政府", "2025-03-20")
    assert [p.kind for p in sheet.parts] == ["achievements", "shortcomings", "plans"]
    assert [p.title for p in sheet.parts] == [None, None, None]  # the standard titles of that year
    first = sheet.parts[0].sections[0]
    assert (first.title, first.text) == ("深入学习贯彻习近平法治思想", ["县政府常务会议会前学法12次。"])
    problems = sheet.parts[1]
    assert [i.text for i in problems.items] == ["依法行政能力有待提升。", "执法队伍力量不足。"]
    assert problems.items_inline is False and warnings == []


def test_arabic_numbers_running_straight_through_a_part_are_kept_as_a_habit() -> None:
    assert heading_tree("straight-through.txt")[1:7] == [
        "　（一）健全制度体系", "　　1.完善决策程序", "　　2.加强合法性审查",
        "　（二）规范行政执法", "　　3.推行三项制度", "　　4.开展案卷评查",
    ]
    sheet, warnings = imported("straight-through.txt")
    assert sheet.meta.numbering is not None and sheet.meta.numbering.level3_straight
    assert messages(warnings) == [(None, "原文三级标题 1. 2. 在整个一级部分内连续编号（标准写法是在每个（一）下从1编号），"
                                         "成稿照原文编号（meta.numbering.level3_straight；删去即按标准编号）")]


def test_heading_on_its_own_line_versus_run_in() -> None:
    sheet, _ = imported("own-line-and-runin.txt")
    own, runin, bare = sheet.parts[0].sections
    assert (own.title, own.run_in, own.text) == ("健全依法行政制度体系，加快推进政府治理规范化", False,
                                                 ["持续强化合法性审查工作，审查议题300余件。"])
    assert (runin.title, runin.run_in, runin.text) == ("严格规范行政执法", None, ["全面推行行政执法“三项制度”。"])
    assert (bare.title, bare.text) == ("加强行政复议工作。", [])


def test_a_report_opening_with_the_first_responsibility_part() -> None:
    sheet, _ = imported("responsibility-first.txt")
    assert [p.kind for p in sheet.parts] == ["responsibility", "achievements", "shortcomings", "plans"]
    assert sheet.parts[0].title is None  # the standard wording: the template writes it
    assert sheet.parts[1].title == "主要工作举措和成效"


def test_department_report_to_several_bodies() -> None:
    sheet, _ = imported("department.txt")
    meta = sheet.meta
    assert meta.addressee == "县委、县人大常委会、县人民政府"
    assert (meta.issuer, str(meta.date)) == ("县司法局", "2025-02-28")
    assert meta.title == ["县司法局2024年法治政府建设情况报告"]


def test_half_width_and_variant_markers_nest_to_four_levels() -> None:
    assert heading_tree("halfwidth-markers.txt")[:7] == [
        "一、主要举措  〔主要举措和成效〕", "　（一）健全制度", "　　1.完善程序",
        "　　　（1）会前学法", "　　　（2）会后评估", "　　2.落实审查", "　（二）规范执法",
    ]


def test_dash_led_items_with_lead_sentences() -> None:
    sheet, _ = imported("dash-items.txt")
    part = sheet.parts[0]
    assert part.items_style == "dash" and part.kind == "other"
    assert [(i.lead, i.text) for i in part.items] == [
        ("强化政治引领", "将学习宣传贯彻习近平法治思想作为重大政治任务。"), ("强化工作引领", "出台任务清单290项。"),
    ]
    assert part.title == "聚焦加强党的领导，不断健全组织机制体系。"


def test_ordinal_items_inside_paragraphs() -> None:
    sheet, _ = imported("inline-ordinal.txt")
    basis = sheet.parts[0].sections[0]
    assert basis.items_inline and basis.text == []
    assert [(i.lead, i.text) for i in basis.items] == [
        ("加强党的领导", "将法治政府建设纳入考核。"), ("明确工作目标任务", "召开委员会会议2次。")
    ]
    problems = sheet.parts[1]
    assert problems.text == ["虽然工作取得一定成绩，但还存在一些不足，主要表现在："]
    assert problems.items_inline and [i.text for i in problems.items][1:] == ["能力不足。", "监督不够。"]
    plans = sheet.parts[2]
    assert plans.items_inline and plans.text == [] and len(plans.items) == 3


def test_gaps_and_repeats_in_the_source_numbering_are_reported() -> None:
    _, warnings = imported("numbering-faults.txt")
    assert messages(warnings) == [
        (5, "序号“（二）”处应为“（三）”（与上一个序号重复），已重新编号"),
        (6, "序号“三、”处应为“二、”（跳号），已重新编号"),
        (8, "序号“（三）”处应为“（二）”（跳号），已重新编号"),
    ]


def test_signed_article_with_byline_and_editor_lines() -> None:
    sheet, _ = imported("byline-article.txt")
    meta = sheet.meta
    assert meta.title == ["开原市：以法治护航高质量发展"] and meta.byline == "开原市市长 赵建伟"
    assert meta.closing == ["编辑：沙兴淼", "校对：刘清", "审核：杜洪宇"]
    last = sheet.parts[1].sections[0]
    assert last.items_inline and last.after == ["法治兴则民族兴，法治强则国家强。"]


def test_a_number_used_at_the_wrong_level_is_normalised_and_reported() -> None:
    assert heading_tree("level-skip.txt")[1:3] == ["　（一）完善制度", "　（二）规范执法"]
    _, warnings = imported("level-skip.txt")
    assert messages(warnings)[0] == (3, "第2级标题用了“1.”，已按规范改用“（一）”一类的序号")


def test_text_without_headings_becomes_one_part_to_split_by_hand() -> None:
    sheet, warnings = imported("no-headings.txt")
    assert sheet.parts[0].title == "（请填写标题）" and len(sheet.parts[0].text) == 3
    assert "没有识别出“一、”等标题，全文已放入一个部分，请按原文分出各部分" in [w.message for w in warnings]


def test_traditional_web_copy_is_cleaned_converted_and_reported() -> None:
    sheet, warnings = imported("traditional-noisy.txt")
    assert sheet.meta.addressee == "自治区人民政府" and str(sheet.meta.date) == "2020-12-29"
    assert sheet.intro == ["2020年，我州坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治政府建设。"]
    section = sheet.parts[0].sections[0]
    assert section.text == ["严格落实党政主要负责人履行推进法治建设第一责任人职责、将法治政府建设纳入总体规划。"]
    reported = [w.message.split("：")[0] for w in warnings]
    assert sheet.meta.script in ("traditional", "hk", "tw")
    for label in ("原文为繁体字", "删去行首的“?”“□”或空白",
                  "删去汉字后的拼音注音，如“習(xí)”", "半角标点改为全角，如“,”改为“，”", "删去重复或多余的标点，如“,,”“，、”"):
        assert any(r.startswith(label.split("：")[0]) for r in reported), label


def test_keep_script_keeps_traditional() -> None:
    path = REPORTS / "traditional-noisy.txt"
    sheet, _ = to_sheet(read_report(path, keep_script=True), str(path))
    assert sheet.parts[0].sections[0].title == "提高政治站位" and sheet.intro[0].startswith("2020年，我州堅持以習近平")


def test_tab_separated_rows_become_a_table_with_its_caption() -> None:
    sheet, warnings = imported("table.txt")
    table = sheet.parts[0].table
    assert (table.caption, table.columns, table.rows) == ("主要数据", ["项目", "数量"], [["行政复议", "35件"], ["案卷评查", "120卷"]])
    assert warnings == []


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_every_imported_report_builds(name: str, tmp_path: Path) -> None:
    from drafter.pipeline import pack_for
    from drafter.render import render
    from drafter.writers.docx import write_docx

    sheet, _ = imported(name)
    assert write_docx(render(sheet, pack_for(sheet)))[:2] == b"PK"
