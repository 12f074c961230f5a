"""The few WordprocessingML pieces python-docx has no API for, one helper per element, and
every access to python-docx's private objects.

Kept apart so the code that uses python-docx reads as layout, and so the raw XML is in one
reviewed place. The reference document's styles and page (:mod:`drafter.writers.docx.styles`):
``w:rFonts/@w:eastAsia`` (without it Word shows Chinese in the theme font, not 仿宋),
``w:docGrid`` (22 lines a page), ``w:spacing`` (28 characters a line), ``w:lang``, the
``PAGE`` field, the paragraph flags of line breaking and the settings of Chinese line
breaking. The readers' access to elements and list numbering; ``compare``'s tracked changes;
the page check's paragraph split at a character. (A draft's body is written as text by
:mod:`drafter.writers.docx.wordml`, without python-docx.)
"""

from __future__ import annotations

import copy

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# CT_RPr's children that must follow w:spacing (ECMA-376 §17.3.2.28 sequence).
_RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
# CT_PPrBase's children in schema order (ECMA-376 §17.3.1.26), to insert a flag at its place.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)

def _in_order(parent: BaseOxmlElement, tag: str, order: tuple[str, ...]) -> BaseOxmlElement:
    """The ``tag`` child of ``parent``, created at its schema place if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *order[order.index(tag) + 1:])
    return found


def set_flag(ppr: BaseOxmlElement, tag: str, on: bool) -> None:
    """An on/off paragraph property (``w:kinsoku``, ``w:overflowPunct``, ``w:snapToGrid``,
    ``w:widowControl``…) written explicitly, so no application falls back to its own default."""
    _in_order(ppr, tag, _PPR_ORDER).set(qn("w:val"), "1" if on else "0")


def set_line_breaking(settings: BaseOxmlElement, lang: str, no_start: str, no_end: str) -> None:
    """The 避头尾 character sets of ``lang``, named in the settings rather than left to each
    application's built-in (and differing) lists."""
    anchor = settings.find(qn("w:characterSpacingControl"))
    for tag, chars in (("w:noLineBreaksBefore", no_start), ("w:noLineBreaksAfter", no_end)):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
        element = OxmlElement(tag)
        element.set(qn("w:lang"), lang)
        element.set(qn("w:val"), chars)
        anchor.addnext(element)  # after characterSpacingControl: After, then Before, in schema order


def child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The first ``tag`` child of ``parent``, created (appended) if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_rfonts(rpr: BaseOxmlElement, east_asian: str, latin: str) -> None:
    """Name the fonts of ``w:rPr`` explicitly, dropping theme fonts that would override them."""
    rfonts = rpr.get_or_add_rFonts()  # python-docx inserts it at its place in CT_RPr's sequence
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        rfonts.set(qn(attr), name)


def set_lang(rpr: BaseOxmlElement, east_asian: str = "zh-CN") -> None:
    """Mark text as Chinese so Word applies Chinese line-breaking and proofing."""
    child(rpr, "w:lang").set(qn("w:eastAsia"), east_asian)


