"""What a .docx may cost before it is parsed: a zip can claim gigabytes in a few kilobytes
("zip bomb"), and a small file can hold hundreds of thousands of empty paragraphs.

The sizes checked are those the zip's directory declares: Python's zipfile never inflates
a member beyond its declared size (a member that lies fails its checksum), so a file that
passes here cannot cost more than the limits when python-docx reads it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import Problem, ReportError

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts inflated; photos make real reports a few MB
MAX_XML_BYTES = 20 * 1024 * 1024  # one XML part (python-docx parses these); a report's body is ~1 MB
MAX_PARTS = 5_000  # a report has 10–100
MAX_PARAGRAPHS = 50_000  # a year's report has 200–1,000
_PARAGRAPH = re.compile(rb"<w:p[\s>/]")


def check_docx_budget(path: Path) -> None:
    """Refuse, before python-docx builds anything, a .docx that no report needs to be."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return  # not a zip: the reader says so in its own words
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise ReportError(Problem(f"文档由 {len(members)} 个部件组成（正常的 Word 文件不过几十个），疑似恶意构造，已拒绝", path))
        total = sum(m.file_size for m in members)
        if total > MAX_TOTAL_BYTES:
            raise ReportError(Problem(f"文档解压后超过 {MAX_TOTAL_BYTES // 1024 // 1024} MB（压缩包炸弹？），已拒绝", path))
        for member in members:
            if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML_BYTES:
                raise ReportError(Problem(f"文档的“{member.filename}”解压后超过 {MAX_XML_BYTES // 1024 // 1024} MB，"
                                          "不像一份年度报告，已拒绝", path))
        try:
            body = archive.read("word/document.xml")
        except KeyError:
            return  # no body: the reader says the file is not a Word document
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise ReportError(Problem("文档已损坏（压缩包内容与目录不符），无法读取", path)) from None
    paragraphs = len(_PARAGRAPH.findall(body))
    if paragraphs > MAX_PARAGRAPHS:
        raise ReportError(Problem(f"文档有 {paragraphs:,} 个段落（一份年度报告只有几百段），不像一份年度报告，已拒绝", path))
