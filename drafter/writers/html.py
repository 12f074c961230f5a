"""Write the document model as one self-contained HTML page: the draft as it will print.

The page carries its own stylesheet (fonts and measures from :mod:`drafter.style`, so the
preview and the .docx cannot drift apart), a table of contents, and an anchor per heading
(``s2-3`` for 二、（三）) so a reviewer can link to the section under discussion.
"""

from __future__ import annotations

from html import escape

from ..model import Document, Heading, ItemList, Paragraph, Table
from ..spans import Span, attachment_note, attachment_pages, heading_spans, item_paragraphs, paragraph_spans
from ..style import GB9704, Style, TextStyle, in_chars

_FALLBACKS = {
    "仿宋_GB2312": '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif',
    "黑体": '"黑体", SimHei, STHeiti, "Noto Sans CJK SC", sans-serif',
    "楷体_GB2312": '"楷体_GB2312", "楷体", KaiTi, STKaiti, "Noto Serif CJK SC", serif',
    "方正小标宋简体": '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, "Noto Serif CJK SC", serif',
    "宋体": '"宋体", SimSun, "Noto Serif CJK SC", serif',
}


def font_css(spec: TextStyle) -> str:
    """CSS font declarations for a style role, with the faces a browser may have instead."""
    weight = "bold" if spec.bold else "normal"
    family = _FALLBACKS.get(spec.east_asian, f'"{spec.east_asian}", serif')
    return f"font-family: {family}; font-size: {spec.size.pt:g}pt; font-weight: {weight};"


def stylesheet(house: Style = GB9704) -> str:
    """CSS for the page, from the same style table the .docx uses."""
    page, pitch = house.page, house.page.line_pitch.pt
    heads = "\n".join(
        f".h{n} {{ {font_css(spec)} }}" for n, spec in enumerate(house.headings, start=1)
    )
    return f"""
body {{ background: #e8e8e8; margin: 0; }}
main {{ background: #fff; width: {page.text_width.mm:.0f}mm; margin: 12px auto;
  padding: {page.top.mm:.0f}mm {page.right.mm:.0f}mm {page.bottom.mm:.0f}mm {page.left.mm:.0f}mm;
  box-shadow: 0 1px 4px #999; line-height: {pitch:.2f}pt; {font_css(house.body)} text-align: justify; }}
main p {{ margin: 0; text-indent: {in_chars(house.body.first_line_indent):g}em; }}
header {{ margin-bottom: {pitch:.2f}pt; }}
.title {{ {font_css(house.title)} text-align: center; text-indent: 0; }}
.byline {{ {font_css(house.byline)} text-align: center; text-indent: 0; }}
.addressee {{ text-indent: 0; }}
{heads}
.runin {{ {font_css(house.body)} }}
.issuer {{ text-align: right; text-indent: 0; margin-top: {pitch * house.lines_before_signature:.2f}pt; }}
.date {{ text-align: right; text-indent: 0; padding-right: {in_chars(house.date.right_indent):g}em; }}
.closing {{ margin-top: 0; }}
.attachment-note {{ margin-top: {pitch:.2f}pt; padding-left: 2em; }}
.attachment-note p {{ text-indent: -3em; padding-left: 3em; }}
.attachment-note p + p {{ text-indent: 0; padding-left: 5em; }}
.attachment {{ break-before: page; border-top: 1px dashed #999; margin-top: {pitch:.2f}pt; }}
.attachment-label {{ font-family: "黑体", sans-serif; text-indent: 0; }}
table {{ border-collapse: collapse; margin: 0 auto; {font_css(house.table)} }}
td, th {{ border: 1px solid #000; padding: 0 0.5em; text-align: center; }}
caption {{ {font_css(house.table_caption)} }}
nav {{ position: fixed; left: 0; top: 0; width: 16em; height: 100%; overflow: auto; background: #fafafa;
  border-right: 1px solid #ccc; font: 12px/1.6 sans-serif; padding: 8px; box-sizing: border-box; }}
nav a {{ color: #234; text-decoration: none; display: block; }}
nav .l2 {{ padding-left: 1em; }} nav .l3 {{ padding-left: 2em; }} nav .l4 {{ padding-left: 3em; }}
@media (max-width: 1100px) {{ nav {{ display: none; }} }}
@media print {{ nav {{ display: none; }} body {{ background: none; }} main {{ box-shadow: none; margin: 0; }} }}
"""


def _runs(spans: list[Span], in_heading: bool = False) -> str:
    """Spans as HTML: the heading sentence, a run-in body and item leads each get a class."""
    classes = {"heading": "heading", "lead": "lead", "body": "runin" if in_heading else None}
    return "".join(
        f'<span class="{classes[role]}">{escape(text)}</span>' if classes[role] else escape(text)
        for text, role in spans
    )


def anchor(heading: Heading) -> str:
    """The id of a heading: ``s2-3`` for 二、（三）."""
    return "s" + "-".join(str(n) for n in heading.path)


def write_html(doc: Document, house: Style = GB9704, toc: bool = True) -> str:
    """A complete page (``<!DOCTYPE html>`` … ``</html>``) for a numbered document."""
    head = [f'<p class="title">{escape(line)}</p>' for line in doc.title]
    if doc.byline:
        head.append(f'<p class="byline">{escape(doc.byline)}</p>')
    body: list[str] = ["<header>" + "".join(head) + "</header>"] if head else []
    if doc.addressee:
        body.append(f'<p class="addressee">{escape(doc.addressee)}</p>')
    for block in doc.body:
        if isinstance(block, Heading):
            body.append(f'<p id="{anchor(block)}" class="h{block.level}" data-number="{escape(block.number)}">'
                        f"{_runs(heading_spans(block), in_heading=True)}</p>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_runs(paragraph_spans(block))}</p>")
        elif isinstance(block, ItemList):
            body.extend(f"<p>{_runs(spans)}</p>" for spans in item_paragraphs(block))
        elif isinstance(block, Table):
            caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
            head = "".join(f"<th>{escape(c)}</th>" for c in block.header)
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            body.append(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    if doc.attachments:  # 附件说明: under the body after a blank line, 左空二字 (7.3.4)
        body.append('<div class="attachment-note">'
                    + "".join(f"<p>{escape(line)}</p>" for line in attachment_note(doc.attachments)) + "</div>")
    if doc.issuer:
        body.append(f'<p class="issuer">{escape(doc.issuer)}</p>')
    if doc.date:
        body.append(f'<p class="date">{escape(doc.date)}</p>')
    body.extend(f'<p class="closing">{escape(line)}</p>' for line in doc.closing)
    for label, attachment in attachment_pages(doc.attachments):
        body.append(f'<section class="attachment"><p class="attachment-label">{escape(label)}</p>'
                    f'<p class="title">{escape(attachment.title)}</p>'
                    + "".join(f"<p>{escape(line)}</p>" for line in attachment.body) + "</section>")
    links = "".join(
        f'<a class="l{h.level}" href="#{anchor(h)}">{escape(h.number + h.text)}</a>' for h in doc.headings()
    )
    nav = f'<nav aria-label="目录">{links}</nav>' if toc and links else ""
    headings = doc.headings()
    title = escape("".join(doc.title) or (headings[0].number + headings[0].text if headings else "预览"))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{stylesheet(house)}</style>\n</head>\n<body>\n{nav}\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
