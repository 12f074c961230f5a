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

import re

from .. import formal
from ...model import Document, Heading, ItemList, Paragraph, Table
from ...title import break_title, per_line, width
from ...spans import Span, attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans
from ...style import EAST_ASIAN_PUNCTUATION, PUNCTUATION_LANG, GB9704, Length, Pt, Style, chars
from ...style import HEADING_STYLE_IDS, LEAD_STYLE_ID, RUNIN_STYLE_ID, STYLE_ID, role_styles
from . import wordml
from .package import core_properties, package, skeleton_parts
from .tables import NUMBER, column_widths


def _visual_width(text: str, size: Length) -> float:
    """Printed width in points: CJK characters one em, Latin letters and digits half."""
    return width(text) * size.pt


_AMBIGUOUS = re.compile(f"([{re.escape(EAST_ASIAN_PUNCTUATION)}]+)")


class Writer:
    """Writes model blocks as WordprocessingML paragraphs and tables, one method per block type."""

    def __init__(self, house: Style, reference: bytes | None = None) -> None:
        self.house = house
        self.faces = {style_id: spec.east_asian for style_id, spec in role_styles(house).items()}
        self.punctuation_lang = PUNCTUATION_LANG if house.lang != PUNCTUATION_LANG else None
        self.skeleton = skeleton_parts(house, reference)
        self.blocks: list[wordml.Paragraph | str] = []  # paragraphs, and tables as markup
        self.section = self.skeleton.section  # the last one's: a formal copy's unnumbered pages change it

    def runs(self, paragraph: wordml.Paragraph, text: str, style_id: str | None = None, face: str = "") -> None:
        """Runs of ``text``: quotes, dashes and ellipses in a run of their own set in ``face``, the
        East Asian font of the role (they would otherwise fall into Times New Roman)."""
        for piece in _AMBIGUOUS.split(text) if face else (text,):
            if not piece:
                continue
            if face and _AMBIGUOUS.fullmatch(piece):
                paragraph.add(piece, wordml.Font(style_id, face, hint=True, lang=self.punctuation_lang))
            else:
                paragraph.add(piece, wordml.Font(style_id) if style_id else None)

    def paragraph(self, text: str = "", style_id: str | None = None) -> wordml.Paragraph:
        """A new paragraph in the style with that id (None: Normal)."""
        paragraph = wordml.Paragraph(style_id)
        self.blocks.append(paragraph)
        if text:
            self.runs(paragraph, text, face=self.faces.get(style_id, ""))
        return paragraph

    def spans(self, spans: list[Span], style_id: str | None = None, runin_id: str | None = None) -> wordml.Paragraph:
        """One paragraph from tagged runs: heading runs take the paragraph style, body runs
        after a heading the run-in character style, lead sentences the lead style."""
        paragraph = self.paragraph(style_id=style_id)
        char_styles = {"heading": None, "body": runin_id, "lead": LEAD_STYLE_ID}
        for text, role in spans:
            run_style = char_styles[role]
            face = self.faces[RUNIN_STYLE_ID] if run_style == RUNIN_STYLE_ID else self.faces.get(style_id, "")
            self.runs(paragraph, text, run_style, face)
        return paragraph

    def heading(self, block: Heading) -> None:
        paragraph = self.spans(heading_spans(block), HEADING_STYLE_IDS[block.level - 1], RUNIN_STYLE_ID)
        if block.runin is not None:  # a run-in heading is a body paragraph: no need to pull the next one along
            paragraph.keep_next = False

    def body_paragraph(self, block: Paragraph) -> None:
        self.spans(paragraph_spans(block))

    def item_list(self, block: ItemList) -> None:
        for spans in item_paragraphs(block):
            self.spans(spans)

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph(block.caption, STYLE_ID["caption"])
        numeric = [all(NUMBER.match(row[i].strip()) for row in block.rows if i < len(row)) and bool(block.rows)
                   for i in range(len(block.header))]
        widths = column_widths([block.header, *block.rows], self.house.table.size, self.house.page.text_width)
        rows = []
        for index, values in enumerate([block.header, *block.rows]):  # the sheet gives every row as many cells
            cells = []
            for column, value in enumerate(values):
                cell = wordml.Paragraph(STYLE_ID["table"])
                if index and numeric[column]:  # figures flush right, so their digits line up
                    cell.align = "right"
                self.runs(cell, value, face=self.faces[STYLE_ID["table"]])
                cells.append(cell)
            rows.append(cells)
        self.blocks.append(wordml.table(self.skeleton.table_style, [w.twips for w in widths], rows))

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
        blocks = self.blocks
        last = blocks[-1] if blocks and (issuer or date) else None
        kept = [last] if isinstance(last, wordml.Paragraph) else []
        if kept and width(kept[0].text) + 2 <= house.page.chars_per_line:
            previous = blocks[-2] if len(blocks) > 1 else None  # a last paragraph of one line brings the line before it
            if isinstance(previous, wordml.Paragraph):
                kept.insert(0, previous)
        for paragraph in kept:
            paragraph.keep_next = paragraph.widow_control = True
        date_indent = house.date.right_indent or Pt(0)
        if issuer:
            first = self.paragraph(issuer, STYLE_ID["issuer"])
            if date:
                offset = (_visual_width(date, house.date.size) - _visual_width(issuer, house.issuer.size)) / 2
                first.right = Pt(max(0.0, date_indent.pt + offset)).twips
            else:
                first.right = chars(2).twips
        if date:
            paragraph = self.paragraph(date, STYLE_ID["date"])
            first = first or paragraph
        if first is not None:
            first.before = Length(house.page.line_pitch * house.lines_before_signature).twips
        for line in closing:
            self.paragraph(line, STYLE_ID["closing"])
        block = self.blocks[-(bool(issuer) + bool(date) + len(closing)):] if (issuer or date) else []
        for paragraph in block[:-1]:
            paragraph.keep_next = True  # type: ignore[union-attr]

    def attachment_note(self, model: Document) -> None:
        """附件说明 (GB/T 9704-2012 7.3.4): one line below the body, 左空二字, "附件：1.名称"; the
        next names, and a long name's second line, align with the first name's first character."""
        lines = attachment_note(model.attachments)
        label = chars(len("附件：") + (len("1.") / 2 if len(lines) > 1 else 0))
        for n, line in enumerate(lines):
            paragraph = self.paragraph(line)
            paragraph.left = Length(chars(2) + label).twips
            paragraph.first_line = -label.twips if n == 0 else 0
            if n == 0:
                paragraph.before = self.house.page.line_pitch.twips

    def attachment_pages(self, model: Document) -> None:
        """Each attachment printed with the report on a new page (7.3.7): "附件2" in 3号黑体 flush
        left on the first line, its title centred on the third in the title's type, then its text."""
        house = self.house
        for label, attachment in attachment_pages(model.attachments):
            head = self.paragraph()
            head.page_break_before, head.first_line = True, 0
            head.add(label, wordml.Font(east_asian=house.headings[0].east_asian, latin=house.headings[0].latin))
            title = self.paragraph()
            title.before = title.after = house.page.line_pitch.twips
            title.align, title.first_line = house.title.align, 0
            title.add(attachment.title, wordml.Font(east_asian=house.title.east_asian, latin=house.title.latin,
                                                    size=int(house.title.size.pt * 2)))
            for text in attachment.body:
                self.paragraph(text)

    def write(self, model: Document) -> str:
        """The draft's ``word/document.xml``."""
        if model.formal is not None:
            formal.masthead(self, model.formal)
        lines = model.title if len(model.title) > 1 else break_title("".join(model.title), per_line(self.house))
        head = [self.paragraph(line, STYLE_ID["title"]) for line in lines if line]
        if model.byline:
            head.append(self.paragraph(model.byline, STYLE_ID["byline"]))
        if head and model.formal is not None:
            formal.title_space(head[0], self.house)
        if head:  # 标题下空一行 (7.3.2)
            head[-1].after = self.house.page.line_pitch.twips
        if model.addressee:
            self.paragraph(model.addressee, STYLE_ID["addressee"])
        handlers = {Heading: self.heading, Paragraph: self.body_paragraph, ItemList: self.item_list, Table: self.table}
        for block in model.body:
            handlers[type(block)](block)  # type: ignore[operator]
        self.attachment_note(model)
        self.signature(model.issuer, model.date, model.closing)
        self.attachment_pages(model)
        if model.formal is not None:  # the 版记 closes the whole document, attachments included
            formal.colophon(self, model.formal)
        body = "".join(block if isinstance(block, str) else block.xml() for block in self.blocks)
        return wordml.check_characters(f"{self.skeleton.head}{body}{self.section}</w:body></w:document>")


CORE_PROPERTY_LIMIT = 255  # the longest title and author a draft's properties carry


def _property(text: str) -> str:
    """A core property within :data:`CORE_PROPERTY_LIMIT`: a long title is cut with “…” in the
    file's properties (Word's 文件信息); the page itself keeps the whole title."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def write_docx(model: Document, house: Style = GB9704, reference: bytes | None = None, stamped: bool = False) -> bytes:
    """Lay out a numbered document as .docx bytes (the caller decides where they go); a
    ``reference`` document (a pack's own, see :func:`pack_reference`) replaces drafter's;
    ``stamped``: with the digest that marks a draft as drafter's own (see :mod:`drafter.stamp`)."""
    document = Writer(house, reference).write(model).encode("utf-8")
    properties = core_properties(_property("".join(model.title)), _property(model.issuer or ""))
    return package(document, properties, house, reference, stamped)
