"""A .docx that LibreOffice wrote, not drafter: converted inside the test from a text report and
from an ODF document with automatic multi-level list numbering, then read and imported.

LibreOffice is what many offices (and WPS's own format converters) produce .docx files with; its
files differ from Word's and drafter's (no numbering part at all when there are no lists, list
numbers only in ``w:numPr``), so they are read here exactly as a clerk's file would be.
"""

from __future__ import annotations

import dataclasses
import subprocess
import zipfile
from pathlib import Path

import pytest

from drafter.cli import run
from drafter.importer import to_sheet
from drafter.readers.report import read_report

from ..conftest import HERE, program
from ..test_import_forms import IMPORTS, check_numbered_report

pytestmark = pytest.mark.external


def libreoffice_docx(source: Path, folder: Path) -> Path:
    """``source`` converted to .docx by LibreOffice into ``folder`` (with its profile there too)."""
    soffice = program("soffice", "libreoffice-writer-nogui")
    as_text = ["--infilter=Text (encoded):UTF8"] if source.suffix == ".txt" else []  # else a guessed encoding
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", *as_text,
                    "--convert-to", "docx", "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=180, check=True)
    produced = folder / f"{source.stem}.docx"
    with zipfile.ZipFile(produced) as archive:  # written by LibreOffice, not by drafter
        assert b"<Application>LibreOffice" in archive.read("docProps/app.xml")
        assert "word/numbering.xml" not in archive.namelist() or source.suffix != ".txt"
    return produced


def test_a_text_report_saved_as_docx_by_libreoffice_reads_as_the_text(tmp_path: Path) -> None:
    """No lists, so no numbering part: the reader takes the paragraphs as the text's lines."""
    text = HERE / "reports" / "standard.txt"
    produced = libreoffice_docx(text, tmp_path)
    from_text, from_docx = read_report(text), read_report(produced)
    assert dataclasses.asdict(from_docx.document) == dataclasses.asdict(from_text.document)
    assert from_docx.warnings == [] and from_docx.document.headings()[0].text == "2024年度推进法治政府建设的主要举措和成效"
    assert to_sheet(from_docx, str(produced))[0] == to_sheet(from_text, str(text))[0]


def test_an_odf_report_with_automatic_numbering_imports_from_libreoffice_docx(tmp_path: Path) -> None:
    produced = libreoffice_docx(IMPORTS / "source" / "numbered-report.fodt", tmp_path)
    sheet, warnings = to_sheet(read_report(produced), str(produced))
    check_numbered_report(sheet)
    assert warnings == []


def test_drafter_import_of_a_libreoffice_docx(tmp_path: Path) -> None:
    produced = libreoffice_docx(HERE / "reports" / "standard.txt", tmp_path)
    target = tmp_path / "导入.yaml"
    assert run(["import", str(produced), "-o", str(target)]) == 0
    assert "2024年度推进法治政府建设的主要举措和成效" not in target.read_text(encoding="utf-8")  # a default title, left out
    assert "kind: shortcomings" in target.read_text(encoding="utf-8")
