"""Write the document model as a GB/T 9704-2012 Word file.

Every role gets a named style (headings use Word's own "Heading 1–4" so the navigation
pane shows the outline), and every style takes its fonts and measures from
:mod:`drafter.style`. Run-in headings keep the heading style on the paragraph and set the
body that follows in a character style, so the body reads in 仿宋 whatever the level.

The trade-off of run-in headings: Word's navigation pane lists the whole paragraph. Word's
style separator (the heading as a paragraph of its own whose mark is hidden with specVanish,
the body in the next paragraph) would list the heading alone, but LibreOffice 7.4, which makes
the PDF, lays that out as two paragraphs, the heading on a line by itself; one layout in every
application was chosen over a shorter outline entry.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Length, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from .. import ooxml
from . import formal
from ..errors import Problem, TemplateError
from ..model import Document, Heading, ItemList, Paragraph, Table
from ..title import break_title, per_line, width
from ..spans import Span, attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans
from ..stamp import CORE, stamped_core
from ..style import BODY_SIZE, EAST_ASIAN_PUNCTUATION, PUNCTUATION_LANG, FACES, GB9704, Face, NO_LINE_END, NO_LINE_START, PageLayout, SCRIPT_LANGS, Style, TextStyle, chars
from ..style import ROLES, STYLE_ID, TABLE_RULE, TABLE_STYLE
from ..text import HAN

DRAFT_MARK = "由 drafter 根据事实表生成的初稿"
"""The comments property of every draft: how a rebuild recognises a file drafter wrote."""

# Style ids and names, by kind, from the one role table (style.ROLES) the .docx reader also uses.
PARAGRAPH_STYLES = {role.id: role.name for role in ROLES if role.kind == "paragraph"}
RUNIN_STYLE_ID, LEAD_STYLE_ID = STYLE_ID["runin"], STYLE_ID["lead"]
CHARACTER_STYLES = {role.id: role.name for role in ROLES if role.kind == "character"}
HEADING_STYLES = [role.name for role in ROLES if role.kind == "heading"]
HEADING_STYLE_IDS = [role.id for role in ROLES if role.kind == "heading"]
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
    fmt.alignment = spec.align
    fmt.first_line_indent = spec.first_line_indent or Pt(0)
    fmt.left_indent = spec.left_indent or Pt(0)
    fmt.right_indent = spec.right_indent or Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = page.line_pitch
    fmt.widow_control = False  # 撑满版心 (5.2.3): a page holds 22 lines, none pushed over to avoid a widow


def _style(doc: docx.document.Document, style_id: str, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    style = doc.styles.add_style(style_id, kind)
    style.name = name
    style.base_style = doc.styles["Normal"] if kind == WD_STYLE_TYPE.PARAGRAPH else None
    style.quick_style = True
    return style


def _roles(house: Style) -> dict[str | None, TextStyle]:
    """The role each style id stands for (None: Normal, the body)."""
    return {None: house.body, **{role.id: role.text(house) for role in ROLES if role.text is not None}}


def _setup_styles(doc: docx.document.Document, house: Style) -> None:
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
    roles = _roles(house)
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
        table_style.paragraph_format.line_spacing = Twips(house.page.line_pitch.twips - TABLE_RULE.twips)
        ooxml.set_flag(table_style.element.get_or_add_pPr(), "w:snapToGrid", False)  # on it, a line takes a whole pitch
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


def _visual_width(text: str, size: Length) -> float:
    """Printed width in points: CJK characters one em, Latin letters and digits half."""
    return width(text) * size.pt


REFERENCE = Path(__file__).parent.parent / "data" / "reference.docx"
"""drafter's reference document for :data:`~drafter.style.GB9704`, shipped with it and generated
by :func:`reference_docx` (``python -m drafter.writers.docx`` writes it again after a change to
:mod:`drafter.style`; a test fails while the shipped one is stale). Open it in Word to see
every style of a draft."""


def shipped_reference(house: Style) -> Path | None:
    """The shipped reference document of ``house`` when it is drafter's style in one of its
    scripts: ``reference.docx``, or ``reference-zh-TW.docx``/``reference-zh-HK.docx`` for the
    traditional faces (building one from python-docx's template costs a build's own time)."""
    for script, lang in SCRIPT_LANGS.items():
        if house == GB9704.for_script(script):
            return REFERENCE if script == "simplified" else REFERENCE.with_name(f"reference-{lang}.docx")
    return None


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STALE_RELS = ("/stylesWithEffects", "/customXml", "/thumbnail", "/webSettings")
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def _font_table(house: Style) -> bytes:
    """``word/fontTable.xml`` naming every face of the draft with its alternate name, charset,
    panose and family, so Word and WPS without 仿宋_GB2312 take 仿宋 rather than any font."""
    fonts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}">']
    for name in house.faces():
        face = FACES.get(name, Face(charset="00", panose="00000000000000000000", family="auto", pitch="variable"))
        alt = f'<w:altName w:val="{face.alt}"/>' if face.alt else ""
        fonts.append(f'<w:font w:name="{name}">{alt}<w:panose1 w:val="{face.panose}"/><w:charset w:val="{face.charset}"/>'
                     f'<w:family w:val="{face.family}"/><w:pitch w:val="{face.pitch}"/></w:font>')
    return ("".join(fonts) + "</w:fonts>").encode("utf-8")


_APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/extended-properties"><Application>drafter</Application><DocSecurity>0</DocSecurity>'
            b'</Properties>')
"""An honest ``docProps/app.xml``: written by drafter, no page or word count it cannot know."""


def _theme(blob: bytes, house: Style) -> bytes:
    """The theme with its Japanese faces (ＭＳ 明朝, ＭＳ ゴシック) replaced by the draft's own."""
    major, minor = house.headings[0].east_asian, house.body.east_asian
    blob = re.sub(rb'<a:font script="Jpan" typeface="[^"]*"/>', b"", blob)
    for tag, face in ((b"majorFont", major), (b"minorFont", minor)):
        blob = re.sub(rb"(<a:" + tag + rb">.*?<a:ea typeface=\")[^\"]*", lambda m: m.group(1) + face.encode(), blob,
                      count=1, flags=re.S)
    return blob


