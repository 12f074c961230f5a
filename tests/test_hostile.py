"""Hostile input: sheets built to hang or crash the reader, templates built to escape the sandbox.
Each is refused quickly with a Chinese message and exit 2, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from drafter.cli import run

from .conftest import EXAMPLES, SHEETS, TEMPLATES


@pytest.mark.parametrize(
    "sheet, message",
    [
        ("hostile-alias-bomb.yaml", "别名（&、*）展开后内容过多，疑似恶意构造的文件，已拒绝"),
        ("hostile-deep-nesting.yaml", "第2行：嵌套超过 64 层，不是正常的事实表"),
        ("hostile-recursive-alias.yaml", "第3行：别名（*）引用了包含它自己的内容，无法展开"),
        ("hostile-python-tag.yaml", "第1行：YAML 格式错误：不允许的 YAML 标签（事实表里只能写文字、数字、列表和“名称: 内容”）"),
    ],
)
def test_hostile_sheets_are_refused_quickly(capsys: pytest.CaptureFixture[str], sheet: str, message: str) -> None:
    start = time.perf_counter()
    code = run(["build", str(SHEETS / sheet), "-o", "/nonexistent-dir-never-written/x.docx"])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert elapsed < 10  # a correctness bound (an alias bomb would take hours), not a speed goal


def test_a_ten_megabyte_sheet_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "big.yaml"
    paragraph = "法治" * 500
    sheet.write_text("meta: {region: 县, year: 2024}\nintro:\n" + f"  - {paragraph}\n" * 10_500 +
                     "parts: [{kind: plans, text: 无。}]\n", encoding="utf-8")
    assert sheet.stat().st_size > 10 * 1024 * 1024
    code = run(["check", str(sheet)])
    assert code == 2 and "事实表超过 5 MB，不是正常的事实表" in capsys.readouterr().err


@pytest.mark.parametrize(
    "pack, message",
    [
        ("big-repeat", "模板试图生成过多内容（超过 2,000,000 个字符），这是不允许的操作，已阻止"),
        ("big-range", "模板试图生成过多内容（range 超过 10000 个数），这是不允许的操作，已阻止"),
        ("big-power", "模板试图生成过大的数，这是不允许的操作，已阻止"),
        ("subclasses", "模板试图访问“__class__”，这是不允许的操作，已阻止"),
        ("dotdot", "模板引用的“../../../../etc/passwd”不存在（只能引用模板文件夹中的文件）"),
    ],
)
def test_templates_cannot_exhaust_memory_or_climb_out(capsys: pytest.CaptureFixture[str], pack: str,
                                                      message: str) -> None:
    code = run(["build", str(EXAMPLES / "minimal.yaml"), "-t", str(TEMPLATES / pack), "-o", "/nonexistent/x.docx"])
    err = capsys.readouterr().err
    assert code == 3 and err.rstrip().endswith(f"report.j2，第1行：{message}")


def test_a_raw_control_character_is_reported_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta: {region: 县, year: 2024}\nparts:\n  - {kind: plans, text: 响铃\x07字符}\n", encoding="utf-8")
    assert run(["check", str(sheet)]) == 2
    assert capsys.readouterr().err.strip() == f"错误：{sheet}，第3行：含有不能出现在事实表中的控制字符 U+0007，请删除"
