"""``drafter compare last this -o 花脸稿.docx``: this year's report as Word tracked changes against last year's.

Leaders like a 花脸稿: last year's text with this year's changes marked. The two reports (sheet,
.docx or .txt) are aligned paragraph by paragraph; a changed paragraph is compared sentence by
sentence, and a changed sentence word by word (segmented as in :mod:`drafter.lint`), so the marks
sit on the words that changed rather than on whole paragraphs. The result is written with
real revisions (w:ins/w:del, see :func:`drafter.ooxml.add_tracked_run`): Accept All gives this
year's text exactly, Reject All last year's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import docx
from docx.shared import Pt

from .errors import Problem, UsageError
from .files import refuse_overwrite, write_atomic
from .ooxml import add_tracked_run, mark_paragraph, set_rfonts
from .years import read_year

Segment = tuple[str | None, str]  # (None | "ins" | "del", text)
AUTHOR = "drafter"
_SENTENCE = re.compile(r"[^。；！？]*[。；！？]+|[^。；！？]+")  # every character in some sentence
_SIMILAR_PARAGRAPH = 0.3


@dataclass(frozen=True)
class Marked:
    """What the 花脸稿 holds: characters inserted and deleted, paragraphs in it."""

    path: Path
    inserted: int
    deleted: int
    paragraphs: int


def _diff(old: list[str], new: list[str], finer: object = None) -> list[Segment]:
    """Segments turning ``old`` into ``new``; replaced stretches go one level finer if ``finer``
    (a function of two strings) is given, else become a deletion and an insertion."""
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        before, after = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag == "equal":
            segments.append((None, before))
        elif tag == "replace" and callable(finer):
            segments += finer(before, after)
        else:
            segments += [("del", before)] if before else []
            segments += [("ins", after)] if after else []
    return segments


def _by_word(old: str, new: str) -> list[Segment]:
    from .segment import cut as words

    return _diff(words(old), words(new))


def _by_sentence(old: str, new: str) -> list[Segment]:
    return _diff(_SENTENCE.findall(old) or [old], _SENTENCE.findall(new) or [new], _by_word)


def _merged(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for kind, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def paragraph_changes(old: list[str], new: list[str]) -> list[tuple[str | None, list[Segment]]]:
    """Each output paragraph: how its mark changes (None, "ins", "del") and its segments."""
    result: list[tuple[str | None, list[Segment]]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            result += [(None, [(None, text)]) for text in old[i1:i2]]
            continue
        before, after = old[i1:i2], new[j1:j2]
        while before or after:
            if before and after and SequenceMatcher(None, before[0], after[0], autojunk=False).ratio() >= _SIMILAR_PARAGRAPH:
                result.append((None, _merged(_by_sentence(before.pop(0), after.pop(0)))))
            elif before and (not after or len(before) >= len(after)):
                result.append(("del", [("del", before.pop(0))]))
            else:
                result.append(("ins", [("ins", after.pop(0))]))
    return result


def compare_reports(last: Path, this: Path, output: Path, force: bool = False) -> Marked:
    """Write the 花脸稿 of ``this`` year's report against ``last`` year's to ``output``."""
    if output.suffix.lower() != ".docx":
        raise UsageError(Problem("花脸稿应保存为 .docx 文件", output))
    if output.resolve() in (last.resolve(), this.resolve()):
        raise UsageError(Problem("花脸稿不能覆盖对比的报告，请换一个文件名", output))
    refuse_overwrite(output, force)
    old = [p.text for p in read_year(last).paragraphs]
    new = [p.text for p in read_year(this).paragraphs]
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)  # 三号, as the report itself
    set_rfonts(normal.element.get_or_add_rPr(), "仿宋_GB2312", "Times New Roman")
    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    revision, inserted, deleted, count = 0, 0, 0, 0
    for mark, segments in paragraph_changes(old, new):
        paragraph = document.add_paragraph()
        count += 1
        for kind, text in segments:
            revision += 1
            add_tracked_run(paragraph, text, kind, revision, AUTHOR, date)
            inserted += len(text) if kind == "ins" else 0
            deleted += len(text) if kind == "del" else 0
        if mark is not None:
            revision += 1
            mark_paragraph(paragraph, mark, revision, AUTHOR, date)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(output, buffer.getvalue())
    return Marked(output, inserted, deleted, count)