def reference_docx(house: Style) -> bytes:
    """The empty draft of ``house``: page, styles, footers and settings from :mod:`drafter.style`,
    cleared of what python-docx's template brings along and a draft does not use (styles with
    effects, a blank thumbnail, bibliography sources, Japanese theme fonts, a Mac Word app.xml)."""
    doc = docx.Document()
    _setup_page(doc, house)
    _setup_styles(doc, house)
    package = doc.part.package
    for owner in (package, doc.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_STALE_RELS):
                owner.rels.pop(r_id)
    settings = doc.settings.element
    for stale in settings.findall(qn("w:savePreviewPicture")) + settings.findall(qn("w:rsids")):
        settings.remove(stale)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML
        elif part.partname == "/word/fontTable.xml":
            part._blob = _font_table(house)
        elif part.partname == "/word/theme/theme1.xml":
            part._blob = _theme(part.blob, house)
    props = doc.core_properties
    props.author = props.last_modified_by = "drafter"
    props.created = props.modified = dt.datetime(*_FIXED_TIME)
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()  # the same bytes every time: fixed entry times, so the shipped file can be compared
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), source.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


@lru_cache(maxsize=4)
def _skeleton(house: Style, reference: bytes | None = None) -> bytes:
    """The document a draft starts from: a pack's own ``reference.docx``, else the shipped one
    for the standard style, else one made once per style (setting up some forty styles costs
    more than writing a whole report)."""
    if reference is not None:
        return reference
    shipped = shipped_reference(house)
    return shipped.read_bytes() if shipped is not None else reference_docx(house)


@lru_cache(maxsize=4)
def _template(house: Style, reference: bytes | None = None) -> docx.document.Document:
    """The skeleton opened once per process and reused: each write empties its body again and
    sets every core property. Writes in one process must therefore not overlap (they don't:
    the CLI is single-threaded and batches use processes)."""
    return docx.Document(io.BytesIO(_skeleton(house, reference)))


@lru_cache(maxsize=4)
def _section(house: Style, reference: bytes | None = None) -> BaseOxmlElement:
    """The skeleton's section properties as shipped: each write starts from these, as a formal
    copy's unnumbered last pages change them in the reused template (see :func:`_template`)."""
    return docx.Document(io.BytesIO(_skeleton(house, reference))).element.body.sectPr


@lru_cache(maxsize=4)
def _skeleton_entries(house: Style, reference: bytes | None = None) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The skeleton's zip entries, in order; all but the body and the properties are reused as they are."""
    with zipfile.ZipFile(io.BytesIO(_skeleton(house, reference))) as archive:
        return tuple((info, archive.read(info)) for info in archive.infolist())


_CHANGED_PARTS = ("word/document.xml", CORE)


