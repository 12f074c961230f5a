"""Write the copy a government website publishes: an accessible HTML page and CMS text.

The printed draft (:mod:`drafter.writers.docx`) and the review preview
(:mod:`drafter.writers.html`) imitate the page; the web copy is for a phone and a screen
reader instead. Headings are real ``<h2>``–``<h5>`` elements carrying their computed
numbers, so the outline a screen reader announces is the report's own; the page has no
script, no external resource and no fixed width, and prints on A4 in the house fonts.
County websites mostly take plain text into their CMS, so the same words also come as
text: the fields the CMS asks for (title, issuer, date), then one paragraph a line,
indented by two ideographic spaces as published notices are. The formal copy's 版头 and
版记 (red mark, number, 抄送, 印发) belong to paper and are left out.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ..model import Document, Heading, ItemList, Paragraph, Table
from ..spans import Span, heading_label, item_paragraphs, paragraph_spans
from ..style import GB9704, Style
from .html import font_css
from .text import block_lines

LANGUAGES = {"simplified": "zh-CN", "traditional": "zh-Hant", "hk": "zh-HK", "tw": "zh-TW"}
"""The page's ``lang`` for each output script, so screen readers pick the right voice."""

INDENT = "\u3000\u3000"
"""Two ideographic spaces: the first-line indent of a published Chinese notice in plain text."""


def _stylesheet(house: Style) -> str:
    """Reading on a phone first (system fonts, fluid width); on paper, the house fonts."""
    print_heads = "\n".join(
        f"  h{n + 1} {{ {font_css(spec)} }}" for n, spec in enumerate(house.headings, start=1)
    )
    return f"""
:root {{ color-scheme: light; }}
body {{ margin: 0; padding: 0 1rem; color: #1a1a1a; background: #fff;
  font: 1.0625rem/1.85 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }}
article {{ max-width: 42rem; margin: 1.5rem auto 3rem; }}
h1 {{ font-size: 1.5rem; line-height: 1.4; text-align: center; margin: 0 0 .5rem; text-wrap: balance; }}
.meta {{ text-align: center; color: #555; font-size: .9375rem; margin: 0 0 1.5rem; }}
h2, h3, h4, h5 {{ font-size: 1.0625rem; margin: 1.2rem 0 .2rem; line-height: 1.6; }}
h2 {{ font-size: 1.125rem; }}
p {{ margin: 0 0 .6rem; text-indent: 2em; overflow-wrap: anywhere; }}
p.addressee {{ text-indent: 0; }}
.table {{ overflow-x: auto; margin: .8rem 0; }}
.table:focus {{ outline: 2px solid #1a56a8; }}
table {{ border-collapse: collapse; min-width: 100%; font-size: .9375rem; }}
caption {{ font-weight: bold; padding-bottom: .3rem; }}
th, td {{ border: 1px solid #888; padding: .3rem .5rem; text-align: center; vertical-align: middle; }}
footer {{ margin-top: 1.5rem; text-align: right; }}
footer p {{ text-indent: 0; margin: 0; }}
.closing {{ text-indent: 0; }}
@media print {{
  @page {{ size: A4; margin: {house.page.top.mm:.0f}mm {house.page.right.mm:.0f}mm {house.page.bottom.mm:.0f}mm \
{house.page.left.mm:.0f}mm; }}
  body {{ padding: 0; {font_css(house.body)} line-height: {house.page.line_pitch.pt:.2f}pt; }}
  article {{ max-width: none; margin: 0; }}
  h1 {{ {font_css(house.title)} }}
{print_heads}
  .meta {{ display: none; }}
  .table {{ overflow: visible; }}
}}
"""


def _runs(spans: list[Span]) -> str:
    """Spans as HTML; an item's lead sentence is emphasised, as it is bold-free but
    distinct on paper (the printed draft sets it in the heading's face)."""
    return "".join(f"<strong>{escape(text)}</strong>" if role == "lead" else escape(text) for text, role in spans)


def _table(block: Table, number: int) -> str:
    """A table that scrolls sideways on a phone instead of squeezing its columns; the
    scrolling region is named and focusable so a keyboard can scroll it too."""
    label = block.caption or f"表{number}"
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in block.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
    return (f'<div class="table" role="region" aria-label="{escape(label)}" tabindex="0">'
            f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")


def _body(doc: Document) -> list[str]:
    html: list[str] = []
    tables = 0
    for block in doc.body:
        if isinstance(block, Heading):
            level = min(block.level + 1, 6)  # the title is the page's only <h1>
            html.append(f"<h{level}>{escape(heading_label(block))}</h{level}>")
            if block.runin is not None and (spans := paragraph_spans(block.runin)):
                html.append(f"<p>{_runs(spans)}</p>")
        elif isinstance(block, Paragraph):
            html.append(f"<p>{_runs(paragraph_spans(block))}</p>")
        elif isinstance(block, ItemList):
            html.extend(f"<p>{_runs(spans)}</p>" for spans in item_paragraphs(block))
        elif isinstance(block, Table):
            tables += 1
            html.append(_table(block, tables))
    return html


def write_web_html(doc: Document, published: dt.date | None = None, script: str = "simplified",
                   house: Style = GB9704) -> str:
    """The published page of a numbered document; ``published`` is the 成文日期 as a date,
    given to ``<time>`` so a site's search and a reader's software can read it."""
    title = "".join(doc.title) or "法治政府建设情况报告"
    date = escape(doc.date)
    when = f'<time datetime="{published.isoformat()}">{date}</time>' if published and doc.date else date
    meta = "　".join(part for part in (escape(doc.issuer), when) if part)
    lines = [f"<h1>{escape(title)}</h1>"]
    if doc.byline:
        lines.append(f'<p class="meta">{escape(doc.byline)}</p>')
    if meta:
        lines.append(f'<p class="meta">{meta}</p>')
    header = "<header>" + "".join(lines) + "</header>"
    body = ([f'<p class="addressee">{escape(doc.addressee)}</p>'] if doc.addressee else []) + _body(doc)
    footer = [f"<p>{escape(doc.issuer)}</p>"] if doc.issuer else []
    if doc.date:
        footer.append(f"<p>{when}</p>")
    tail = (["<footer>" + "".join(footer) + "</footer>"] if footer else []) + [
        f'<p class="closing">{escape(line)}</p>' for line in doc.closing
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{LANGUAGES.get(script, "zh-CN")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_stylesheet(house)}</style>\n</head>\n<body>\n"
        "<main>\n<article>\n" + "\n".join([header, *body, *tail]) + "\n</article>\n</main>\n</body>\n</html>\n"
    )


def write_web_text(doc: Document) -> str:
    """Plain text for a CMS: 标题/发布机关/成文日期 lines, a blank line, then the report with
    each paragraph on one line indented by two ideographic spaces; table rows tab-separated
    and the signature lines unindented (plain text cannot set them flush right)."""
    title = "".join(doc.title) or "法治政府建设情况报告"
    fields = [f"标题：{title}"]
    if doc.issuer:
        fields.append(f"发布机关：{doc.issuer}")
    if doc.date:
        fields.append(f"成文日期：{doc.date}")
    lines = [*fields, ""]
    if doc.byline:
        lines.append(doc.byline)
    if doc.addressee:
        lines.append(doc.addressee)
    for block in doc.body:
        indent = "" if isinstance(block, Table) else INDENT
        lines.extend(indent + line if line else line for line in block_lines(block))
    signature = [line for line in (doc.issuer, doc.date) if line]
    lines += ([""] + signature if signature else []) + doc.closing
    return "\n".join(lines).rstrip("\n") + "\n"

