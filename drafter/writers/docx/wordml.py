"""WordprocessingML written as text: the paragraphs, runs and tables of a draft's body.

A draft is written without building an object tree: each paragraph is a small record of its
properties and runs, turned into markup once at the end, with every property in the order
ECMA-376 prescribes (§17.3.1.26 for a paragraph's, §17.3.2.28 for a run's), which Word
checks. Building the same XML through python-docx took most of a build's time, and loading
python-docx a fifth of its start; python-docx still makes the reference document
(:mod:`.styles`) and reads drafts back. The markup is the markup python-docx wrote: the
writer's tests compare the two on every example and seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...text import XML_ILLEGAL

_NOT_XML = re.compile(f"[{XML_ILLEGAL}]")
_BREAKS = re.compile("([\t\r\n])")


def escape(text: str) -> str:
    """Text for an element's content or an attribute's value (four scans in C: several times
    faster than one ``str.translate`` through a table on text that rarely holds any of them)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def check_characters(xml: str) -> str:
    """``xml`` when every character may stand in XML 1.0; else the error lxml would raise (a sheet's
    text has no control characters by then, so this never fires on a clerk's input)."""
    found = _NOT_XML.search(xml)
    if found:
        raise ValueError(f"character U+{ord(found.group()):04X} cannot stand in XML")
    return xml


def _on_off(tag: str, on: bool) -> str:
    return f"<w:{tag}/>" if on else f'<w:{tag} w:val="0"/>'


def _attributes(pairs: tuple[tuple[str, int | str | None], ...]) -> str:
    return "".join(f' w:{name}="{value}"' for name, value in pairs if value is not None)


@dataclass(frozen=True)
class Font:
    """A run's own character properties (``w:rPr``), each left to the style when None."""

    style: str | None = None
    east_asian: str | None = None
    latin: str | None = None
    hint: bool = False  # w:hint="eastAsia": ambiguous punctuation set in the East Asian face
    bold: bool | None = None
    color: str | None = None
    spacing: int | None = None  # twentieths of a point between characters
    size: int | None = None  # half-points
    lang: str | None = None  # East Asian language of the run


