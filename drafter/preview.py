"""Previews: the draft or one section of it as text, Markdown or HTML, rebuilt on every save;
and the outline of a sheet or a report. The library side of ``preview`` and ``outline``.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Callable

from .errors import DrafterError, Problem, UsageError
from .model import PART_KIND_LABELS, Document, Heading
from .numbering import number
from .pipeline import draft, pack_for
from .render import TRANSFORMS
from .readers.sheet import read_sheet
from .script import Script, convert_script
from .templating import resolve_pack
from .writers.markdown import write_markdown
from .writers.text import colophon_lines, masthead_lines, write_text


def outline(path: Path, template: str | None = None) -> tuple[list[str], list[Problem]]:
    """The heading tree of a sheet or a report, numbered as the draft will be."""
    if path.suffix.lower() in (".yaml", ".yml"):
        document, warnings = draft(path, template).document, []
    else:
        from .readers.report import kind_of, read_report  # a report's reader: not needed for a sheet

        reading = read_report(path)
        document, warnings = number(reading.document), reading.warnings
        for heading in document.headings():
            if heading.level == 1:
                heading.kind = kind_of(heading.text)
    return outline_lines(document) + attachment_lines(document), warnings


def outline_lines(document: Document) -> list[str]:
    """The numbered heading tree, one line per heading, indented by level, with each part's kind."""
    lines = []
    for heading in document.headings():
        kind = f"  〔{PART_KIND_LABELS[heading.kind]}〕" if heading.kind else ""
        lines.append("　" * (heading.level - 1) + heading.number + heading.text + kind)
    return lines


def frame_lines(document: Document) -> list[str]:
    """What surrounds the outline: a formal copy's 版头, title, addressee, signature, closing
    lines, attachments and a formal copy's 版记."""
    formal = document.formal
    lines = [f"版头：{line}" for line in masthead_lines(formal)] if formal else []
    lines += [f"标题：{''.join(document.title)}"] if document.title else ["标题：（无）"]
    if document.byline:
        lines.append(f"署名：{document.byline}")
    lines.append(f"主送机关：{document.addressee.rstrip('：') or '（无）'}")
    lines.append("落款：" + ("　".join(x for x in (document.issuer, document.date) if x) or "（无）"))
    lines += [f"文末：{line}" for line in document.closing]
    return lines + attachment_lines(document) + ([f"版记：{line}" for line in colophon_lines(formal)] if formal else [])


def attachment_lines(document: Document) -> list[str]:
    """One line per attachment, as the 附件说明 numbers them."""
    return [f"附件{n}：{a.title}" + ("" if a.body else "（只列名称）")
            for n, a in enumerate(document.attachments, start=1)]


_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _no_such_section(headings: list[Heading], wanted: tuple[int, ...], selector: str,
                     shown: Callable[[str], str]) -> UsageError:
    """Say what there is where the number points: under the deepest heading that exists,
    how many headings the next level has, and which numbers choose them."""
    parent: tuple[int, ...] = ()
    while len(parent) + 1 < len(wanted) and any(h.path == wanted[:len(parent) + 1] for h in headings):
        parent = wanted[:len(parent) + 1]
    choices = [h for h in headings if h.path[:-1] == parent and len(h.path) == len(parent) + 1]
    level = _LEVEL_NAMES.get(len(parent) + 1, f"{len(parent) + 1}级")
    if parent:
        owner = next(h for h in headings if h.path == parent)
        where = f"“{shown(owner.label + owner.text)}”下"
    else:
        where = "全文"
    if not choices:
        return UsageError(Problem(f"没有第 {selector} 部分：{where}没有{level}标题"))
    numbers = [".".join(map(str, h.path)) for h in choices]
    listed = "；".join(f"{n} {shown(h.text)}" for n, h in zip(numbers, choices))
    return UsageError(Problem(f"没有第 {selector} 部分：{where}共有{len(choices)}个{level}标题，"
                              f"可选 {numbers[0]} 至 {numbers[-1]}（{listed}）"))


