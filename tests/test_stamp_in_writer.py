"""The writer stamps a draft as it packages it: the digest covers every part in the file's order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from drafter.build import draft
from drafter.stamp import CORE, untouched
from drafter.writers.docx import write_docx

from .conftest import EXAMPLES


def test_a_stamped_package_is_recognised_and_an_edit_is_not(tmp_path: Path) -> None:
    document = draft(EXAMPLES / "boleshi-2023.yaml").document
    path = tmp_path / "draft.docx"
    path.write_bytes(write_docx(document, stamped=True))
    assert untouched(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name) for name in names}
    assert names[0] == "[Content_Types].xml" and names[-1] == CORE
    assert b"drafter-sha256:" in parts[CORE]
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as archive:
        for name in names:
            data = parts[name].replace("博乐市".encode(), "精河县".encode(), 1) if name == "word/document.xml" else parts[name]
            archive.writestr(name, data)
    assert not untouched(edited)
    plain = zipfile.ZipFile(io.BytesIO(write_docx(document)))
    assert b"drafter-sha256:" not in plain.read(CORE)
