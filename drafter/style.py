"""Layout: every GB/T 9704-2012 measure and every font, in one table.

The writers read these values and nothing else decides how a page looks. Values that
are practice rather than the standard's own clause (bold levels, Times New Roman for
digits, the footer distance) are marked so; change them here, in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Callable, Literal

from . import text


class Length(int):
    """A length in EMU (12,700 a point, 635 a twip, 36,000 a millimetre), the unit python-docx
    counts in, with Word's other units read off it. An ``int``, as python-docx's own ``Length``,
    so the reference document's styles take it for sizes and indents (its line spacing needs
    python-docx's own class: a plain number there is a multiple of lines); defined here so that
    writing a draft does not load python-docx (a fifth of a build's start)."""

    @property
    def pt(self) -> float:
        return self / 12700

    @property
    def twips(self) -> int:
        """Word's unit in paragraph and page properties, a twentieth of a point (rounded)."""
        return round(self / 635)

    @property
    def mm(self) -> float:
        return self / 36000

    @property
    def emu(self) -> int:
        return int(self)


def Pt(points: float) -> Length:  # noqa: N802 - named as python-docx's, which it replaces here
    return Length(int(points * 12700))


def Mm(millimetres: float) -> Length:  # noqa: N802
    return Length(int(millimetres * 36000))


def Twips(twips: float) -> Length:  # noqa: N802
    return Length(int(twips * 635))


Align = Literal["left", "center", "right", "both", "distribute"]
"""A paragraph's alignment as WordprocessingML names it (``w:jc``): "both" is justified."""


@dataclass(frozen=True)
class TextStyle:
    """Font and paragraph layout of one role (title, body, a heading level…)."""

    east_asian: str
    size: Length
    bold: bool = False
    latin: str = "Times New Roman"  # practice: Latin letters and digits in Times New Roman
    align: Align = "both"
    first_line_indent: Length | None = None
    left_indent: Length | None = None
    right_indent: Length | None = None


@dataclass(frozen=True)
class PageLayout:
    """GB/T 9704-2012 clause 5: A4, margins, and the 22 × 28 grid."""

    width: Length = Mm(210)
    height: Length = Mm(297)
    top: Length = Mm(37)  # 天头 37 mm ± 1 (5.2.1)
    bottom: Length = Mm(35)  # derived: 297 − 37 − 225 (版心 height)
    left: Length = Mm(28)  # 订口 28 mm ± 1
    right: Length = Mm(26)  # derived: 210 − 28 − 156 (版心 width)
    lines_per_page: int = 22  # 5.2.3
    chars_per_line: int = 28  # 5.2.3
    footer_distance: Length = Mm(23)  # practice: puts "— 1 —" about 7 mm below the 版心 (7.5)

    @property
    def line_pitch(self) -> Length:
        """Fixed line spacing that fills the 版心 with exactly ``lines_per_page`` lines, in
        whole twips (Word's unit) rounded down: 225 mm / 22 → 579 twips ≈ 28.95 pt; 580
        would leave room for only 21 lines."""
        return Twips(Length(self.height - self.top - self.bottom).twips // self.lines_per_page)

    @property
    def text_width(self) -> Length:
        return Length(self.width - self.left - self.right)

    def char_spacing(self, size: Length) -> int:
        """Character spacing, in twentieths of a point, that fits ``chars_per_line``
        characters of ``size`` in the 版心: 16 pt type needs −0.25 pt (28 × 16 pt is 2 mm
        wider than 156 mm). Rounded down, so a line never holds one character fewer."""
        return math.floor((self.text_width.pt / self.chars_per_line - size.pt) * 20)


BODY_SIZE = Pt(16)  # 3号


def chars(n: float) -> Length:
    """An indent of ``n`` characters of body type, the unit of "空二字" and "右空四字"."""
    return Length(int(n * BODY_SIZE))

FANGSONG = "仿宋_GB2312"
COLOPHON_SIZE = Pt(14)  # 4号, the 版记's type (7.4.2, 7.4.3)


@dataclass(frozen=True)
class FormalLayout:
    """The 版头 and 版记 of the formal copy (GB/T 9704-2012 7.2, 7.4). The standard fixes the
    positions and faces; the mark's size and the rules' weights are practice."""

    corner: TextStyle = TextStyle("黑体", BODY_SIZE, align="left")  # 密级、紧急程度 (7.2.2–7.2.3)
    mark: TextStyle = TextStyle("方正小标宋简体", Pt(42), align="center")  # practice: 初号, shrunk to fit
    mark_color: str = "FF0000"  # red (7.2.4)
    mark_top: Length = Mm(35)  # the mark's upper edge 35 mm below the 版心's (7.2.4)
    lines_before_number: int = 2  # 发文字号 "发文机关标志下空二行" (7.2.5)
    number: TextStyle = TextStyle(FANGSONG, BODY_SIZE, align="center")
    signer_name_font: str = "楷体_GB2312"  # "签发人" in 仿宋, the names in 楷体 (7.2.6)
    signers_per_line: int = 2  # 7.2.6: "一般每行排两个姓名"
    rule_below_number: Length = Mm(4)  # the red separator 4 mm below the number (7.2.7)
    rule_space: Length = Pt(9)  # the border's distance from the number's line box: 4 mm below the glyphs, measured
    rule_weight: Length = Pt(1.5)  # practice: the standard gives no weight for the 版头's line
    lines_before_title: int = 2  # 标题 "红色分隔线下空二行" (7.3.1)
    colophon: TextStyle = TextStyle(FANGSONG, COLOPHON_SIZE, align="left")  # 4号仿宋
    colophon_outer_rule: Length = Mm(0.35)  # first and last rules of the 版记 (7.4.1)
    colophon_inner_rule: Length = Mm(0.25)  # rules between its elements (7.4.1)


@dataclass(frozen=True)
class Face:
    """A font as the .docx font table declares it, so Word and WPS substitute sensibly on a
    machine without it: ``alt`` is the face they fall back to (Windows has 仿宋 but not
    仿宋_GB2312), ``charset`` 86 is GB2312, ``panose`` and ``family`` describe the design."""

    alt: str = ""
    charset: str = "86"
    panose: str = "02010609060101010101"
    family: str = "modern"
    pitch: str = "fixed"


FACES: dict[str, Face] = {
    "仿宋_GB2312": Face("仿宋", panose="02010609030101010101"),
    "楷体_GB2312": Face("楷体", panose="02010609030101010101"),
    "方正小标宋简体": Face("宋体", panose="02000000000000000000", family="auto", pitch="variable"),
    "黑体": Face("SimHei"),
    "仿宋": Face("FangSong"),
    "楷体": Face("KaiTi"),
    "宋体": Face("SimSun", panose="02010600030101010101", family="auto", pitch="variable"),
    "Times New Roman": Face(charset="00", panose="02020603050405020304", family="roman", pitch="variable"),
}
"""Every face a draft names (the font table lists exactly these)."""

TRADITIONAL_FACES: dict[str, str] = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
"""Faces for traditional drafts: the GB2312 fonts lack about a third of the traditional
characters a report uses; the GBK faces every Windows has (仿宋, 楷体, 宋体) carry them all.
A locality with 方正 traditional faces can name them here."""

SCRIPT_LANGS: dict[str, str] = {"simplified": "zh-CN", "traditional": "zh-TW", "tw": "zh-TW", "hk": "zh-HK"}
"""The East Asian language of a draft's text, by script (Word's proofing and line breaking)."""

# 避头尾 is a fact of Chinese text (drafter.text); the writers set it as Word's line-breaking rule.
NO_LINE_START, NO_LINE_END = text.NO_LINE_START, text.NO_LINE_END

PUNCTUATION_LANG = "zh-CN"
"""The line-breaking language of quotes and dashes in traditional drafts: LibreOffice's zh-TW and
zh-HK rules let a line begin with ” (Taiwan and Hong Kong set quotes as 「」), the zh-CN rules
(GB/T 15834) do not."""

EAST_ASIAN_PUNCTUATION = "“”‘’—…·"
"""Characters Unicode leaves to the font's choice ("ambiguous" width): without an East Asian
hint Word sets them in the Latin font (Times New Roman), half-width and out of place."""


@dataclass(frozen=True)
class Style:
    """The complete house style; :data:`GB9704` is the standard one."""

    page: PageLayout = field(default_factory=PageLayout)
    body: TextStyle = TextStyle(FANGSONG, BODY_SIZE, first_line_indent=chars(2))
    title: TextStyle = TextStyle("方正小标宋简体", Pt(22), align="center")  # 2号 (7.3.1)
    title_shape: str = "梯形"  # 7.3.1 梯形或菱形: two lines short over long; three lines a 菱形 (longest in the middle)
    byline: TextStyle = TextStyle("楷体_GB2312", BODY_SIZE, align="center")
    addressee: TextStyle = TextStyle(FANGSONG, BODY_SIZE)  # flush left (7.3.2)
    headings: tuple[TextStyle, ...] = (  # 7.3.3: 黑体, 楷体, 仿宋, 仿宋; bold is practice
        TextStyle("黑体", BODY_SIZE, first_line_indent=chars(2)),
        TextStyle("楷体_GB2312", BODY_SIZE, bold=True, first_line_indent=chars(2)),
        TextStyle(FANGSONG, BODY_SIZE, bold=True, first_line_indent=chars(2)),
        TextStyle(FANGSONG, BODY_SIZE, first_line_indent=chars(2)),
    )
    item_lead_bold: bool = False  # practice varies: some offices bold "一是……。" lead sentences
    issuer: TextStyle = TextStyle(FANGSONG, BODY_SIZE, align="right")
    date: TextStyle = TextStyle(FANGSONG, BODY_SIZE, align="right", right_indent=chars(4))  # 右空四字
    lines_before_signature: int = 2  # room for the seal above the issuer (7.3.5.1)
    closing: TextStyle = TextStyle(FANGSONG, BODY_SIZE, first_line_indent=chars(2))
    table: TextStyle = TextStyle(FANGSONG, Pt(14), align="center")  # 4号, practice
    table_caption: TextStyle = TextStyle("黑体", BODY_SIZE, align="center")
    page_number: TextStyle = TextStyle("宋体", Pt(14), latin="宋体")  # 4号 half-width 宋体 digits (7.5)
    page_number_dash: str = "—"  # 一字线 each side: "— 1 —"
    formal: FormalLayout = field(default_factory=FormalLayout)
    lang: str = "zh-CN"

    def for_script(self, script: str) -> Style:
        """This style for a draft in ``script``: traditional drafts take faces that carry
        traditional characters (:data:`TRADITIONAL_FACES`) and their own language tag."""
        if script == "simplified":
            return self

        def swap(spec: TextStyle) -> TextStyle:
            return replace(spec, east_asian=TRADITIONAL_FACES.get(spec.east_asian, spec.east_asian))

        changes: dict[str, object] = {"lang": SCRIPT_LANGS[script]}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, TextStyle):
                changes[f.name] = swap(value)
            elif f.name == "headings":
                changes[f.name] = tuple(swap(h) for h in value)
        return replace(self, **changes)  # type: ignore[arg-type]

    def faces(self) -> list[str]:
        """Every face this style names, East Asian and Latin, in a stable order."""
        specs = [getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), TextStyle)]
        specs += list(self.headings)
        return sorted({name for spec in specs for name in (spec.east_asian, spec.latin)})


