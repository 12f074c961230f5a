"""Write the document model as a GB/T 9704-2012 Word file.

Every role gets a named style (headings use Word's own "Heading 1–4" so the navigation
pane shows the outline), and every style takes its fonts and measures from
:mod:`drafter.style`. Run-in headings keep the heading style on the paragraph and set the
body that follows in a character style, so the body reads in 仿宋 whatever the level.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import lru_cache
import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Length, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from .. import ooxml
from ..model import Document, Heading, ItemList, Paragraph, Table
from ..spans import Span, heading_spans, item_paragraphs, paragraph_spans
from ..style import BODY_SIZE, GB9704, PageLayout, Style, TextStyle, chars

DRAFT_MARK = "由 drafter 根据事实表生成的初稿"
"""The comments property of every draft: how a rebuild recognises a file drafter wrote."""

# Style ids (ASCII, stable for readers) and the names a clerk sees in Word's style pane.
PARAGRAPH_STYLES = {
    "DocTitle": "公文标题",
    "Byline": "署名",
    "Addressee": "主送机关",
    "Issuer": "发文机关署名",
    "DocDate": "成文日期",
    "Closing": "文末附注",
    "TableCaption": "表题",
    "TableText": "表格文字",
}
RUNIN_STYLE_ID, LEAD_STYLE_ID = "RunInBody", "ItemLead"  # also how the .docx reader recognises them
CHARACTER_STYLES = {RUNIN_STYLE_ID: "标题后正文", LEAD_STYLE_ID: "条目小标题"}
HEADING_STYLES = [f"Heading {n}" for n in range(1, 5)]
HEADING_STYLE_IDS = [f"Heading{n}" for n in range(1, 5)]
_WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


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
    fmt.alignment = spec.align
    fmt.first_line_indent = spec.first_line_indent or Pt(0)
    fmt.left_indent = spec.left_indent or Pt(0)
    fmt.right_indent = spec.right_indent or Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = page.line_pitch


def _style(doc: docx.document.Document, style_id: str, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    style = doc.styles.add_style(style_id, kind)
    style.name = name
    style.base_style = doc.styles["Normal"] if kind == WD_STYLE_TYPE.PARAGRAPH else None
    style.quick_style = True
    return style


def _setup_styles(doc: docx.document.Document, house: Style) -> None:
    rpr = ooxml.doc_defaults_rpr(doc.styles.element)
    ooxml.set_rfonts(rpr, house.body.east_asian, house.body.latin)
    ooxml.set_lang(rpr)
    rpr.sz_val = house.body.size  # the grid's character pitch is reckoned from this size
    _apply(doc.styles["Normal"], house.body, house.page)
    for name, spec in zip(HEADING_STYLES, house.headings):
        heading = doc.styles[name]
        _apply(heading, spec, house.page)
        heading.paragraph_format.keep_with_next = True  # a heading on its own line stays with its text
        heading.paragraph_format.keep_together = False  # but a run-in heading paragraph may break
    roles = {
        "DocTitle": house.title,
        "Byline": house.byline,
        "Addressee": house.addressee,
        "Issuer": house.issuer,
        "DocDate": house.date,
        "Closing": house.closing,
        "TableCaption": house.table_caption,
        "TableText": house.table,
    }
    for style_id, name in PARAGRAPH_STYLES.items():
        _apply(_style(doc, style_id, name, WD_STYLE_TYPE.PARAGRAPH), roles[style_id], house.page)
    doc.styles[PARAGRAPH_STYLES["DocTitle"]].paragraph_format.keep_with_next = True
    body_run = _style(doc, RUNIN_STYLE_ID, CHARACTER_STYLES[RUNIN_STYLE_ID], WD_STYLE_TYPE.CHARACTER)
    _apply(body_run, house.body, house.page)
    lead = _style(doc, LEAD_STYLE_ID, CHARACTER_STYLES[LEAD_STYLE_ID], WD_STYLE_TYPE.CHARACTER)
    lead.font.bold = house.item_lead_bold
    footer = doc.styles["Footer"]
    _apply(footer, house.page_number, house.page)
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    footer.paragraph_format.tab_stops.clear_all()


def _setup_page(doc: docx.document.Document, house: Style) -> None:
    page = house.page
    section = doc.sections[0]
    section.page_width, section.page_height = page.width, page.height
    section.top_margin, section.bottom_margin = page.top, page.bottom
    section.left_margin, section.right_margin = page.left, page.right
    section.footer_distance = page.footer_distance
    ooxml.set_doc_grid(section._sectPr, page.line_pitch.twips)
    doc.settings.odd_and_even_pages_header_footer = True
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


def _visual_width(text: str, size: Length) -> float:
    """Printed width in points: CJK characters one em, Latin letters and digits half."""
    return sum(size.pt if _WIDE.match(ch) else size.pt / 2 for ch in text)


@lru_cache(maxsize=4)
def _skeleton(house: Style) -> bytes:
    """An empty document with the page, styles and footers of ``house``, made once per style:
    setting up some forty styles costs more than writing a whole report."""
    doc = docx.Document()
    _setup_page(doc, house)
    _setup_styles(doc, house)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=4)
def _template(house: Style) -> docx.document.Document:
    """The skeleton opened once per process and reused: each write empties its body again and
    sets every core property. Writes in one process must therefore not overlap (they don't:
    the CLI is single-threaded and batches use processes)."""
    return docx.Document(io.BytesIO(_skeleton(house)))


@lru_cache(maxsize=4)
def _skeleton_entries(house: Style) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The skeleton's zip entries, in order; all but the body and the properties are reused as they are."""
    with zipfile.ZipFile(io.BytesIO(_skeleton(house))) as archive:
        return tuple((info, archive.read(info)) for info in archive.infolist())


