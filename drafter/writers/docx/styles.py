"""The Word styles of a draft, one per role of :data:`drafter.style.ROLES`, and the page:
fonts, sizes, the 28×22 grid, line breaking and the page-number footers."""

from __future__ import annotations

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, RGBColor
from docx.styles.style import BaseStyle

from ... import ooxml
from ...style import BODY_SIZE, NO_LINE_END, NO_LINE_START, PageLayout, Pt, Style, TextStyle, Twips
from ...style import LEAD_STYLE_ID, ROLES, RUNIN_STYLE_ID, STYLE_ID, TABLE_RULE, role_styles


# Style ids and names, by kind, from the one role table (style.ROLES) the .docx reader also uses.
PARAGRAPH_STYLES = {role.id: role.name for role in ROLES if role.kind == "paragraph"}
CHARACTER_STYLES = {role.id: role.name for role in ROLES if role.kind == "character"}
HEADING_STYLES = [role.name for role in ROLES if role.kind == "heading"]
TABLE_TEXT = STYLE_ID["table"]


def _apply(style: BaseStyle, spec: TextStyle, page: PageLayout) -> None:
    """Give a Word style the fonts, size, character spacing and layout of one role."""
    font = style.font
    font.size, font.bold, font.italic = spec.size, spec.bold, False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    ooxml.set_rfonts(rpr, spec.east_asian, spec.latin)
    if spec.size == BODY_SIZE:  # the 28-per-line grid is defined on body type
        ooxml.set_char_spacing(rpr, page.char_spacing(spec.size))
    color = rpr.find(qn("w:color"))
    if color is not None:
        color.attrib.pop(qn("w:themeColor"), None)
    if style.type != WD_STYLE_TYPE.PARAGRAPH:
        return
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.from_xml(spec.align)
    fmt.first_line_indent = spec.first_line_indent or Pt(0)
    fmt.left_indent = spec.left_indent or Pt(0)
    fmt.right_indent = spec.right_indent or Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Emu(page.line_pitch)  # python-docx takes a plain number as a multiple of lines
    fmt.widow_control = False  # 撑满版心 (5.2.3): a page holds 22 lines, none pushed over to avoid a widow


def _style(doc: docx.document.Document, style_id: str, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    style = doc.styles.add_style(style_id, kind)
    style.name = name
    style.base_style = doc.styles["Normal"] if kind == WD_STYLE_TYPE.PARAGRAPH else None
    style.quick_style = True
    return style


def setup_styles(doc: docx.document.Document, house: Style) -> None:
    rpr = ooxml.doc_defaults_rpr(doc.styles.element)
    ooxml.set_rfonts(rpr, house.body.east_asian, house.body.latin)
    ooxml.set_lang(rpr, house.lang)
    ppr = ooxml.doc_defaults_ppr(doc.styles.element)
    ooxml.set_flag(ppr, "w:widowControl", False)
    ooxml.set_flag(ppr, "w:kinsoku", True)  # 避头尾, with the sets named in the settings
    # Named explicitly: when w:overflowPunct is absent or off, LibreOffice sets a comma that
    # follows a full 28-character line past the margin and leaves it out of its PDF (every
    # such 。，、 was lost); named on, it keeps the comma and carries the line's last character
    # over with it (避头尾), and Word may hang it in the margin as Chinese Word does by default.
    ooxml.set_flag(ppr, "w:overflowPunct", True)
    rpr.sz_val = house.body.size  # the grid's character pitch is reckoned from this size
    _apply(doc.styles["Normal"], house.body, house.page)
    for name, spec in zip(HEADING_STYLES, house.headings):
        heading = doc.styles[name]
        _apply(heading, spec, house.page)
        heading.paragraph_format.keep_together = False  # a run-in heading paragraph may break
    roles = role_styles(house)
    for style_id, name in PARAGRAPH_STYLES.items():
        _apply(_style(doc, style_id, name, WD_STYLE_TYPE.PARAGRAPH), roles[style_id], house.page)
    for role in ROLES:
        if role.keep_with_next:
            doc.styles[role.name].paragraph_format.keep_with_next = True
    title = doc.styles[PARAGRAPH_STYLES[STYLE_ID["title"]]]
    # 2号 lines one grid pitch apart, off the grid: on it LibreOffice gives each 22 pt line two rows
    ooxml.set_flag(title.element.get_or_add_pPr(), "w:snapToGrid", False)
    # A table row is its lines plus one rule: lines a rule short of the pitch keep each one-line
    # row one grid line high, so the text after the table stays on the grid (else every line
    # after it sits 0.5 pt per row lower, and the page loses its 22nd line).
    # The caption gives up one rule's height too, for the rule above the table's first row.
    for role in (TABLE_TEXT, STYLE_ID["caption"]):
        table_style = doc.styles[PARAGRAPH_STYLES[role]]
        table_style.paragraph_format.line_spacing = Emu(Twips(house.page.line_pitch.twips - TABLE_RULE.twips))
        ooxml.set_flag(table_style.element.get_or_add_pPr(), "w:snapToGrid", False)  # on it, a line takes a whole pitch
    body_run = _style(doc, RUNIN_STYLE_ID, CHARACTER_STYLES[RUNIN_STYLE_ID], WD_STYLE_TYPE.CHARACTER)
    _apply(body_run, house.body, house.page)
    lead = _style(doc, LEAD_STYLE_ID, CHARACTER_STYLES[LEAD_STYLE_ID], WD_STYLE_TYPE.CHARACTER)
    lead.font.bold = house.item_lead_bold
    footer = doc.styles["Footer"]
    _apply(footer, house.page_number, house.page)
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    footer.paragraph_format.tab_stops.clear_all()


def setup_page(doc: docx.document.Document, house: Style) -> None:
    page = house.page
    section = doc.sections[0]
    section.page_width, section.page_height = page.width, page.height
    section.top_margin, section.bottom_margin = page.top, page.bottom
    section.left_margin, section.right_margin = page.left, page.right
    section.footer_distance = page.footer_distance
    ooxml.set_doc_grid(ooxml.section_properties(section), page.line_pitch.twips)
    doc.settings.odd_and_even_pages_header_footer = True
    settings = doc.settings.element
    ooxml.child(settings, "w:themeFontLang").set(qn("w:eastAsia"), house.lang)
    ooxml.set_line_breaking(settings, house.lang, NO_LINE_START, NO_LINE_END)
    for footer, align_right in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles["Footer"]
        fmt = paragraph.paragraph_format
        if align_right:  # odd pages: outer side is the right, one character in (7.5)
            fmt.alignment, fmt.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, house.page_number.size
        else:
            fmt.alignment, fmt.left_indent = WD_ALIGN_PARAGRAPH.LEFT, house.page_number.size
        dash = house.page_number_dash
        paragraph.add_run(f"{dash} ")
        ooxml.add_field(paragraph, "PAGE")
        paragraph.add_run(f" {dash}")
    # An empty footer, unused by the body (no w:titlePg): a formal copy's blank page and the
    # 版记 page after it take it, as they carry no page number (7.5).
    section.first_page_footer.is_linked_to_previous = False
