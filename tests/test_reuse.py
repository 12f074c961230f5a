"""Reuse: figures with 同比 wording, rollover to next year's sheet."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from drafter.pipeline import draft
from drafter.cli import run
from drafter.errors import SheetError
from drafter.figures import comparison
from drafter.readers.sheet import read_sheet
from drafter.review import review
from drafter.rollover import rollover, rollover_sheet
from drafter.writers.text import write_text

from .conftest import EXAMPLES, SHEETS


def figure(value: float | None, previous: float | None, rate: bool = False, unit: str = "件") -> SimpleNamespace:
    return SimpleNamespace(value=value, previous=previous, rate=rate, unit=unit)


@pytest.mark.parametrize(
    "value, previous, rate, wording",
    [
        (5223, 4066, False, "同比增长28.5%"),  # 28.455… rounds half up to 28.5
        (35, 40, False, "同比下降12.5%"),
        (130, 100, False, "同比增长30%"),  # no ".0"
        (100.05, 100, False, "同比增长0.1%"),  # 0.05 → 0.1 (half up, not to even)
        (443, 443, False, "与上年持平"),
        (12, 0, False, "比上年增加12件"),  # no percentage of zero
        (0, 12, False, "同比下降100%"),
        (10, None, False, ""),  # last year unknown: no comparison is written
        (None, 10, False, "【待填写】"),
        (98.5, 95.5, True, "同比提高3个百分点"),
        (92.25, 95.5, True, "同比下降3.3个百分点"),
        (95.5, 95.5, True, "与上年持平"),
    ],
)
def test_year_on_year_wording(value: float | None, previous: float | None, rate: bool, wording: str) -> None:
    assert comparison(figure(value, previous, rate)) == wording


def test_figures_are_written_out_in_the_draft() -> None:
    text = write_text(draft(SHEETS / "figures.yaml").document)
    assert "全年培训5223人次，同比增长28.5%（上年4066人次）。" in text
    assert "办结率98.5%，同比提高3个百分点。" in text
    assert "换发执法证件443人，与上年持平；新建工作室12个，比上年增加12个。" in text


def test_an_undeclared_figure_is_refused_with_its_line(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta: {region: 县, year: 2024}\nparts:\n  - kind: plans\n    text: 培训{培训人数}。\n",
                     encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        read_sheet(sheet)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (4, "引用了未声明的数字“培训人数”：请在 figures 中声明，或改正名称")


def test_check_reports_an_unused_figure() -> None:
    found = [(f.rule, f.line, f.message) for f in review(SHEETS / "figures.yaml").findings if f.rule.startswith("figure")]
    assert found == [("figure-unused", 11, "数字“旧数据”已声明但正文没有引用")]


def test_rollover_moves_the_year_on_and_marks_what_needs_new_words() -> None:
    old = read_sheet(EXAMPLES / "boleshi-2023.yaml")
    new, notes = rollover_sheet(old)
    assert (new.meta.year, str(new.meta.date), new.meta.region, new.meta.issuer) == (2024, "2025-03-20", "博乐市",
                                                                                    "博乐市人民政府")
    achievements = new.parts[0]
    todo_titles = [s.title for s in achievements.sections[:3]]
    assert todo_titles == [item.lead for item in old.parts[3].items]
    assert all(s.text[0].startswith("【待填写】上年安排：") for s in achievements.sections[:3])
    assert achievements.sections[3].title == old.parts[0].sections[0].title
    assert achievements.sections[3].text[0].startswith("【待更新】")
    assert all(i.text.startswith("【待核对】") for i in new.parts[2].items)
    assert new.parts[3].title == "2025年工作计划" and new.parts[3].items == []
    assert new.parts[3].text == ["【待填写】请写明2025年度的主要安排。"]
    assert new.intro[0].startswith("【待更新】2023年以来")


def test_rollover_keeps_figures_as_last_years_values() -> None:
    new, _ = rollover_sheet(read_sheet(SHEETS / "figures.yaml"))
    assert new.figures["培训人次"].previous == 5223 and new.figures["培训人次"].value is None


@pytest.mark.parametrize("seed", sorted((EXAMPLES / "seeds").glob("*.yaml")), ids=lambda p: p.name[:3])
def test_rollover_of_each_seed_sheet_builds_and_check_lists_the_marks(seed: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target, new = rollover(seed, tmp_path / "next.yaml")
    assert new.meta.year == read_sheet(seed).meta.year + 1
    assert run(["build", str(target), "-o", str(tmp_path)]) == 1  # written, but not finished: its marks remain
    assert run(["check", str(target)]) == 1
    out = capsys.readouterr().out
    assert "还有沿用上年、标着【待更新】的内容：改写后删去该标记" in out
    if any(p.kind == "plans" for p in read_sheet(seed).parts):
        assert "还有沿用上年、标着【待填写】的内容：改写后删去该标记" in out


def test_rollover_command_names_the_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # without -o, outputs go to the current folder
    sheet = tmp_path / "博乐市2023.yaml"
    sheet.write_text((EXAMPLES / "boleshi-2023.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["rollover", str(sheet)]) == 0
    assert capsys.readouterr().out.startswith(f"已生成 2024 年的事实表：{tmp_path / '博乐市2024.yaml'}")
    assert run(["rollover", str(sheet)]) == 5
    assert "文件已存在；如确要覆盖，请加 --force" in capsys.readouterr().err


def test_previous_values_can_come_from_last_years_sheet() -> None:
    text = write_text(draft(SHEETS / "figures-next-year.yaml").document)
    assert "全年培训6000人次，同比增长14.9%；办理复议案件30件，同比下降26.8%。" in text  # 6000/5223; 30/41 as given


def test_a_missing_last_year_sheet_is_reported(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta: {region: 县, year: 2025, last_year_sheet: 无.yaml}\nparts: [{kind: plans, text: 无。}]\n",
                     encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        draft(sheet)
    assert caught.value.problems[0].message == "无法读取文件（文件或文件夹不存在）"
