"""Batch builds: a prefecture's folder of sheets, built in parallel; one bad sheet is reported
and the rest are built."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.batch import build_many, collect_sheets
from drafter.cli import run

from .conftest import EXAMPLES

SOURCES = sorted((EXAMPLES / "seeds").glob("*.yaml")) + [EXAMPLES / "boleshi-2023.yaml", EXAMPLES / "minimal.yaml"]


def generate(folder: Path, count: int) -> None:
    """``count`` sheets varied from the shipped ones (region renamed in each)."""
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        lines = source.read_text(encoding="utf-8").splitlines()
        lines = [f"  region: 第{n}县" if line.startswith("  region:") else line for line in lines]
        (folder / f"{n:03d}.yaml").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")


def test_three_hundred_sheets_and_one_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets, out = tmp_path / "sheets", tmp_path / "out"
    sheets.mkdir()
    out.mkdir()
    generate(sheets, 300)
    (sheets / "150-broken.yaml").write_text("meta:\n  region: 坏县\n  year: 二〇二四\nparts: []\n", encoding="utf-8")
    code = run(["build", str(sheets), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    built = sorted(p.name for p in out.iterdir())
    assert len(built) == 300 and "150-broken.docx" not in built and all(name.endswith(".docx") for name in built)
    assert f"批量生成：301份事实表 → {out}" in captured.out
    assert "   300           1" in captured.out
    assert f"未生成：{sheets / '150-broken.yaml'}，第3行，“meta.year”：应为整数" in captured.out


def test_outcomes_come_back_in_order_and_name_the_drafts_after_the_sheets(tmp_path: Path) -> None:
    sheets = [EXAMPLES / "minimal.yaml", EXAMPLES / "boleshi-2023.yaml"]
    outcomes = build_many(sheets, tmp_path, workers=2)
    assert [o.sheet for o in outcomes] == sheets
    assert [o.output.name for o in outcomes] == ["minimal.docx", "boleshi-2023.docx"]
    assert [o.check_errors for o in outcomes] == [2, 0]


def test_a_folder_without_sheets(tmp_path: Path) -> None:
    from drafter.errors import UsageError

    with pytest.raises(UsageError) as caught:
        collect_sheets([tmp_path])
    assert caught.value.problems[0].message == "文件夹里没有事实表（.yaml）"


def test_batch_output_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("x")
    code = run(["build", str(EXAMPLES / "minimal.yaml"), str(EXAMPLES / "boleshi-2023.yaml"),
                "-o", str(tmp_path / "a-file")])
    assert code == 2 and "批量生成时 -o 应为文件夹，这里是一个文件" in capsys.readouterr().err
