"""A formal copy (版头 and 版记, GB/T 9704-2012 7.2 and 7.4) imports to a sheet that builds it again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from drafter.build import build
from drafter.cli import run
from drafter.importer import import_report
from drafter.readers.formal import split_formal
from drafter.readers.sheet import read_sheet

from .conftest import EXAMPLES

HERE = Path(__file__).parent / "imports"


def test_drafters_own_formal_copy_comes_back_whole(tmp_path: Path) -> None:
    original = build(EXAMPLES / "boleshi-2023-formal.yaml", tmp_path / "formal.docx").target
    sheet, _ = import_report(original, tmp_path / "back.yaml")
    meta = read_sheet(sheet).meta
    assert (meta.form, meta.masthead, meta.doc_number, meta.signers) == ("formal", "博乐市人民政府文件",
                                                                          "博政发〔2024〕12号", ["李明"])
    assert meta.copies_to == ["自治州司法局", "市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert (meta.printed_by, meta.printed_on) == ("博乐市人民政府办公室", dt.date(2024, 3, 21))
    rebuilt = build(sheet, tmp_path / "again.docx").target
    assert [p.text for p in docx.Document(str(rebuilt)).paragraphs] == \
        [p.text for p in docx.Document(str(original)).paragraphs]


def test_a_formal_report_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(HERE / "formal-report.txt"), "-o", str(tmp_path / "s.yaml")]) == 0
    out = capsys.readouterr().out
    assert "版头：临川县人民政府文件" in out and "版记：临川县人民政府办公室\u3000\u30002024年3月4日印发" in out
    sheet = read_sheet(tmp_path / "s.yaml")
    meta = sheet.meta
    assert (meta.urgency, meta.masthead, meta.doc_number, meta.signers) == ("特急", "临川县人民政府文件",
                                                                             "临政发〔2024〕3号", [])
    assert meta.copies_to == ["市司法局", "县委办公室", "县人大常委会办公室", "县政协办公室"]
    assert (meta.printed_by, meta.printed_on) == ("临川县人民政府办公室", dt.date(2024, 3, 4))
    assert meta.title == ["临川县人民政府", "关于2023年法治政府建设情况的报告"]
    assert (meta.issuer, meta.date, meta.closing) == ("临川县人民政府", dt.date(2024, 3, 1), [])
    assert [part.kind for part in sheet.parts] == ["achievements", "shortcomings", "plans"]


def test_a_number_the_standard_refuses_is_told_not_kept(tmp_path: Path) -> None:
    text = (HERE / "formal-report.txt").read_text(encoding="utf-8").replace("临政发〔2024〕3号", "临政发〔2024〕第3号")
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    sheet, warnings = import_report(report, tmp_path / "s.yaml")
    assert read_sheet(sheet).meta.doc_number is None
    assert any("原文的发文字号“临政发〔2024〕第3号”未写入事实表：发文字号的序号不加“第”字" in w.message for w in warnings)


@pytest.mark.parametrize("lines", [
    ["博乐市2023年法治政府建设情况报告", "", "博尔塔拉蒙古自治州人民政府：", "正文。"],
    ["关于2023年法治政府建设情况的报告", "（2024年3月20日）", "正文。"],
    ["博乐市人民政府文件", "博乐市2023年法治政府建设情况报告", "正文。"],  # a mark without a number: not a 版头
])
def test_reports_without_a_masthead_are_left_alone(lines: list[str]) -> None:
    assert split_formal(lines) is None
