"""Numbering computed once: ``check`` names a finding in a sheet by the number its section prints
under in the rendered draft, so ``check`` and ``outline`` agree with any pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cli import run
from drafter.pipeline import draft

EXTRA_HEADING_PACK = """\
{% extends "standard/report.j2" %}
{% block intro %}
{{ super() }}
::h1 总体情况
全年工作总体平稳。
{% endblock %}
"""

SHEET = """\
meta:
  region: 示例县
  year: 2024
  template: {template}
  issuer: 示例县人民政府
  date: 2025-03-10
  numbering: {numbering}
parts:
  - kind: achievements
    text: 2024年，示例县全面推进依法行政。
    sections:
      - title: 完善制度体系
        text: 出台规范性文件，，严格备案审查。
  - kind: responsibility
    text: 主要负责人认真履行第一责任人职责。
  - kind: shortcomings
    text: 还存在一些不足。
  - kind: plans
    text: 2025年，示例县将继续深入推进法治政府建设。
"""


def sheet_with_pack(folder: Path, pack: str | None, numbering: str = "{}") -> Path:
    """A sheet beside a local pack folder ``本地模板`` (or a built-in pack when ``pack`` is None)."""
    if pack is not None:
        (folder / "本地模板").mkdir()
        (folder / "本地模板" / "report.j2").write_text(pack, encoding="utf-8")
    sheet = folder / "示例县2024.yaml"
    sheet.write_text(SHEET.format(template="本地模板" if pack else "standard", numbering=numbering), encoding="utf-8")
    return sheet


def drafter(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, list[str]]:
    code = run([str(a) for a in argv])
    return code, capsys.readouterr().out.splitlines()


def finding_section(lines: list[str]) -> str:
    """The section a check finding names: 错误：文件，第N行，<section>：message."""
    (finding,) = [line for line in lines if line.startswith("错误：")]
    return finding.split("，")[2].split("：")[0]


@pytest.mark.parametrize("pack, numbering, printed", [
    (EXTRA_HEADING_PACK, "{}", "二、（一）"),  # the pack's own level-1 heading comes first
    (None, "{}", "一、（一）"),
    (None, "{part_markers: true}", "第一部分（一）"),  # the report's habit, as the draft prints it
])
def test_check_and_outline_name_the_same_section(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 pack: str | None, numbering: str, printed: str) -> None:
    sheet = sheet_with_pack(tmp_path, pack, numbering)
    code, checked = drafter(capsys, "check", sheet)
    assert code == 1 and finding_section(checked) == printed
    code, outline = drafter(capsys, "outline", sheet)
    assert code == 0
    part, section = printed.split("（")[0], "（" + printed.split("（")[1]
    assert any(line.startswith(part) and "主要举措和成效" in line for line in outline)
    assert "　" + section + "完善制度体系" in outline


def test_each_heading_knows_the_sheet_part_it_prints(tmp_path: Path) -> None:
    sheet = sheet_with_pack(tmp_path, EXTRA_HEADING_PACK)
    headings = draft(sheet).document.headings()
    assert [(h.label, h.source) for h in headings] == [
        ("一、", ()),  # the pack's own heading: no part of the sheet
        ("二、", ("parts", 0)), ("二、（一）", ("parts", 0, "sections", 0)),
        ("三、", ("parts", 1)), ("四、", ("parts", 2)), ("五、", ("parts", 3)),
    ]


def test_a_part_the_pack_leaves_out_is_named_by_no_number(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A pack that prints only some parts: a finding in a part it leaves out names no section
    rather than the number of another one."""
    pack = '{% extends "standard/report.j2" %}\n{% block parts %}::h1 总体情况\n{% endblock %}\n'
    sheet = sheet_with_pack(tmp_path, pack)
    code, checked = drafter(capsys, "check", sheet)
    (finding,) = [line for line in checked if line.startswith("错误：")]
    assert "第13行：标点“，，”重复或多余" in finding
