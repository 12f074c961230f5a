"""A real renderer: LibreOffice converts the .docx to PDF, and the pages are measured.

These tests need ``soffice`` (Debian libreoffice-writer-nogui) and ``pdftotext``/``pdfinfo``
(poppler-utils); they skip where those are missing, and fail instead under
DRAFTER_REQUIRE_EXTERNAL=1, as in CI.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from drafter.build import build
from drafter.pipeline import pack_for
from drafter.render import render
from drafter.sheet import Sheet
from drafter.writers.docx import write_docx

from ..conftest import EXAMPLES, program

pytestmark = pytest.mark.external


def to_pdf(docx_path: Path) -> Path:
    soffice = program("soffice", "libreoffice-writer-nogui")
    profile = docx_path.parent / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(docx_path.parent), str(docx_path)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = docx_path.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stderr
    return pdf


def pages(pdf: Path) -> list[list[str]]:
    """Text lines of each page, blank lines dropped."""
    text = subprocess.run([program("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f") if page.strip()]


def page_count(pdf: Path) -> int:
    info = subprocess.run([program("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_complete_example_converts_to_the_expected_number_of_pages(tmp_path: Path) -> None:
    _, docx_path, _ = build(EXAMPLES / "boleshi-2023.yaml", tmp_path / "report.docx")
    pdf = to_pdf(docx_path)
    # ~5,400 characters at 22 × 28 a page, plus headings, a table and the signature block
    count = page_count(pdf)
    print(f"complete example: {count} pages")
    assert 9 <= count <= 13
    text = pages(pdf)
    assert text[0][0].replace(" ", "") == "博乐市2023年法治政府建设情况报告"
    # pdftotext drops the narrow spaces inside "— 1 —"; the .docx text itself is tested in test_docx
    assert text[0][-1].replace(" ", "") == "—1—" and text[1][-1].replace(" ", "") == "—2—"
    assert "2024年3月20日" in "".join(text[-1]).replace(" ", "")


def test_a_full_page_holds_22_lines_of_28_characters(tmp_path: Path) -> None:
    body = "法" * (28 * 70)
    sheet = Sheet.model_validate({"meta": {"region": "测试县", "year": 2024}, "parts": [{"kind": "plans", "text": body}]})
    docx_path = tmp_path / "grid.docx"
    docx_path.write_bytes(write_docx(render(sheet, pack_for(sheet))))
    second_page = pages(to_pdf(docx_path))[1]
    body_lines, footer = second_page[:-1], second_page[-1]
    assert footer.replace(" ", "") == "—2—"
    assert len(body_lines) == 22
    assert {len(line.replace(" ", "")) for line in body_lines} == {28}
