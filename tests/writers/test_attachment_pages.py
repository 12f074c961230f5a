"""An attachment printed with the report starts a page of its own (GB/T 9704 7.3.7): the page
before it, where the signature stands, may end short, and the page check does not call it short."""

from __future__ import annotations

from pathlib import Path

from drafter.model import Attachment
from drafter.pages import check_pages, read_pdf
from drafter.pipeline import draft

from ..conftest import EXAMPLES
from .test_page import render_all


def test_the_signature_page_before_an_attachment_is_not_short(tmp_path: Path) -> None:
    document = draft(EXAMPLES / "boleshi-2023.yaml").document
    document.attachments = [Attachment("2023年法治政府建设重点工作台账", ["一、完善依法行政制度体系。"])]
    ((docx_path, pdf),) = render_all(tmp_path, {"with-attachment": document})
    pages = read_pdf(pdf)
    assert pages[-1].lines[0].text == "附件" and len(pages[-2].lines) < 22  # the case: a short page before it
    findings = check_pages(docx_path, pdf, fonts=False)
    assert [f.message for f in findings if f.rule == "page-short"] == []
