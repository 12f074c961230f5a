"""The signature block's kept tail (drafter.pages.kept_tail): the paragraph before the block split
where the printed page broke its last two lines, read back with python-docx. The rendered page
itself is measured in test_page.py."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter import ooxml
from drafter.pipeline import draft
from drafter.model import Paragraph
from drafter.pages import Line, Page, kept_tail
from drafter.writers.docx import write_docx

from ..conftest import EXAMPLES


def test_a_paragraph_splits_at_a_character_and_each_run_keeps_its_properties() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("（一）标题。")
    paragraph.runs[0].bold = True
    paragraph.add_run("正文第一句。正文第二句。")
    tail = ooxml.split_paragraph(paragraph, 9)
    assert [r.text for r in paragraph.runs] == ["（一）标题。", "正文第"]
    assert [r.text for r in tail.runs] == ["一句。正文第二句。"]
    assert paragraph.runs[0].bold and not tail.runs[0].bold
    cut = ooxml.split_paragraph(paragraph, 3)
    assert [r.text for r in paragraph.runs] == ["（一）"] and [r.text for r in cut.runs] == ["标题。", "正文第"]
    assert cut.runs[0].bold and ooxml.text_of(tail) == "一句。正文第二句。"


def _draft(tmp_path: Path) -> tuple[Path, str]:
    document = draft(EXAMPLES / "minimal.yaml").document
    document.issuer, document.date = "示例县人民政府", "2025年3月20日"
    document.body[-1].text += "依法全面履行政府职能，深化“放管服”改革，推进严格规范公正文明执法。" * 3
    path = tmp_path / "draft.docx"
    path.write_bytes(write_docx(document))
    return path, document.body[-1].text


def test_the_last_two_printed_lines_become_a_paragraph_kept_with_the_block(tmp_path: Path) -> None:
    path, text = _draft(tmp_path)
    lines = [text[:26], text[26:54], text[54:82], text[82:110], text[110:]]
    pages = [Page(1, [Line(100.0, line) for line in lines[:4]]), Page(2, [Line(100.0, lines[4]), Line(200.0, "示例县人民政府"),
                                                                           Line(229.0, "2025年3月20日")])]
    paragraphs = docx.Document(io.BytesIO(kept_tail(path, pages))).paragraphs
    issuer = next(i for i, p in enumerate(paragraphs) if p._p.style == "Issuer")
    head, tail = paragraphs[issuer - 2], paragraphs[issuer - 1]
    assert head.text == text[:82] and tail.text == text[82:]
    assert head.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.DISTRIBUTE and not head.paragraph_format.keep_with_next
    assert tail.paragraph_format.first_line_indent == Pt(0)
    assert tail.paragraph_format.keep_with_next and tail.paragraph_format.widow_control
    assert tail._p.pPr.find(qn("w:jc")) is None  # the tail keeps the body's justification


def test_no_split_where_the_page_does_not_show_the_paragraph(tmp_path: Path) -> None:
    path, text = _draft(tmp_path)
    other = [Line(100.0, "别的文字"), Line(129.0, "也不是这段"), Line(200.0, "示例县人民政府")]
    assert kept_tail(path, [Page(1, other)]) is None
    short = [Line(100.0, text[-10:]), Line(200.0, "示例县人民政府")]  # the block's line with one line before it
    assert kept_tail(path, [Page(1, short)]) is None
    whole = [Line(100.0, text[:50]), Line(129.0, text[50:]), Line(200.0, "示例县人民政府")]  # two lines: nothing left
    assert kept_tail(path, [Page(1, whole)]) is None


def test_a_last_paragraph_of_one_line_takes_the_last_line_of_the_one_before(tmp_path: Path) -> None:
    document = draft(EXAMPLES / "minimal.yaml").document
    document.issuer, document.date = "示例县人民政府", "2025年3月20日"
    before = document.body[-1].text + "依法全面履行政府职能，深化“放管服”改革，推进严格规范公正文明执法。" * 2
    document.body[-1].text = before
    document.body.append(Paragraph("二是推进严格规范公正文明执法。"))
    path = tmp_path / "draft.docx"
    path.write_bytes(write_docx(document))
    written = docx.Document(str(path)).paragraphs
    issuer = next(i for i, p in enumerate(written) if p._p.style == "Issuer")
    assert written[issuer - 1].paragraph_format.keep_with_next and written[issuer - 2].paragraph_format.keep_with_next
    lines = [before[:26], before[26:54], before[54:]]
    pages = [Page(1, [Line(100.0, line) for line in lines]), Page(2, [Line(100.0, "二是推进严格规范公正文明执法。"),
                                                                       Line(200.0, "示例县人民政府")])]
    paragraphs = docx.Document(io.BytesIO(kept_tail(path, pages))).paragraphs
    head, tail, last = paragraphs[issuer - 2: issuer + 1]
    assert (head.text, tail.text, last.text) == (before[:54], before[54:], "二是推进严格规范公正文明执法。")
    assert not head.paragraph_format.keep_with_next and tail.paragraph_format.keep_with_next
    assert tail.paragraph_format.first_line_indent == Pt(0) and last.paragraph_format.keep_with_next
