"""The line language templates write, and its reader into the document model.

Templates hold words and order, not Word calls, so they print plain lines:

=====================  =====================================================
``::title 文字``        a title line (repeat for a title of several lines)
``::byline 文字``       the byline of a signed article
``::addressee 文字``    主送机关
``::h1`` … ``::h4 文字``  a heading of that level (numbered later, never here)
``::kind 类别``         marks the last level-1 heading as a required part
``::runin 文字``        the body run on after the last heading, in its paragraph
any other line          a body paragraph
``::p 文字``            a body paragraph, possibly empty (one that holds only inline items)
``::items 样式``        an enumeration, each item its own paragraph
``::inline 样式``       an enumeration run on after the last paragraph
``::lead 文字``         the lead sentence of the next item
``::item 文字``         an item
``::table 表题``        a table; then ``::columns`` or ``::row``, each followed by ``::cell 文字``
``::issuer 文字``       落款
``::date 文字``         成文日期
``::closing 文字``      a closing line (审核人：……)
=====================  =====================================================

Blank lines are ignored. The fact sheet refuses text that starts with ``::`` and folds
its line breaks, so a sheet value can never be read as a directive.
"""

from __future__ import annotations

from typing import get_args

from .errors import Problem, TemplateError
from .model import (
    MAX_HEADING_LEVEL,
    Document,
    Heading,
    Item,
    ItemList,
    ItemStyle,
    Paragraph,
    PartKind,
    Table,
)

PREFIX = "::"


class _Reader:
    """Builds a :class:`Document` line by line, remembering what a line may attach to."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.doc = Document()
        self.heading: Heading | None = None
        self.paragraph: Paragraph | None = None
        self.items: ItemList | None = None
        self.lead = ""
        self.table: Table | None = None
        self.row: list[str] | None = None

    def fail(self, lineno: int, message: str) -> TemplateError:
        return TemplateError(Problem(f"模板输出第{lineno}行：{message}", self.source))

    def style(self, lineno: int, arg: str) -> ItemStyle:
        if arg not in get_args(ItemStyle):
            raise self.fail(lineno, f"条目样式“{arg}”应为 {'、'.join(get_args(ItemStyle))} 之一")
        return arg  # type: ignore[return-value]

    def line(self, lineno: int, line: str) -> None:
        if not line.startswith(PREFIX):
            self.do_p(lineno, line)
            return
        name, _, arg = line[len(PREFIX) :].partition(" ")
        arg = arg.strip()
        handler = getattr(self, f"do_{name}", None)
        if name[:1] == "h" and name[1:].isdigit():
            self.heading_line(lineno, int(name[1:]), arg)
        elif handler is None:
            raise self.fail(lineno, f"未知指令“{PREFIX}{name}”")
        else:
            handler(lineno, arg)

    def heading_line(self, lineno: int, level: int, arg: str) -> None:
        last = self.heading.level if self.heading is not None else 0  # the body's last heading, kept: no rescan per heading
        if not 1 <= level <= MAX_HEADING_LEVEL or level > last + 1:
            after = f"跟在{last}级标题之后" if last else "作为第一个标题"
            raise self.fail(lineno, f"{level}级标题不能{after}（标题须逐级递进，最多四级）")
        self.heading = Heading(level, arg)
        self.doc.body.append(self.heading)
        self.paragraph = self.items = self.table = None

    def do_p(self, lineno: int, arg: str) -> None:
        self.paragraph = Paragraph(arg)
        self.doc.body.append(self.paragraph)
        self.items = self.table = None

    def do_kind(self, lineno: int, arg: str) -> None:
        if self.heading is None or self.heading.level != 1 or arg not in get_args(PartKind):
            raise self.fail(lineno, f"“::kind {arg}”须紧跟一级标题，且为 {'、'.join(get_args(PartKind))} 之一")
        self.heading.kind = arg  # type: ignore[assignment]

    def do_runin(self, lineno: int, arg: str) -> None:
        if self.heading is None or self.heading is not self.doc.body[-1]:
            raise self.fail(lineno, "“::runin”须紧跟标题")
        self.heading.runin = self.paragraph = Paragraph(arg)

    def do_items(self, lineno: int, arg: str) -> None:
        self.items = ItemList(self.style(lineno, arg))
        self.doc.body.append(self.items)
        self.paragraph = None

    def do_inline(self, lineno: int, arg: str) -> None:
        if self.paragraph is None:
            raise self.fail(lineno, "“::inline”前面没有可以接续的段落")
        self.items = self.paragraph.items = ItemList(self.style(lineno, arg))

    def do_lead(self, lineno: int, arg: str) -> None:
        self.lead = arg

    def do_item(self, lineno: int, arg: str) -> None:
        if self.items is None:
            raise self.fail(lineno, "“::item”前面缺少“::items”或“::inline”")
        self.items.items.append(Item(arg, self.lead))
        self.lead = ""

    def do_table(self, lineno: int, arg: str) -> None:
        self.table = Table(arg, [], [])
        self.doc.body.append(self.table)
        self.paragraph = self.items = None
        self.row = None

    def do_columns(self, lineno: int, arg: str) -> None:
        if self.table is None:
            raise self.fail(lineno, "“::columns”前面缺少“::table”")
        self.row = self.table.header

    def do_row(self, lineno: int, arg: str) -> None:
        if self.table is None:
            raise self.fail(lineno, "“::row”前面缺少“::table”")
        self.row = []
        self.table.rows.append(self.row)

    def do_cell(self, lineno: int, arg: str) -> None:
        if self.row is None:
            raise self.fail(lineno, "“::cell”前面缺少“::columns”或“::row”")
        self.row.append(arg)

    def do_title(self, lineno: int, arg: str) -> None:
        self.doc.title.append(arg)

    def do_closing(self, lineno: int, arg: str) -> None:
        self.doc.closing.append(arg)

    def _set(self, lineno: int, name: str, arg: str) -> None:
        if getattr(self.doc, name):
            raise self.fail(lineno, f"“::{name}”只能出现一次")
        setattr(self.doc, name, arg)

    def do_byline(self, lineno: int, arg: str) -> None:
        self._set(lineno, "byline", arg)

    def do_addressee(self, lineno: int, arg: str) -> None:
        self._set(lineno, "addressee", arg)

    def do_issuer(self, lineno: int, arg: str) -> None:
        self._set(lineno, "issuer", arg)

    def do_date(self, lineno: int, arg: str) -> None:
        self._set(lineno, "date", arg)


def parse_markup(text: str, source: str = "模板") -> Document:
    """Read a template's output into a :class:`Document` (numbers not yet assigned)."""
    reader = _Reader(source)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line:
            reader.line(lineno, line)
    if reader.lead:
        raise reader.fail(len(text.splitlines()), "“::lead”之后缺少“::item”")
    return reader.doc