GB9704 = Style()


@dataclass(frozen=True)
class Role:
    """A part of a draft as the .docx carries it: the style id (ASCII and stable: how the .docx
    reader knows a draft drafter wrote and what each paragraph is), the name a clerk sees in
    Word's style pane, what the reader calls the part, the house style's :class:`TextStyle` for
    it, and whether it stays on the page of the paragraph after it."""

    id: str
    name: str
    reads_as: str | None
    text: Callable[[Style], TextStyle] | None
    kind: Literal["paragraph", "heading", "character"] = "paragraph"
    keep_with_next: bool = False


ROLES: tuple[Role, ...] = (
    Role("DocTitle", "公文标题", "title", lambda s: s.title, keep_with_next=True),
    Role("Byline", "署名", "byline", lambda s: s.byline),
    Role("Addressee", "主送机关", "addressee", lambda s: s.addressee),
    Role("Issuer", "发文机关署名", "issuer", lambda s: s.issuer),
    Role("DocDate", "成文日期", "date", lambda s: s.date),
    Role("Closing", "文末附注", "closing", lambda s: s.closing),
    Role("TableCaption", "表题", "caption", lambda s: s.table_caption, keep_with_next=True),
    Role("TableText", "表格文字", "table", lambda s: s.table),  # the cells' text (read as a table, not as lines)
    # Word's own heading styles (their names are how Word and WPS list them in the navigation pane);
    # a heading on its own line stays with its text.
    *(Role(f"Heading{n}", f"Heading {n}", f"heading{n}", lambda s, n=n: s.headings[n - 1], "heading", True)
      for n in range(1, 5)),
    Role("RunInBody", "标题后正文", "runin", lambda s: s.body, "character"),  # the body run on after a heading
    Role("ItemLead", "条目小标题", "lead", None, "character"),  # “一是……。”'s lead sentence
)
"""Every style a draft's .docx defines, one row per role: the writer creates them from this
table and the .docx reader recognises them by it."""

