"""The few WordprocessingML pieces python-docx has no API for, one helper per element.

Kept apart so the writer reads as layout, and so the raw XML is in one reviewed place:
``w:rFonts/@w:eastAsia`` (without it Word shows Chinese in the theme font, not 仿宋),
``w:docGrid`` (22 lines a page), ``w:spacing`` (28 characters a line), ``w:lang`` and
the ``PAGE`` field.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# CT_RPr's children that must follow w:spacing (ECMA-376 §17.3.2.28 sequence).
_RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)


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
