"""Read a report saved as plain text (copied from a website, or exported from Word)."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, ReportError
from .structure import Line
from .sheet import read_text

MAX_BYTES = 5 * 1024 * 1024  # a year's report is 10–30 KB; more is not a report


def lines_of(text: str) -> list[Line]:
    """One :class:`Line` per text line; tab-separated runs of two or more lines become a table."""
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        cells = [cell.strip() for cell in raw.split("\t")] if "\t" in raw.strip() else None
        previous = lines[-1] if lines else None
        if cells and previous is not None and previous.cells and len(previous.cells[0]) == len(cells):
            previous.cells.append(cells)
            continue
        lines.append(Line(raw, number, cells=[cells] if cells else None))
    for line in lines:  # a lone tabbed line is text after all
        if line.cells is not None and len(line.cells) < 2:
            line.cells = None
    return lines


def txt_lines(path: Path) -> list[Line]:
    """The lines of a text report as written (no cleaning yet)."""
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        raise ReportError(Problem(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，不像一份年度报告，请检查", path))
    text = read_text(path, ReportError)
    if "\x00" in text:
        raise ReportError(Problem("这不是文本文件（含有二进制内容）；请导入 .txt 或 .docx", path))
    if not text.strip():
        raise ReportError(Problem("文件是空的", path))
    return lines_of(text)