STYLE_ID: dict[str, str] = {role.reads_as: role.id for role in ROLES if role.reads_as}
HEADING_STYLE_IDS = [role.id for role in ROLES if role.kind == "heading"]
"""The style ids of heading levels 1–4, in order."""
"""The style id of each part the reader recognises: ``STYLE_ID["title"]`` is ``DocTitle``."""
RUNIN_STYLE_ID, LEAD_STYLE_ID = STYLE_ID["runin"], STYLE_ID["lead"]
"""The character styles of the body run on after a heading and of an item's lead sentence."""

def role_styles(house: Style) -> dict[str | None, TextStyle]:
    """The :class:`TextStyle` each style id stands for in ``house`` (None: Normal, the body)."""
    return {None: house.body, **{role.id: role.text(house) for role in ROLES if role.text is not None}}


TABLE_STYLE = "Table Grid"
"""Word's built-in table style with 0.5 pt rules all round: tables in reports are ruled."""
TABLE_RULE = Twips(10)
"""The rules of :data:`TABLE_STYLE`, 0.5 pt (w:sz="4", eighths of a point)."""


def in_chars(length: Length | None) -> float:
    """An indent in characters of body type (what CSS calls ``em`` on body text): 2 for 空二字."""
    return (length or 0) / BODY_SIZE