def select_section(document: Document, selector: str, shown: Callable[[str], str] = str) -> Document:
    """One section and everything under it, chosen by number ("2", "2.3") or by title words, as
    ``shown`` prints them (the draft's script, where the document is not yet converted)."""
    headings = document.headings()
    if re.fullmatch(r"\d+(?:\.\d+)*", selector):
        wanted = tuple(int(n) for n in selector.split("."))
        found = [h for h in headings if h.path == wanted]
        if not found:
            raise _no_such_section(headings, wanted, selector, shown)
    else:
        found = ([h for h in headings if shown(h.text) == selector]
                 or [h for h in headings if selector in shown(h.text)])
        if not found:
            raise UsageError(Problem(f"没有标题含“{selector}”的部分"))
        if len(found) > 1:
            names = "、".join(shown(h.number + h.text) for h in found[:5]) + ("等" if len(found) > 5 else "")
            raise UsageError(Problem(f"“{selector}”对应多个标题（{names}），请改用序号，如 --section 1.2"))
    start = document.body.index(found[0])
    end = next((n for n in range(start + 1, len(document.body)) if isinstance(document.body[n], Heading)
                and document.body[n].level <= found[0].level), len(document.body))  # type: ignore[union-attr]
    return Document(body=document.body[start:end])


def _write_html(document: Document) -> str:
    """The HTML page, its writer loaded only when asked for (it takes the layout from
    :mod:`drafter.style`, which loads python-docx)."""
    from .writers.html import write_html

    return write_html(document)


PREVIEW_WRITERS = {"text": write_text, "md": write_markdown, "html": _write_html}


_BEFORE_SCRIPT = tuple(transform for transform in TRANSFORMS if transform[0] != "script")
_SCRIPT = dict(TRANSFORMS)["script"]


def preview_document(path: Path, section: str | None = None, template: str | None = None,
                     script: Script | None = None) -> Document:
    """The draft, or one section of it, as a numbered document. A section is converted to the
    draft's script once it is chosen: converting the whole report (pure-Python OpenCC) was most
    of a traditional preview's time."""
    if not section:
        return draft(path, template, script).document
    result = draft(path, template, script, transforms=_BEFORE_SCRIPT)
    meta = result.sheet.meta

    def shown(text: str) -> str:
        return convert_script(text, meta.script, meta.script_forms)

    return _SCRIPT(select_section(result.document, section, shown), result.sheet)


_GENERATOR = '<meta name="generator" content="drafter preview">'


def preview(path: Path, section: str | None = None, output_format: str = "text", template: str | None = None,
            script: Script | None = None) -> str:
    """The draft, or one section of it, as text, Markdown or a self-contained HTML page
    (marked as drafter's, so a later preview may replace it: :func:`is_preview`)."""
    text = PREVIEW_WRITERS[output_format](preview_document(path, section, template, script))
    return text.replace("<head>\n", "<head>\n" + _GENERATOR + "\n", 1) if output_format == "html" else text


def is_preview(path: Path) -> bool:
    """Is this an HTML preview drafter wrote (so a new preview may replace it)?"""
    try:
        with path.open("rb") as stream:
            return _GENERATOR.encode() in stream.read(4096)
    except OSError:
        return False


def watched_files(path: Path, template: str | None = None) -> list[Path]:
    """The sheet and every template file a rebuild depends on: the sheet's own pack (its
    ``meta.template``, found beside it) unless ``-t`` names one. While the sheet cannot be read
    (half edited), the pack ``-t`` names, or the standard one."""
    try:
        pack = pack_for(read_sheet(path), path, template)
    except DrafterError:
        pack = resolve_pack(template)
    return [path, *(f for folder in pack.search_path for f in sorted(folder.rglob("*.j2")))]


def watch(paths: Callable[[], list[Path]], action: Callable[[], None], stop: threading.Event,
          interval: float = 0.5) -> None:
    """Run ``action`` now and again whenever one of ``paths`` changes, until ``stop`` is set.
    Polling, not OS notifications: it works the same on a network drive and in WSL."""

    def stamps() -> dict[Path, float]:
        return {p: p.stat().st_mtime_ns if p.exists() else -1 for p in paths()}

    seen = stamps()
    action()
    while not stop.wait(interval):
        now = stamps()
        if now != seen:
            seen = now
            action()
