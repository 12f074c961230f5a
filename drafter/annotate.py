"""``drafter check draft.docx --annotate``: the findings as Word comments (批注) in a copy of the draft.

Reviewers work in Word or WPS, not in a terminal: each finding becomes a comment anchored on
the offending words (the finding's ``quote``) in the paragraph it names, or on the whole
paragraph where it names no words, or on the first paragraph for findings about the whole
report (a missing part, the date). python-docx (≥ 1.2) writes the comments part; the runs are
split at the words' edges so the comment covers exactly them. The original is only read.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from . import ooxml
from .errors import Problem, ReportError, UsageError
from .files import refuse_overwrite, write_atomic
from .findings import SEVERITY_LABELS, Finding

AUTHOR, INITIALS = "drafter 审查", "审"


def annotated_name(source: Path) -> Path:
    """The default copy beside the draft: 报告.docx → 报告（审阅稿）.docx."""
    return source.with_name(f"{source.stem}（审阅稿）.docx")


def annotate(source: Path, findings: list[Finding], output: Path | None = None, force: bool = False) -> tuple[Path, int]:
    """Write a copy of ``source`` with one comment per finding; return its path and the number of comments."""
    if source.suffix.lower() != ".docx":
        raise UsageError(Problem("--annotate 只用于 Word 成稿（.docx）：事实表请先 drafter build 生成初稿", source))
    target = output if output is not None and not output.is_dir() else (output or source.parent) / annotated_name(source).name
    if target.resolve() == source.resolve():
        raise UsageError(Problem("审阅稿不能覆盖原稿，请用 -o 指定另一个文件名", target))
    refuse_overwrite(target, force)
    try:
        document = docx.Document(str(source))
    except Exception:  # the review has read it already; a failure here is the same unreadable file
        raise ReportError(Problem("无法作为 Word 文档打开", source)) from None
    blocks = list(document.iter_inner_content())
    used: dict[tuple[int, str], int] = {}
    count = 0
    for finding in findings:
        block = blocks[finding.line - 1] if finding.line and 0 < finding.line <= len(blocks) else None
        runs = _anchor(block, finding.quote, used, finding.line or 0) if block is not None else None
        if runs is None:
            runs = _whole(next((b for b in blocks if isinstance(b, DocxParagraph) and b.text.strip()), None))
        if runs is None:
            continue
        document.add_comment(runs, f"{SEVERITY_LABELS[finding.severity]}：{finding.message}", AUTHOR, INITIALS)
        count += 1
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(target, buffer.getvalue())
    return target, count


def _anchor(block: DocxParagraph | DocxTable, quote: str | None, used: dict[tuple[int, str], int],
            line: int) -> list[Run] | None:
    """The runs covering ``quote`` in a paragraph (or a table cell): the next occurrence not yet
    commented, so two findings on the same words in one paragraph land on different places."""
    paragraphs = [block] if isinstance(block, DocxParagraph) else \
        [p for row in block.rows for cell in row.cells for p in cell.paragraphs]
    if not quote:
        return _whole(block if isinstance(block, DocxParagraph) else next((p for p in paragraphs if p.text), None))
    seen = used.get((line, quote), 0)
    for paragraph in paragraphs:
        start = -1
        while True:
            start = paragraph.text.find(quote, start + 1)
            if start < 0:
                break
            if seen == 0:
                used[(line, quote)] = used.get((line, quote), 0) + 1
                return _isolate(paragraph, start, start + len(quote))
            seen -= 1
    return _whole(paragraphs[0]) if paragraphs and paragraphs[0].runs else None


def _whole(paragraph: DocxParagraph | None) -> list[Run] | None:
    if paragraph is None:
        return None
    runs = paragraph.runs or [paragraph.add_run("")]
    return [runs[0], runs[-1]]


def _isolate(paragraph: DocxParagraph, start: int, end: int) -> list[Run] | None:
    """Split the paragraph's runs at ``start`` and ``end`` (character offsets in its text) and
    return the first and last run of the words between; None if the text is not in plain runs
    (e.g. inside a field or a hyperlink), in which case the whole paragraph is commented."""
    for cut in (start, end):
        offset = 0
        for run in paragraph.runs:
            length = len(run.text)
            if offset < cut < offset + length:
                _split(run, cut - offset)
                break
            offset += length
    inside, offset = [], 0
    for run in paragraph.runs:
        if start <= offset and offset + len(run.text) <= end and run.text:
            inside.append(run)
        offset += len(run.text)
    if not inside or "".join(r.text for r in inside) != paragraph.text[start:end]:
        return _whole(paragraph)
    return [inside[0], inside[-1]]


def _split(run: Run, at: int) -> None:
    """Cut a run in two at character ``at``; both halves keep its formatting."""
    text = run.text
    twin = ooxml.split_run(run)
    run.text = text[:at]
    twin.text = text[at:]
