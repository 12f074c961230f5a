"""Write the document model as a GB/T 9704-2012 Word file.

Every role gets a named style (headings use Word's own "Heading 1–4" so the navigation
pane shows the outline), and every style takes its fonts and measures from
:mod:`drafter.style`. Run-in headings keep the heading style on the paragraph and set the
body that follows in a character style, so the body reads in 仿宋 whatever the level.

The trade-off of run-in headings: Word's navigation pane lists the whole paragraph. Word's
style separator (the heading as a paragraph of its own whose mark is hidden with specVanish,
the body in the next paragraph) would list the heading alone, but LibreOffice 7.4, which makes
the PDF, lays that out as two paragraphs, the heading on a line by itself; one layout in every
application was chosen over a shorter outline entry."""

from __future__ import annotations

import copy
import datetime as dt
import re

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from ... import ooxml
from .. import formal
from ...model import Document, Heading, ItemList, Paragraph, Table
from ...title import break_title, per_line, width
from ...spans import Span, attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans
from ...style import EAST_ASIAN_PUNCTUATION, PUNCTUATION_LANG, GB9704, Style, chars
from ...style import LEAD_STYLE_ID, RUNIN_STYLE_ID, STYLE_ID, TABLE_STYLE
from .package import DRAFT_MARK, package, template
from .styles import HEADING_STYLE_IDS, TABLE_TEXT, role_styles
from .tables import NUMBER, column_widths


def _visual_width(text: str, size: Length) -> float:
    """Printed width in points: CJK characters one em, Latin letters and digits half."""
    return width(text) * size.pt


_AMBIGUOUS = re.compile(f"([{re.escape(EAST_ASIAN_PUNCTUATION)}]+)")


def _add_run(paragraph: DocxParagraph, text: str, style_id: str | None = None, face: str = "",
             lang: str | None = None) -> None:
    """Runs of ``text``: quotes, dashes and ellipses in a run of their own set in ``face``, the
    East Asian font of the role (they would otherwise fall into Times New Roman). Plain text
    goes into one ``w:t`` at once; python-docx's ``add_run`` walks it character by character
    (for tabs and breaks), which is most of a build's time."""
    for piece in _AMBIGUOUS.split(text) if face else (text,):
        if not piece:
            continue
        if "\t" in piece or "\n" in piece or "\r" in piece:
            run = ooxml.element(paragraph.add_run(piece))
        else:
            run = ooxml.new_run(paragraph, piece)
        if style_id:
            run.style = style_id
        if face and _AMBIGUOUS.fullmatch(piece):
            ooxml.east_asian_run(run, face, lang)


