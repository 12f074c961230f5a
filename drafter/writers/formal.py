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
import re
from typing import TYPE_CHECKING

from ..errors import Problem, TemplateError
from ..model import Formal
from ..style import Length, Pt, Style, TextStyle
from .docx import wordml

if TYPE_CHECKING:
    from .docx.body import Writer


def _eighths(weight: Length) -> int:
    """A rule's weight in Word's unit for borders, eighths of a point (at least one)."""
    return max(1, round(weight.pt * 8))


def _run(paragraph: wordml.Paragraph, text: str, spec: TextStyle, east_asian: str | None = None,
         color: str | None = None) -> None:
    """``text`` in the element's own face and size; character spacing 0, as the grid's −0.25 pt
    belongs to body type, not to these elements."""
    paragraph.add(text, wordml.Font(east_asian=east_asian or spec.east_asian, latin=spec.latin, bold=spec.bold,
                                    color=color, spacing=0, size=int(spec.size.pt * 2)))


def _line(paragraph: wordml.Paragraph, spec: TextStyle, height: Length, before: Length = Length(0)) -> None:
    """Alignment, no indents, an exact line ``height`` and ``before`` space above."""
    paragraph.align = spec.align
    paragraph.first_line = paragraph.left = paragraph.right = 0
    paragraph.line, paragraph.before, paragraph.after = height.twips, before.twips, 0
    paragraph.keep_next = True


def _signer_rows(signers: list[str], per_line: int) -> list[list[str]]:
    return [signers[i:i + per_line] for i in range(0, len(signers), per_line)] or [[]]


def masthead(writer: Writer, formal: Formal) -> None:
    """Append the 版头 to an empty body; the title that follows gets its two lines in
    :func:`title_space`."""
    house = writer.house
    layout, pitch, width = house.formal, house.page.line_pitch, house.page.text_width
    corners = [text for text in (formal.secrecy, formal.urgency) if text]
    for text in corners:
        paragraph = writer.paragraph()
        _line(paragraph, layout.corner, pitch)
        _run(paragraph, text, layout.corner)
    # The mark is shrunk to fit the 版心 on one line and sits off the grid; its line is made as
    # tall as takes the page back onto the grid below it, so every later line of page 1 is on
    # the grid and the page still holds its full count of lines.
    size = Pt(min(layout.mark.size.pt, width.pt / max(len(formal.mark), 1)))
    mark_rows = math.ceil((layout.mark_top + size) / pitch)
    mark = writer.paragraph()
    _line(mark, layout.mark, Length(pitch * mark_rows - layout.mark_top),
          Length(max(0, layout.mark_top - pitch * len(corners))))
    mark.snap_to_grid = False
    _run(mark, formal.mark, TextStyle(layout.mark.east_asian, size, layout.mark.bold, layout.mark.latin),
         color=layout.mark_color)
    rows = _signer_rows(formal.signers, layout.signers_per_line)
    one = Pt(layout.number.size.pt)  # 一字: one character of the number's type
    names_width = max(sum(len(name) for name in row) + len(row) - 1 for row in rows)
    names_at = Length(width - one * (1 + names_width))  # a left tab: later rows align with the first name
    for index, row in enumerate(rows):
        paragraph = writer.paragraph()
        _line(paragraph, layout.number, pitch, Length(pitch * layout.lines_before_number) if index == 0 else Length(0))
        last = index == len(rows) - 1
        if not formal.signers:
            _run(paragraph, formal.number, layout.number)
        else:
            paragraph.align = "left"
            paragraph.tabs = [(position.twips, "left") for position in (one, Length(names_at - one * 4), names_at)]
            _run(paragraph, f"\t{formal.number}" if last else "", layout.number)
            _run(paragraph, "\t签发人：" if index == 0 else "\t\t", layout.number)
            _run(paragraph, "\u3000".join(row), layout.number, east_asian=layout.signer_name_font)
        if last:
            paragraph.keep_next = False
            paragraph.borders = wordml.border("bottom", _eighths(layout.rule_weight),
                                              layout.mark_color, min(round(layout.rule_space.pt), 31))  # Word's most: 31 pt


