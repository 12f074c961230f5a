"""``build --pdf`` needs LibreOffice alone: without poppler the PDF is written as LibreOffice made
it and only the page check is skipped, with a note (the README's Windows set-up has no poppler)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import pages
from drafter.cli import run
from drafter.errors import Problem, ToolMissing

from .conftest import EXAMPLES, program


def no_poppler(name: str, package: str) -> str:
    raise ToolMissing(Problem(f"没有找到 {name}，无法检查排出的页面；请安装 poppler（Debian 包 {package}）后重试"))


@pytest.mark.external
@pytest.mark.parametrize("sheet", ["minimal.yaml", "boleshi-2023-formal.yaml"])
def test_build_pdf_without_poppler_writes_the_pdf(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path, sheet: str) -> None:
    program("soffice", "libreoffice-writer-nogui")
    monkeypatch.setattr(pages, "_tool", no_poppler)
    code = run(["build", str(EXAMPLES / sheet), "-o", str(tmp_path / "draft.docx"), "--pdf"])
    out = capsys.readouterr().out
    assert code in (0, 1), out  # 1: the minimal sheet still holds marks to fill
    assert (tmp_path / "draft.pdf").read_bytes().startswith(b"%PDF")
    assert "没有找到 pdftotext" in out and "已生成 PDF" in out