def doc_defaults_rpr(styles_element: BaseOxmlElement) -> BaseOxmlElement:
    """``w:docDefaults/w:rPrDefault/w:rPr``: the base every style and the grid inherit."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    return child(child(defaults, "w:rPrDefault"), "w:rPr")


def doc_defaults_ppr(styles_element: BaseOxmlElement) -> BaseOxmlElement:
    """``w:docDefaults/w:pPrDefault/w:pPr``: paragraph properties every style inherits."""
    doc_defaults_rpr(styles_element)  # rPrDefault comes first in the schema
    return child(child(styles_element.find(qn("w:docDefaults")), "w:pPrDefault"), "w:pPr")


def set_doc_grid(sect_pr: BaseOxmlElement, line_pitch_twips: int) -> None:
    """``w:docGrid`` of type "lines": a fixed number of lines per page.

    Not "linesAndChars": LibreOffice lays out a negative ``charSpace`` as two grid cells
    per character, halving the line; the 28 characters come from character spacing.
    """
    grid = child(sect_pr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))
    grid.attrib.pop(qn("w:charSpace"), None)


def set_char_spacing(rpr: BaseOxmlElement, twentieths: int) -> None:
    """``w:spacing`` in a run's properties: extra (negative: less) space between characters."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)
    spacing.set(qn("w:val"), str(twentieths))


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a complex field (e.g. ``PAGE``) to ``paragraph``; Word computes its value."""

    def run_with(*children: BaseOxmlElement) -> None:
        run = paragraph.add_run()
        for element in children:
            run._r.append(element)

    def fld_char(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(fld_char("begin"))
    run_with(instr)
    run_with(fld_char("separate"))
    run_with(text)
    run_with(fld_char("end"))


def element(proxy: Paragraph | Run | Table) -> BaseOxmlElement:
    """The ``w:p``, ``w:r`` or ``w:tbl`` behind a python-docx object, for what its API does not
    reach (outline levels, list numbering, row lists, a run's copy)."""
    return proxy._element


def section_properties(section: Section) -> BaseOxmlElement:
    """A section's ``w:sectPr`` (where ``w:docGrid`` goes)."""
    return section._sectPr


def numbering_element(document: DocxDocument) -> BaseOxmlElement | None:
    """The document's ``w:numbering`` (its list definitions), or None where it has none: LibreOffice
    writes no numbering part for a document without lists, and python-docx cannot make one up."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def style_id(proxy: Paragraph | Run) -> str | None:
    """The paragraph's or run's own style id as stored (None: the default style), without
    python-docx's lookup through the styles part (which scans every style, for every paragraph
    and run)."""
    return proxy._element.style


def split_run(run: Run) -> Run:
    """A copy of ``run`` (its formatting and text) placed right after it, returned."""
    twin = copy.deepcopy(run._r)
    run._r.addnext(twin)
    return Run(twin, run._parent)


# -- Tracked changes (drafter compare) ------------------------------------------------------
# A 花脸稿 is an ordinary document whose differences are Word revisions: inserted runs wrapped in
# w:ins, deleted runs in w:del with w:delText, and a whole inserted or deleted paragraph marked
# on its paragraph mark (w:pPr/w:rPr/w:ins|w:del), so Accept All / Reject All in Word and WPS
# give exactly one year's text or the other's (ECMA-376 §17.13.5).


def _revision(tag: str, revision: int, author: str, date: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(revision))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    return element


def add_tracked_run(paragraph: Paragraph, text: str, change: str | None, revision: int, author: str,
                    date: str) -> None:
    """Append ``text`` to ``paragraph`` as plain text (``change`` None), an insertion ("ins") or
    a deletion ("del")."""
    run = paragraph.add_run(text)
    if change is None:
        return
    wrapper = _revision(f"w:{change}", revision, author, date)
    run._r.addprevious(wrapper)
    wrapper.append(run._r)
    if change == "del":
        for text_element in run._r.findall(qn("w:t")):
            text_element.tag = qn("w:delText")


def mark_paragraph(paragraph: Paragraph, change: str, revision: int, author: str, date: str) -> None:
    """Mark the paragraph mark itself as inserted or deleted (a whole paragraph added or removed)."""
    rpr = child(paragraph._p.get_or_add_pPr(), "w:rPr")
    rpr.append(_revision(f"w:{change}", revision, author, date))


# -- Splitting a paragraph (the rendered page's kept tail, drafter.pages) -------------------


def split_paragraph(paragraph: Paragraph, offset: int) -> Paragraph:
    """Split ``paragraph`` at ``offset`` characters of its text (its ``w:t`` elements in order):
    it keeps the text before, a copy inserted after it holds the rest, each run keeping its own
    properties. Returns the copy."""
    p = paragraph._p
    tail = copy.deepcopy(p)
    p.addnext(tail)
    _keep_text(p, 0, offset)
    _keep_text(tail, offset, None)
    return Paragraph(tail, paragraph._parent)


def text_of(paragraph: Paragraph) -> str:
    """The paragraph's text as :func:`split_paragraph` counts it: its ``w:t`` elements in order."""
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


def follows(paragraph: Paragraph, before: Paragraph) -> bool:
    """Does ``paragraph`` come right after ``before`` in the body (no table between)?"""
    return before._p.getnext() is paragraph._p


def _keep_text(p: BaseOxmlElement, start: int, end: int | None) -> None:
    """Keep characters ``start``–``end`` of the paragraph's text; runs left without text go."""
    position = 0
    for t in list(p.iter(qn("w:t"))):
        text = t.text or ""
        low = min(max(start - position, 0), len(text))
        high = len(text) if end is None else min(max(end - position, 0), len(text))
        position += len(text)
        t.text = text[low:high]
        run = t.getparent()
        if not t.text and not any((other.text or "") for other in run.iter(qn("w:t"))):
            run.getparent().remove(run)