@lru_cache(maxsize=256)
def _run_properties(font: Font) -> str:
    """A font's ``w:rPr``, made once: a draft has a dozen distinct ones over thousands of runs."""
    parts = []
    if font.style:
        parts.append(f'<w:rStyle w:val="{escape(font.style)}"/>')
    if font.east_asian is not None:
        latin = font.latin if font.latin is not None else font.east_asian
        complex_script = None if font.hint else latin
        fonts = (("ascii", escape(latin)), ("hAnsi", escape(latin)), ("eastAsia", escape(font.east_asian)),
                 ("cs", complex_script and escape(complex_script)), ("hint", "eastAsia" if font.hint else None))
        parts.append(f"<w:rFonts{_attributes(fonts)}/>")
    if font.bold is not None:
        parts.append(_on_off("b", font.bold))
    if font.color is not None:
        parts.append(f'<w:color w:val="{font.color}"/>')
    if font.spacing is not None:
        parts.append(f'<w:spacing w:val="{font.spacing}"/>')
    if font.size is not None:
        parts.append(f'<w:sz w:val="{font.size}"/>')
    if font.lang is not None:
        parts.append(f'<w:lang w:eastAsia="{font.lang}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, font: Font | None = None) -> str:
    """A ``w:r`` of ``text``: tabs as ``w:tab``, line breaks as ``w:br``, the rest in ``w:t``
    (space-preserving where it starts or ends with a space)."""
    content = []
    for piece in _BREAKS.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{_run_properties(font) if font else ''}{''.join(content)}</w:r>"


def border(edge: str, eighths: int, color: str = "000000", space: int = 0) -> str:
    """One edge of a paragraph's rules, ``eighths`` of a point thick, ``space`` points from the text."""
    return f'<w:{edge} w:val="single" w:sz="{eighths}" w:space="{space}" w:color="{color}"/>'


def frame(width: int, top: int | None) -> str:
    """A frame as wide as the 版心 (``width`` twips), ``top`` twips below its upper edge, or with
    its bottom on the lower edge when ``top`` is None. LibreOffice gathers consecutive framed
    paragraphs into one frame only when all their properties match, so differently ruled
    paragraphs each take a frame of their own."""
    place = ' w:yAlign="bottom"' if top is None else f' w:y="{top}"'
    return (f'<w:framePr w:w="{width}" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
            f'w:xAlign="center"{place}/>')


@dataclass
class Paragraph:
    """A paragraph being written: its own properties (None: the style's) and its runs. Lengths
    are in twips; a negative ``first_line`` is a hanging indent."""

    style: str | None = None
    keep_next: bool | None = None
    page_break_before: bool | None = None
    frame: str = ""
    widow_control: bool | None = None
    borders: str = ""  # the edges inside w:pBdr
    tabs: list[tuple[int, str]] = field(default_factory=list)  # (position, alignment)
    snap_to_grid: bool | None = None
    before: int | None = None
    after: int | None = None
    line: int | None = None  # an exact line height
    left: int | None = None
    right: int | None = None
    first_line: int | None = None
    align: str | None = None
    section: str = ""  # a w:sectPr ending a section with this paragraph
    runs: list[str] = field(default_factory=list)
    text: str = ""  # the runs' text, as a reader gets it

    def add(self, text: str, font: Font | None = None) -> None:
        self.runs.append(run(text, font))
        self.text += text

    def xml(self) -> str:
        properties = []
        if self.style:
            properties.append(f'<w:pStyle w:val="{escape(self.style)}"/>')
        if self.keep_next is not None:
            properties.append(_on_off("keepNext", self.keep_next))
        if self.page_break_before is not None:
            properties.append(_on_off("pageBreakBefore", self.page_break_before))
        properties.append(self.frame)
        if self.widow_control is not None:
            properties.append(_on_off("widowControl", self.widow_control))
        if self.borders:
            properties.append(f"<w:pBdr>{self.borders}</w:pBdr>")
        if self.tabs:
            stops = "".join(f'<w:tab w:val="{align}" w:pos="{position}"/>' for position, align in sorted(self.tabs))
            properties.append(f"<w:tabs>{stops}</w:tabs>")
        if self.snap_to_grid is not None:
            properties.append(_on_off("snapToGrid", self.snap_to_grid))
        rule = "exact" if self.line is not None else None
        spacing = _attributes((("before", self.before), ("after", self.after), ("line", self.line), ("lineRule", rule)))
        if spacing:
            properties.append(f"<w:spacing{spacing}/>")
        first = self.first_line
        indent = _attributes((("left", self.left), ("right", self.right),
                              ("firstLine", first if first is not None and first >= 0 else None),
                              ("hanging", -first if first is not None and first < 0 else None)))
        if indent:
            properties.append(f"<w:ind{indent}/>")
        if self.align:
            properties.append(f'<w:jc w:val="{self.align}"/>')
        properties.append(self.section)
        head = "".join(properties)
        return f"<w:p>{f'<w:pPr>{head}</w:pPr>' if head else ''}{''.join(self.runs)}</w:p>"


def table(style: str, widths: list[int], rows: list[list[Paragraph]]) -> str:
    """A ruled table of fixed column ``widths`` (twips) in the table style with id ``style``:
    rows never split across pages, the first repeated at the top of each page it runs on,
    cells centred vertically."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{escape(style)}"/><w:tblW w:type="auto" w:w="0"/>'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
           f'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for index, cells in enumerate(rows):
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if index == 0 else ''}</w:trPr>")
        for cell, width in zip(cells, widths):
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vAlign w:val="center"/></w:tcPr>'
                       f"{cell.xml()}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
