"""The 版头 and 版记 of the formal copy (GB/T 9704-2012 7.2 and 7.4), added around the body
that :mod:`drafter.writers.docx` lays out.

版头: 密级 and 紧急程度 top left in 黑体; the red 发文机关标志 centred with its upper edge
35 mm below the 版心's; two lines below it the 发文字号, centred, or for an upward document
one character from the left on the line of the last 签发人, who stand one character from
the right; a red rule as wide as the 版心 4 mm below the number; the title two lines below
the rule. 版记: 抄送 and 印发机关/印发日期 in 4号仿宋 between a thick first and last rule with a
thin one between, in frames stacked at the foot of the last page so that its last rule lies
on the 版心's lower edge. Every measure comes from :class:`drafter.style.FormalLayout`.
"""

from __future__ import annotations

import math

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Length, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from .. import ooxml
from ..errors import Problem, TemplateError
from ..model import Formal
from ..style import Style, TextStyle


def _eighths(weight: Length) -> int:
    """A rule's weight in Word's unit for borders, eighths of a point (at least one)."""
    return max(1, round(weight.pt * 8))


def _run(paragraph: DocxParagraph, text: str, spec: TextStyle, east_asian: str | None = None,
         color: str | None = None) -> None:
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = spec.size, spec.bold
    rpr = ooxml.run_properties(run)
    ooxml.set_rfonts(rpr, east_asian or spec.east_asian, spec.latin)
    ooxml.set_char_spacing(rpr, 0)  # the grid's −0.25 pt belongs to body type, not to these elements
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _line(paragraph: DocxParagraph, spec: TextStyle, height: Length, before: Length = Length(0)) -> None:
    """Alignment, no indents, an exact line ``height`` and ``before`` space above."""
    layout = paragraph.paragraph_format
    layout.alignment = spec.align
    layout.first_line_indent = layout.left_indent = layout.right_indent = Length(0)
    layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, height
    layout.space_before, layout.space_after = before, Length(0)
    layout.keep_with_next = True


def _signer_rows(signers: list[str], per_line: int) -> list[list[str]]:
    return [signers[i:i + per_line] for i in range(0, len(signers), per_line)] or [[]]


def masthead(doc: docx.document.Document, formal: Formal, house: Style) -> None:
    """Append the 版头 to an empty body; the title that follows gets its two lines in
    :func:`title_space`."""
    layout, pitch, width = house.formal, house.page.line_pitch, house.page.text_width
    corners = [text for text in (formal.secrecy, formal.urgency) if text]
    for text in corners:
        paragraph = doc.add_paragraph()
        _line(paragraph, layout.corner, pitch)
        _run(paragraph, text, layout.corner)
    # The mark is shrunk to fit the 版心 on one line and sits off the grid; its line is made as
    # tall as takes the page back onto the grid below it, so every later line of page 1 is on
    # the grid and the page still holds its full count of lines.
    size = Pt(min(layout.mark.size.pt, width.pt / max(len(formal.mark), 1)))
    mark_rows = math.ceil((layout.mark_top + size) / pitch)
    mark = doc.add_paragraph()
    _line(mark, layout.mark, Length(pitch * mark_rows - layout.mark_top),
          Length(max(0, layout.mark_top - pitch * len(corners))))
    ooxml.set_snap_to_grid(ooxml.paragraph_properties(mark), False)
    _run(mark, formal.mark, TextStyle(layout.mark.east_asian, size, layout.mark.bold, layout.mark.latin),
         color=layout.mark_color)
    rows = _signer_rows(formal.signers, layout.signers_per_line)
    one = Pt(layout.number.size.pt)  # 一字: one character of the number's type
    names_width = max(sum(len(name) for name in row) + len(row) - 1 for row in rows)
    names_at = Length(width - one * (1 + names_width))  # a left tab: later rows align with the first name
    for index, row in enumerate(rows):
        paragraph = doc.add_paragraph()
        _line(paragraph, layout.number, pitch, pitch * layout.lines_before_number if index == 0 else Length(0))
        last = index == len(rows) - 1
        if not formal.signers:
            _run(paragraph, formal.number, layout.number)
        else:
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            stops = paragraph.paragraph_format.tab_stops
            stops.add_tab_stop(one, WD_TAB_ALIGNMENT.LEFT)
            stops.add_tab_stop(Length(names_at - one * 4), WD_TAB_ALIGNMENT.LEFT)
            stops.add_tab_stop(names_at, WD_TAB_ALIGNMENT.LEFT)
            _run(paragraph, f"\t{formal.number}" if last else "", layout.number)
            _run(paragraph, "\t签发人：" if index == 0 else "\t\t", layout.number)
            _run(paragraph, "\u3000".join(row), layout.number, east_asian=layout.signer_name_font)
        if last:
            paragraph.paragraph_format.keep_with_next = False
            ooxml.set_bottom_rule(ooxml.paragraph_properties(paragraph), _eighths(layout.rule_weight),
                                  round(layout.rule_space.pt), layout.mark_color)


