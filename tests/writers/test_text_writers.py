"""Plain text, terminal and Markdown writers print the same words as the .docx."""

from __future__ import annotations

import re

from drafter.pipeline import draft
from drafter.model import Document, Heading, Paragraph
from drafter.numbering import number
from drafter.writers.markdown import write_markdown
from drafter.writers.terminal import write_terminal
from drafter.writers.text import write_text

from ..conftest import SHEETS


def test_terminal_text_is_the_plain_text_with_bold_headings() -> None:
    document = draft(SHEETS / "canonical.yaml").document
    shown = write_terminal(document)
    assert re.sub(r"[\t ]+", " ", shown.plain.replace("\n\n", "\n")) == \
        re.sub(r"[\t ]+", " ", write_text(document).replace("\n\n", "\n"))  # tables: padded, not tab-separated
    bold = {shown.plain[span.start:span.end] for span in shown.spans if "bold" in str(span.style)}
    assert "一、2024年度推进法治政府建设的主要举措和成效" in bold and "（一）夯实法治政府建设基础。" in bold


def test_markdown_escapes_what_markdown_would_read_as_markup() -> None:
    doc = number(Document(body=[Heading(1, "a*b"), Paragraph("1_2 <x> #3")]))
    assert write_markdown(doc) == "## 一、a\\*b\n\n1\\_2 \\<x\\> \\#3\n"