def title_space(title: wordml.Paragraph, house: Style) -> None:
    """The title stands two lines below the red rule (7.3.1): two lines less the room the rule
    and its distance take, so the title is back on the grid."""
    layout = house.formal
    rule = Pt(round(layout.rule_space.pt) + _eighths(layout.rule_weight) / 8)
    title.before = Length(house.page.line_pitch * layout.lines_before_title - rule).twips


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


_FOOTER = re.compile(r"<w:footerReference\b[^>]*/>")
_FOOTER_KIND = re.compile(r'w:type="([^"]*)"')
_FOOTER_ID = re.compile(r'r:id="([^"]*)"')


def _footers_from(section: str, kind: str) -> str | None:
    """The section with its odd and even page footers pointed at its footer of type ``kind`` (its
    first page footer: drafter's reference document leaves that one empty and, without
    ``w:titlePg``, unused); None when the section has no such footer (a pack's own reference)."""
    references = {}
    for tag in _FOOTER.findall(section):
        found = _FOOTER_KIND.search(tag)
        references[found.group(1) if found else "default"] = tag
    source = references.get(kind)
    if source is None or not _FOOTER_ID.search(source):
        return None
    target = _FOOTER_ID.search(source).group()  # type: ignore[union-attr]
    for name in ("default", "even"):
        if name in references:
            section = section.replace(references[name], _FOOTER_ID.sub(target, references[name]))
    return section


def _unnumbered_pages(writer: Writer) -> None:
    """End the numbered section with the body and start one whose footers are empty, holding a
    blank page (an empty paragraph) before the 版记's own page: "版记页前有空白页的，空白页和
    版记页均不编排页码" (7.5)."""
    last = writer.blocks[-1] if writer.blocks else None
    if not isinstance(last, wordml.Paragraph):
        last = writer.paragraph()
    unnumbered = _footers_from(writer.section, "first")
    if unnumbered is None:  # a pack's reference document made from an older one
        raise TemplateError(Problem("模板的参考文档缺少空白页和版记页所用的空页脚，这两页会被编上页码；"
                                    "请以 drafter/data/reference.docx 为底重新修改参考文档"))
    last.section, writer.section = writer.section, unnumbered
    writer.paragraph()


def colophon(writer: Writer, formal: Formal) -> None:
    """Append the 版记, each element in a frame as wide as the 版心, stacked so that the last
    one's rule lies on the 版心's lower edge: thick above the first and below the last
    element, thin between (7.4.1)."""
    house = writer.house
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
        _unnumbered_pages(writer)
    per_line = int(width.pt // one.pt)
    lines = [_lines(left, per_line) if not right else 1 for left, right in rows]
    height = int(page.height.twips - page.top.twips - page.bottom.twips)
    outer, inner = _eighths(layout.colophon_outer_rule), _eighths(layout.colophon_inner_rule)
    for index, (left, right) in enumerate(rows):
        last = index == len(rows) - 1
        paragraph = writer.paragraph()
        _line(paragraph, layout.colophon, pitch)
        paragraph.keep_next = not last
        paragraph.left = paragraph.right = one.twips
        if left.startswith("抄送："):  # wrapped lines align with the first name after the colon (7.4.2)
            paragraph.left, paragraph.first_line = Length(one * 4).twips, -Length(one * 3).twips
        top = None if last else height - sum(lines[index:]) * pitch.twips
        paragraph.frame = wordml.frame(int(width.twips), top)
        paragraph.borders = "".join(wordml.border(edge, eighths) for edge, eighths
                                    in (("top", outer if index == 0 else inner), ("bottom", outer if last else 0))
                                    if eighths)
        _run(paragraph, left, layout.colophon)
        if right:
            paragraph.tabs = [(Length(width - one * 2).twips, "right")]
            _run(paragraph, "\t" + right, layout.colophon)
    # LibreOffice turns framed paragraphs into a frame when the next unframed paragraph
    # begins: a hairline one, so it cannot carry anything onto a page of its own.
    anchor = writer.paragraph()
    _line(anchor, layout.colophon, Pt(1))
    anchor.keep_next = False
    anchor.page_break_before = formal.own_page  # the frames go where their anchor goes