class _Writer:
    """Appends model blocks to a python-docx document, one method per block type."""

    def __init__(self, house: Style, reference: bytes | None = None) -> None:
        self.house = house
        self.faces = {style_id: spec.east_asian for style_id, spec in role_styles(house).items()}
        self.punctuation_lang = PUNCTUATION_LANG if house.lang != PUNCTUATION_LANG else None
        self.doc, section = template(house, reference)
        body = self.doc.element.body
        for child in list(body):
            body.remove(child)
        body.append(copy.deepcopy(section))  # as shipped: a write may have changed the last one

    def paragraph(self, text: str = "", style_id: str | None = None) -> DocxParagraph:
        """A new paragraph in the style with that id (None: Normal). Styles are set by id on the
        element: python-docx's lookup by name scans every style, for every paragraph and run."""
        paragraph = self.doc.add_paragraph()
        if style_id:
            ooxml.set_style_id(paragraph, style_id)
        if text:
            _add_run(paragraph, text, face=self.faces.get(style_id, ""), lang=self.punctuation_lang)
        return paragraph

    def spans(self, spans: list[Span], style_id: str | None = None, runin_id: str | None = None) -> DocxParagraph:
        """One paragraph from tagged runs: heading runs take the paragraph style, body runs
        after a heading the run-in character style, lead sentences the lead style."""
        paragraph = self.paragraph(style_id=style_id)
        char_styles = {"heading": None, "body": runin_id, "lead": LEAD_STYLE_ID}
        for text, role in spans:
            run_style = char_styles[role]
            face = self.faces[RUNIN_STYLE_ID] if run_style == RUNIN_STYLE_ID else self.faces.get(style_id, "")
            _add_run(paragraph, text, run_style, face, self.punctuation_lang)
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
            self.paragraph(block.caption, STYLE_ID["caption"])
        grid = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        grid.style = self.doc.styles[TABLE_STYLE]
        grid.autofit = False  # fixed layout: the widths below, not the application's guess
        numeric = [all(NUMBER.match(row[i].strip()) for row in block.rows if i < len(row)) and bool(block.rows)
                   for i in range(len(block.header))]
        widths = column_widths([block.header, *block.rows], self.house.table.size, self.house.page.text_width)
        for index, (cells, values) in enumerate(zip(grid.rows, [block.header, *block.rows])):
            ooxml.set_row_flags(cells._tr, header=index == 0)
            for column, (cell, value, width_) in enumerate(zip(cells.cells, values, widths)):
                cell.width = width_
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                ooxml.set_style_id(paragraph, TABLE_TEXT)
                if index and numeric[column]:  # figures flush right, so their digits line up
                    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _add_run(paragraph, value, face=self.faces[TABLE_TEXT], lang=self.punctuation_lang)
        for column, width_ in zip(grid.columns, widths):
            column.width = width_

    def signature(self, issuer: str, date: str, closing: list[str]) -> None:
        """Issuer centred over the date, the date 右空四字 (GB/T 9704-2012 7.3.5, sealed layout),
        then the closing lines. The block is one unit that never starts a page by itself: each
        of its paragraphs keeps with the next, and the last body paragraph keeps with the block
        and its last two lines together (widow control on for that paragraph alone; a last
        paragraph of one line keeps the paragraph before it with the block too): "at least
        partly on the same page" (ECMA-376 17.3.1.15), so Word carries its last two lines over
        with the block. LibreOffice moves a kept paragraph only whole; the PDF is made from a
        copy that gives it those two lines as a paragraph of their own (:func:`drafter.pages.lay_out`)."""
        house, first = self.house, None
        body = self.doc.element.body
        kept = [body[-2]] if len(body) > 1 and body[-2].tag == qn("w:p") and (issuer or date) else []
        if kept and width(DocxParagraph(kept[0], self.doc._body).text) + 2 <= house.page.chars_per_line:
            previous = kept[0].getprevious()  # a last paragraph of one line brings the line before it
            if previous is not None and previous.tag == qn("w:p"):
                kept.insert(0, previous)
        for element in kept:
            layout = DocxParagraph(element, self.doc._body).paragraph_format
            layout.keep_with_next = layout.widow_control = True
        date_indent = house.date.right_indent or Pt(0)
        if issuer:
            first = self.paragraph(issuer, STYLE_ID["issuer"])
            if date:
                offset = (_visual_width(date, house.date.size) - _visual_width(issuer, house.issuer.size)) / 2
                first.paragraph_format.right_indent = Pt(max(0.0, date_indent.pt + offset))
            else:
                first.paragraph_format.right_indent = chars(2)
        if date:
            paragraph = self.paragraph(date, STYLE_ID["date"])
            first = first or paragraph
        if first is not None:
            first.paragraph_format.space_before = Length(house.page.line_pitch * house.lines_before_signature)
        for line in closing:
            self.paragraph(line, STYLE_ID["closing"])
        block = self.doc.paragraphs[-(bool(issuer) + bool(date) + len(closing)):] if (issuer or date) else []
        for paragraph in block[:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def attachment_note(self, model: Document) -> None:
        """附件说明 (GB/T 9704-2012 7.3.4): one line below the body, 左空二字, "附件：1.名称"; the
        next names, and a long name's second line, align with the first name's first character."""
        lines = attachment_note(model.attachments)
        label = chars(len("附件：") + (len("1.") / 2 if len(lines) > 1 else 0))
        for n, line in enumerate(lines):
            fmt = self.paragraph(line).paragraph_format
            fmt.left_indent = Length(chars(2) + label)
            fmt.first_line_indent = Length(-label) if n == 0 else Pt(0)
            if n == 0:
                fmt.space_before = self.house.page.line_pitch

    def attachment_pages(self, model: Document) -> None:
        """Each attachment printed with the report on a new page (7.3.7): "附件2" in 3号黑体 flush
        left on the first line, its title centred on the third in the title's type, then its text."""
        house = self.house
        for label, attachment in attachment_pages(model.attachments):
            head = self.paragraph()
            head.paragraph_format.page_break_before = True
            head.paragraph_format.first_line_indent = Pt(0)
            _add_run(head, label)
            ooxml.set_rfonts(ooxml.run_properties(head.runs[0]), house.headings[0].east_asian, house.headings[0].latin)
            title = self.paragraph()
            title.paragraph_format.space_before = house.page.line_pitch
            title.paragraph_format.space_after = house.page.line_pitch
            title.paragraph_format.alignment = house.title.align
            title.paragraph_format.first_line_indent = Pt(0)
            _add_run(title, attachment.title)
            ooxml.set_rfonts(ooxml.run_properties(title.runs[0]), house.title.east_asian, house.title.latin)
            title.runs[0].font.size = house.title.size
            for text in attachment.body:
                self.paragraph(text)

    def write(self, model: Document) -> docx.document.Document:
        if model.formal is not None:
            formal.masthead(self.doc, model.formal, self.house)
        lines = model.title if len(model.title) > 1 else break_title("".join(model.title), per_line(self.house))
        head = [self.paragraph(line, STYLE_ID["title"]) for line in lines if line]
        if model.byline:
            head.append(self.paragraph(model.byline, STYLE_ID["byline"]))
        if head and model.formal is not None:
            formal.title_space(head[0], self.house)
        after_title = head[-1] if head else None
        if after_title is not None:  # 标题下空一行 (7.3.2)
            after_title.paragraph_format.space_after = self.house.page.line_pitch
        if model.addressee:
            self.paragraph(model.addressee, STYLE_ID["addressee"])
        handlers = {Heading: self.heading, Paragraph: self.body_paragraph, ItemList: self.item_list, Table: self.table}
        for block in model.body:
            handlers[type(block)](block)  # type: ignore[operator]
        self.attachment_note(model)
        self.signature(model.issuer, model.date, model.closing)
        self.attachment_pages(model)
        if model.formal is not None:  # the 版记 closes the whole document, attachments included
            formal.colophon(self.doc, model.formal, self.house)
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


def write_docx(model: Document, house: Style = GB9704, reference: bytes | None = None, stamped: bool = False) -> bytes:
    """Lay out a numbered document as .docx bytes (the caller decides where they go); a
    ``reference`` document (a pack's own, see :func:`pack_reference`) replaces drafter's;
    ``stamped``: with the digest that marks a draft as drafter's own (see :mod:`drafter.stamp`)."""
    return package(_Writer(house, reference).write(model), house, reference, stamped)
