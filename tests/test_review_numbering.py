"""Numbering faults in a finished report: one finding per real fault, never a knock-on one."""

from __future__ import annotations

from pathlib import Path

from drafter.review import review

REPORT = """测试县2024年法治政府建设情况报告
一、主要举措
（一）第一项。内容。
（二）第二项。内容。
（二）第三项。内容。
（四）第四项。内容。
（五）第五项。内容。
二、存在的问题
（一）甲。内容。
（三）乙。内容。
（四）丙。内容。
三、工作计划
（一）甲。内容。
（二）乙。内容。
（二）丙。内容。
（三）丁。内容。
"""


def test_one_finding_per_numbering_fault(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    found = [(f.line, f.message) for f in review(path).findings if f.rule == "numbering"]
    assert found == [
        (5, "序号“（二）”处应为“（三）”（与上一个序号重复），已重新编号"),  # then （四） is right, not a gap
        (10, "序号“（三）”处应为“（二）”（跳号），已重新编号"),  # then （四） follows what was typed
        (15, "序号“（二）”处应为“（三）”（与上一个序号重复），已重新编号"),  # then （三） follows what was typed
    ]