def _package(doc: docx.document.Document, house: Style) -> bytes:
    """The .docx bytes: the skeleton's parts with this draft's body and properties. Only the
    two changed parts are serialised, instead of re-serialising every part as ``save`` does."""
    changed = {part.partname.lstrip("/"): part.blob for part in doc.part.package.iter_parts()
               if part.partname in ("/word/document.xml", "/docProps/core.xml")}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in _skeleton_entries(house):
            archive.writestr(info.filename, changed.get(info.filename, data))
    return buffer.getvalue()


def _add_run(paragraph: DocxParagraph, text: str, style_id: str | None = None) -> None:
    """A run of ``text``. Plain text goes into one ``w:t`` at once; python-docx's ``add_run``
    walks it character by character (for tabs and breaks), which is most of a build's time."""
    if "\t" in text or "\n" in text or "\r" in text:
        run = paragraph.add_run(text)._r
    else:
        run = paragraph._p.add_r()
        run.add_t(text)
    if style_id:
        run.style = style_id


class _Writer:
    """Appends model blocks to a python-docx document, one method per block type."""

    def __init__(self, house: Style) -> None:
        self.house = house
        self.doc = _template(house)
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def paragraph(self, text: str = "", style_id: str | None = None) -> DocxParagraph:
        """A new paragraph in the style with that id (None: Normal). Styles are set by id on the
        element: python-docx's lookup by name scans every style, for every paragraph and run."""
        paragraph = self.doc.add_paragraph()
        if style_id:
            paragraph._p.style = style_id
        if text:
            _add_run(paragraph, text)
        return paragraph

    def spans(self, spans: list[Span], style_id: str | None = None, runin_id: str | None = None) -> DocxParagraph:
        """One paragraph from tagged runs: heading runs take the paragraph style, body runs
        after a heading the run-in character style, lead sentences the lead style."""
        paragraph = self.paragraph(style_id=style_id)
        char_styles = {"heading": None, "body": runin_id, "lead": LEAD_STYLE_ID}
        for text, role in spans:
            _add_run(paragraph, text, char_styles[role])
        return paragraph

    def heading(self, block: Heading) -> None:
        paragraph = self.spans(heading_spans(block), HEADING_STYLE_IDS[block.level - 1], RUNIN_STYLE_ID)
        if block.runin is not None:  # a run-in heading is a body paragraph: no need to pull the next one along
            paragraph.paragraph_format.keep_with_next = False

    def body_paragraph(self, block: Paragraph) -> None:
        self.spans(paragraph_spans(block))

    def item_list(self, block: ItemList) -> None:
        for spans in item_paragraphs(block):
            self.spans(spans)

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph(block.caption, "TableCaption")
        grid = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        grid.style = self.doc.styles["Table Grid"]
        for cells, values in zip(grid.rows, [block.header, *block.rows]):
            for cell, value in zip(cells.cells, values):
                cell.paragraphs[0]._p.style = "TableText"
                _add_run(cell.paragraphs[0], value)

    def signature(self, issuer: str, date: str) -> None:
        """Issuer centred over the date, the date 右空四字 (GB/T 9704-2012 7.3.5, sealed layout)."""
        house, first = self.house, None
        date_indent = house.date.right_indent or Pt(0)
        if issuer:
            first = self.paragraph(issuer, "Issuer")
            if date:
                offset = (_visual_width(date, house.date.size) - _visual_width(issuer, house.issuer.size)) / 2
                first.paragraph_format.right_indent = Pt(max(0.0, date_indent.pt + offset))
            else:
                first.paragraph_format.right_indent = chars(2)
        if date:
            paragraph = self.paragraph(date, "DocDate")
            first = first or paragraph
        if first is not None:
            first.paragraph_format.space_before = Length(house.page.line_pitch * house.lines_before_signature)

    def write(self, model: Document) -> docx.document.Document:
        for line in model.title:
            self.paragraph(line, "DocTitle")
        if model.byline:
            self.paragraph(model.byline, "Byline")
        after_title = self.doc.paragraphs[-1] if self.doc.paragraphs else None
        if after_title is not None:  # 标题下空一行 (7.3.2)
            after_title.paragraph_format.space_after = self.house.page.line_pitch
        if model.addressee:
            self.paragraph(model.addressee, "Addressee")
        handlers = {Heading: self.heading, Paragraph: self.body_paragraph, ItemList: self.item_list, Table: self.table}
        for block in model.body:
            handlers[type(block)](block)  # type: ignore[operator]
        self.signature(model.issuer, model.date)
        for line in model.closing:
            self.paragraph(line, "Closing")
        props = self.doc.core_properties
        props.title = _property("".join(model.title))
        props.author = props.last_modified_by = _property(model.issuer or "")
        props.comments = DRAFT_MARK
        props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        props.revision = 1
        return self.doc


CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core properties (title, author…)


def _property(text: str) -> str:
    """A core property within python-docx's limit: a long title is cut with “…” in the file's
    properties (Word's 文件信息); the page itself keeps the whole title."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def write_docx(model: Document, house: Style = GB9704) -> bytes:
    """Lay out a numbered document as .docx bytes (the caller decides where they go)."""
    return _package(_Writer(house).write(model), house)
