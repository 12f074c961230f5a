"""The file-signature sniffer tells formats by their content, whatever the file is called."""

from __future__ import annotations

import zipfile
from pathlib import Path

from drafter.readers.filetype import sniff


def test_an_odt_named_docx_is_known_as_odt(tmp_path: Path) -> None:
    path = tmp_path / "去年的报告.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert sniff(path) == "odt"