def title_space(title: DocxParagraph, house: Style) -> None:
    """The title stands two lines below the red rule (7.3.1): two lines less the room the rule
    and its distance take, so the title is back on the grid."""
    layout = house.formal
    rule = Pt(round(layout.rule_space.pt) + _eighths(layout.rule_weight) / 8)
    title.paragraph_format.space_before = Length(house.page.line_pitch * layout.lines_before_title - rule)


def _lines(text: str, per_line: int) -> int:
    """Lines a 版记 element takes: one character in from each side, the 抄送 element's wrapped
    lines aligned after "抄送：" (three more in). The frames are stacked up from the 版心's
    lower edge by these counts, so they must match the layout (exact line spacing)."""
    width = sum(1 if ord(ch) > 0x2E7F else 0.5 for ch in text)
    lines, room = 1, per_line - 2
    while width > room:
        width -= room
        lines, room = lines + 1, per_line - 5
    return lines


def _unnumbered_pages(doc: docx.document.Document) -> None:
    """End the numbered section with the body and start one whose footers are empty, holding a
    blank page (an empty paragraph) before the 版记's own page: "版记页前有空白页的，空白页和
    版记页均不编排页码" (7.5)."""
    body = doc.element.body
    last = body[-2] if len(body) > 1 else None  # the element before the section properties
    if last is None or last.tag != qn("w:p"):
        last = ooxml.element(doc.add_paragraph())
    ooxml.end_section(last, body.sectPr)
    if not ooxml.footers_from(body.sectPr, "first"):  # a pack's reference document made from an older one
        raise TemplateError(Problem("模板的参考文档缺少空白页和版记页所用的空页脚，这两页会被编上页码；"
                                    "请以 drafter/data/reference.docx 为底重新修改参考文档"))
    doc.add_paragraph()


def colophon(doc: docx.document.Document, formal: Formal, house: Style) -> None:
    """Append the 版记, each element in a frame as wide as the 版心, stacked so that the last
    one's rule lies on the 版心's lower edge: thick above the first and below the last
    element, thin between (7.4.1)."""
    layout, page = house.formal, house.page
    pitch, width, one = page.line_pitch, page.text_width, Pt(layout.colophon.size.pt)
    rows: list[tuple[str, str]] = []
    if formal.copies_to:
        rows.append(("抄送：" + "，".join(formal.copies_to).rstrip("。") + "。", ""))
    if formal.printed_by or formal.printed_on:
        rows.append((formal.printed_by, formal.printed_on))
    if not rows:
        return
    if formal.blank_page:
        _unnumbered_pages(doc)
    per_line = int(width.pt // one.pt)
    lines = [_lines(left, per_line) if not right else 1 for left, right in rows]
    height = int(page.height.twips - page.top.twips - page.bottom.twips)
    outer, inner = _eighths(layout.colophon_outer_rule), _eighths(layout.colophon_inner_rule)
    for index, (left, right) in enumerate(rows):
        last = index == len(rows) - 1
        paragraph = doc.add_paragraph()
        _line(paragraph, layout.colophon, pitch)
        paragraph.paragraph_format.keep_with_next = not last
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = one
        if left.startswith("抄送："):  # wrapped lines align with the first name after the colon (7.4.2)
            paragraph.paragraph_format.left_indent = Length(one * 4)
            paragraph.paragraph_format.first_line_indent = Length(-one * 3)
        properties = ooxml.paragraph_properties(paragraph)
        top = None if last else height - sum(lines[index:]) * pitch.twips
        ooxml.frame_in_margin(properties, int(width.twips), top)
        ooxml.set_rules(properties, top=outer if index == 0 else inner, bottom=outer if last else 0)
        _run(paragraph, left, layout.colophon)
        if right:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Length(width - one * 2), WD_TAB_ALIGNMENT.RIGHT)
            _run(paragraph, "\t" + right, layout.colophon)
    # LibreOffice turns framed paragraphs into a frame when the next unframed paragraph
    # begins: a hairline one, so it cannot carry anything onto a page of its own.
    anchor = doc.add_paragraph()
    _line(anchor, layout.colophon, Pt(1))
    anchor.paragraph_format.keep_with_next = False
    anchor.paragraph_format.page_break_before = formal.own_page  # the frames go where their anchor goes