@lru_cache(maxsize=4)
def _unchanged_zip(house: Style, reference: bytes | None = None) -> bytes:
    """The skeleton's parts but the body and the properties, compressed once per process
    ([Content_Types].xml first): each draft's two parts are appended to a copy of it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in _skeleton_entries(house, reference):
            if info.filename not in _CHANGED_PARTS:
                archive.writestr(info.filename, data)
    return buffer.getvalue()


def _package(doc: docx.document.Document, house: Style, reference: bytes | None = None, stamped: bool = False) -> bytes:
    """The .docx bytes: the skeleton's parts with this draft's body and properties. Only the
    two changed parts are serialised and compressed, instead of every part as ``save`` does;
    ``stamped`` writes the digest of every part into the properties (:mod:`drafter.stamp`)."""
    changed = {part.partname.lstrip("/"): part.blob for part in doc.part.package.iter_parts()
               if part.partname.lstrip("/") in _CHANGED_PARTS}
    if stamped:  # the parts in the order they are written: the skeleton's, then the two changed
        parts = [(info.filename, data) for info, data in _skeleton_entries(house, reference)
                 if info.filename not in _CHANGED_PARTS]
        changed[CORE] = stamped_core(parts + [(name, changed[name]) for name in _CHANGED_PARTS])
    buffer = io.BytesIO(_unchanged_zip(house, reference))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:  # fast: on every build
        for name in _CHANGED_PARTS:
            archive.writestr(name, changed[name])
    return buffer.getvalue()


_NUMBER = re.compile(rf"^[-+]?[\d,.]+\s*(%|‰|[{HAN}]{{0,3}})$")
_CELL_MARGINS = Twips(2 * 108)  # Word's default left and right cell margins


def column_widths(rows: list[list[str]], size: Length, total: Length) -> list[Length]:
    """Column widths from content: each column gets at least the width of its longest word
    (a word, a figure with its unit or a bracketed group never breaks: "乡镇（街道）", "2.2个百分点"),
    then the room left is shared out in proportion to how much more each column's longest cell
    would like, so short columns are not stretched while a long one wraps."""
    columns = len(rows[0])
    cells = [[row[i] if i < len(row) else "" for row in rows] for i in range(columns)]
    margin = _CELL_MARGINS.pt
    least = [max(max((width(w) for w in _unbreakable(c)), default=1) for c in col) * size.pt + margin
             for col in cells]
    most = [max(width(c) for c in col) * size.pt + margin for col in cells]
    room = total.pt - sum(least)
    if room <= 0:  # even the words do not fit: share the width by the words' own proportions
        return [Length(int(total * w / sum(least))) for w in least]
    wish = [m - l for m, l in zip(most, least)]
    if sum(wish) <= room:  # everything fits on one line: spread the spare room evenly
        spare = (room - sum(wish)) / columns
        return [Length(int(Pt(m + spare))) for m in most]
    return [Length(int(Pt(l + room * w / sum(wish)))) for l, w in zip(least, wish)]


def _unbreakable(text: str) -> list[str]:
    """The pieces of a cell that must stay on one line: jieba's words, a number with the word
    after it ("2.2个"), a word with the bracket that follows it ("乡镇（街道）") and punctuation
    with the word before it."""
    from ..lint import _segmenter  # one jieba for the reviewer and the layout

    pieces: list[str] = []
    depth = 0
    for word in _segmenter()(text):
        glue = bool(pieces) and (depth > 0 or word[0] in "（(" or word[0] in NO_LINE_START
                                 or pieces[-1][-1].isdigit() or pieces[-1][-1] in NO_LINE_END
                                 or (pieces[-1][-1] == "." and word[0].isdigit()))
        depth += word.count("（") + word.count("(") - word.count("）") - word.count(")")
        if glue:
            pieces[-1] += word
        else:
            pieces.append(word)
    return pieces


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
        self.faces = {style_id: spec.east_asian for style_id, spec in _roles(house).items()}
        self.punctuation_lang = PUNCTUATION_LANG if house.lang != PUNCTUATION_LANG else None
        self.doc = _template(house, reference)
        body = self.doc.element.body
        for child in list(body):
            body.remove(child)
        body.append(copy.deepcopy(_section(house, reference)))  # a write may have changed the last one

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
        numeric = [all(_NUMBER.match(row[i].strip()) for row in block.rows if i < len(row)) and bool(block.rows)
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
        for line in closing:
            self.paragraph(line, "Closing")
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
            head.append(self.paragraph(model.byline, "Byline"))
        if head and model.formal is not None:
            formal.title_space(head[0], self.house)
        after_title = head[-1] if head else None
        if after_title is not None:  # 标题下空一行 (7.3.2)
            after_title.paragraph_format.space_after = self.house.page.line_pitch
        if model.addressee:
            self.paragraph(model.addressee, "Addressee")
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
    return _package(_Writer(house, reference).write(model), house, reference, stamped)


def pack_reference(folder: Path) -> bytes | None:
    """A template pack's own ``reference.docx``: drafter's reference document opened in Word,
    its styles changed (fonts, sizes, spacing) and saved into the pack folder. It must keep
    every style drafter writes with (checked here, so a draft never falls back to 正文)."""
    path = folder / "reference.docx"
    if not path.is_file():
        return None
    try:
        styles = {style.style_id for style in docx.Document(str(path)).styles}
    except Exception:  # python-docx raises several kinds for a file that is not a .docx
        raise TemplateError(Problem("模板的参考文档无法打开（不是有效的 .docx 文件）", path)) from None
    missing = [i for i in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, *HEADING_STYLE_IDS) if i not in styles]
    if missing:
        raise TemplateError(Problem(f"模板的参考文档缺少 drafter 的样式：{'、'.join(missing)}；"
                                    "请以 drafter/data/reference.docx 为底修改", path))
    return path.read_bytes()


if __name__ == "__main__":  # regenerate the shipped reference documents after a change to drafter.style
    for _script in SCRIPT_LANGS:
        shipped_reference(GB9704.for_script(_script)).write_bytes(reference_docx(GB9704.for_script(_script)))  # type: ignore[union-attr]
