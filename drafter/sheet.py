"""The fact sheet: what a clerk types, as a typed model with a JSON Schema.

This is deliberately a different type from the document model: the sheet says *what
happened* (region, year, measures, problems, plans), the template decides *how it is
worded and ordered*, and the document model is what gets laid out.

Class docstrings and field descriptions here are in Chinese because they are shown to
clerks: ``drafter schema`` publishes them and editors display them on hover.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Iterator, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from .model import MAX_HEADING_LEVEL, ItemStyle, PartKind
from .script import Script
from .text import CJK, XML_ILLEGAL

_CJK = re.compile(f"[{CJK}]")
_ILLEGAL = re.compile(f"[{XML_ILLEGAL}]")
_DATE = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$")


def _join_lines(text: str) -> str:
    """Join the lines of one paragraph: Chinese wraps without spaces, Latin with one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        cjk_seam = _CJK.match(joined[-1]) or _CJK.match(line[0])
        joined += line if cjk_seam else " " + line
    return joined


def _clean_text(value: Any) -> Any:
    """Refuse characters Word cannot store and fold a wrapped YAML line into one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    bad = _ILLEGAL.search(value)
    if bad:
        raise ValueError(f"含有无法写入 Word 的控制字符 U+{ord(bad.group()):04X}，请删除")
    if value.lstrip().startswith("::") or value.strip() == ":":
        raise ValueError("文字不能以“::”开头（那是模板指令的写法）")
    return _join_lines(value)


def _split_paragraphs(value: Any) -> Any:
    """Accept one string (paragraphs separated by blank lines) or a list of paragraphs."""
    if isinstance(value, str):
        return [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    return [] if value is None else value


Text = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1)]
Paragraphs = Annotated[
    list[Text],
    BeforeValidator(_split_paragraphs),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": "一段文字，或若干段（列表；也可在一个字符串里用空行分段）",
        }
    ),
]


class _Strict(BaseModel):
    """Unknown keys are errors (a misspelt key must not silently drop a paragraph)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def parse_date(value: Any) -> Any:
    """A date as clerks write it (2024-03-20, 2024.3.20, 2024年3月20日); anything else unchanged,
    except a bare number, which pydantic would read as seconds since 1970 (86400 → 1970-01-02)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"“{value}”不是日期：请写作 2024-03-20 或 2024年3月20日")
    if isinstance(value, str):
        match = _DATE.match(value)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise ValueError(f"“{value.strip()}”不是有效日期") from None
    return value


def _strip_colon(value: Any) -> Any:
    return value.strip().rstrip(":：") if isinstance(value, str) else value


_YEAR_IN_BRACKETS = re.compile(r"[\[【（(〔]\s*(\d{4})\s*[\]】）)〕]")


def check_doc_number(value: str) -> str:
    """发文字号 per GB/T 9704-2012 7.2.5: the year in 〔〕 (other brackets are corrected, the
    commonest slip), the serial number without 第 and without leading zeros, then 号."""
    value = _YEAR_IN_BRACKETS.sub(r"〔\1〕", value)
    match = re.fullmatch(r"(.+)〔(\d{4})〕(.*)号", value)
    if match is None:
        raise ValueError("发文字号应写作“机关代字〔年份〕序号号”，如“博政发〔2024〕12号”")
    serial = match.group(3)
    if serial.startswith("第"):
        raise ValueError("发文字号的序号不加“第”字（GB/T 9704-2012 7.2.5），如“博政发〔2024〕12号”")
    if not serial.isdigit() or serial.startswith("0"):
        raise ValueError("发文字号的序号用阿拉伯数字，不编虚位（1 不写作 01）")
    return value


class Numbering(_Strict):
    """原文的编号习惯（导入时按原文记录）；不写即按 GB/T 9704-2012 7.3.3：一、（一）1.（1），各级在上级标题下从1编号。"""

    part_markers: bool = Field(default=False, description="一级标题写作“第一部分”“第二部分”（标准写法为“一、”）。")
    level3_straight: bool = Field(
        default=False, description="三级标题 1. 2. 在整个一级部分内连续编号，不在每个（一）下重新从1编号。"
    )
    arabic_mark: Literal[".", "、"] = Field(default=".", description="三级标题和 1. 条目的序号后用“.”（标准）还是“、”。")


class Meta(_Strict):
    """报告的基本信息：地区、年度、标题、主送机关、落款和成文日期。"""

    region: Text = Field(description="地区或机关名称，如“博乐市”。默认标题和文件名由它和年度组成。")
    year: int = Field(ge=1990, le=2100, description="报告所述年度（上一年度），如 2023。")
    title: Annotated[list[Text], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] | None = Field(
        default=None,
        description="自定标题；不填则由模板按地区和年度生成。可写成列表，分多行排列（梯形或菱形）；写 [] 表示不要标题。",
        json_schema_extra={"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    )
    addressee: Annotated[Text, BeforeValidator(_strip_colon)] | None = Field(
        default=None, description="主送机关，如“自治州人民政府”；末尾全角冒号会自动加上。"
    )
    issuer: Text | None = Field(default=None, description="落款（发文机关署名），如“博乐市人民政府”。")
    date: Annotated[dt.date, BeforeValidator(parse_date)] | None = Field(
        default=None, description="成文日期，写作 2024-03-20 或 2024年3月20日；成稿中写作“2024年3月20日”。"
    )
    byline: Text | None = Field(default=None, description="署名行（署名文章用），如“开原市市长 赵建伟”。")
    closing: list[Text] = Field(
        default_factory=list, description="文末附注行，如“审核人：王静”“编辑：……”，每行一项。"
    )
    form: Literal["draft", "formal"] = Field(
        default="draft",
        description="成稿形式：draft 只排报告主体（默认）；formal 排报送上级的正式公文，加版头（发文机关标志、"
        "发文字号、签发人、红色分隔线）和版记（抄送、印发机关和印发日期）。drafter build --formal 可临时改用。",
    )
    masthead: Text | None = Field(
        default=None, description="发文机关标志（红头），如“博乐市人民政府文件”，或机关名称；不填则用落款加“文件”。"
    )
    doc_number: Annotated[Text, AfterValidator(check_doc_number)] | None = Field(
        default=None,
        description="发文字号，如“博政发〔2024〕12号”：年份用六角括号〔〕，序号不加“第”、不补零；"
        "写成 [2024]、【2024】会自动改为〔2024〕。",
    )
    signers: list[Text] = Field(
        default_factory=list, description="签发人（上行文），如 [张三]；有签发人时发文字号居左、签发人居右。"
    )
    secrecy: Text | None = Field(default=None, description="密级和保密期限，如“秘密★1年”（公开的报告不填）。")
    urgency: Text | None = Field(default=None, description="紧急程度，如“特急”“加急”。")
    copies_to: list[Text] = Field(
        default_factory=list, description="抄送机关，如 [市人大常委会办公室, 市政协办公室]；版记中以顿号相隔、句号结尾。"
    )
    printed_by: Text | None = Field(default=None, description="印发机关，如“博乐市人民政府办公室”；不填则用落款。")
    printed_on: Annotated[dt.date, BeforeValidator(parse_date)] | None = Field(
        default=None, description="印发日期；不填则用成文日期。"
    )
    template: Text | None = Field(
        default=None,
        description="模板：内置模板名（standard、summary、article）或模板文件夹（相对本事实表所在的文件夹）。"
        "drafter build -t 可临时改用其他模板。",
    )
    last_year_sheet: Text | None = Field(
        default=None,
        description="上年的事实表（相对本文件所在的文件夹）：figures 中没有写 previous 的数字，取上年事实表中同名数字的 value。",
    )
    script: Script = Field(
        default="simplified",
        description="成稿用字：simplified 按事实表原样；traditional 繁体；hk 香港繁体；tw 台湾正体。"
        "drafter build --script 可临时改用其他字体。",
    )
    numbering: Numbering | None = Field(
        default=None, description="原文的编号习惯：第一部分、三级标题连续编号、“1、”；drafter check 会说明标准写法。"
    )
    script_forms: dict[str, Text] = Field(
        default_factory=dict,
        description="繁体成稿的用字习惯：转换后把左边的字换成右边的字，如“範: 范”。导入繁体报告时按原文自动记录。",
    )

    @field_validator("script_forms")
    @classmethod
    def _single_characters(cls, forms: dict[str, str]) -> dict[str, str]:
        for key in forms:
            if len(key) != 1:
                raise ValueError(f"“{key}”应为单个字")
        return forms


class Item(_Strict):
    """一项条目（一是……二是……，或“——”引领的一段）。可直接写成一段文字。"""

    lead: Text | None = Field(default=None, description="条目的小标题句，如“强化政治引领”；句末“。”自动加上。")
    text: Text = Field(description="条目正文。")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [{"type": "string", "description": "条目正文"}, schema]}

    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Table(_Strict):
    """一张简单表格（如主要数据），第一行为表头。"""

    caption: Text | None = Field(default=None, description="表题。")
    columns: list[Annotated[str, BeforeValidator(_clean_text)]] = Field(
        min_length=1, description="表头各列名称；左上角等处的空格写作 \"\"。")
    rows: list[list[Annotated[str, BeforeValidator(_clean_text)]]] = Field(
        min_length=1, description="各行数据，每行的格数与表头相同。"
    )

    @field_validator("rows")
    @classmethod
    def _rows_match_columns(cls, rows: list[list[str]], info: Any) -> list[list[str]]:
        width = len(info.data.get("columns") or [])
        for n, row in enumerate(rows, start=1):
            if width and len(row) != width:
                raise ValueError(f"第{n}行有{len(row)}格，表头有{width}列")
        return rows


class Section(_Strict):
    """一个带标题的部分；下级部分写在 sections 里，编号由程序生成，不要手写序号。"""

    title: Text = Field(description="标题，不写序号（一、（一）1.（1）由程序编排）。")
    text: Paragraphs = Field(default_factory=list, description="正文段落。")
    run_in: bool | None = Field(
        default=None,
        description="标题与正文是否同段（“（一）标题。正文……”）。不填时：一级标题单独成行，其余同段。",
    )
    items: list[Annotated[Item, BeforeValidator(Item._from_text)]] = Field(
        default_factory=list, description="条目，按 items_style 编排为 一是/二是、—— 或 1. 2.。"
    )
    items_style: ItemStyle = Field(default="ordinal", description="条目样式：ordinal（一是）、dash（——）、arabic（1.）。")
    items_inline: bool = Field(
        default=False, description="条目是否接在正文（或同段标题）之后、同一段内；否则每条单独成段。"
    )
    table: Table | None = Field(default=None, description="表格。")
    sections: list[Section] = Field(default_factory=list, description="下一级部分。")
    after: Paragraphs = Field(default_factory=list, description="下级部分之后的段落（如小结）。")


class Part(Section):
    """报告的一个组成部分（一级标题）。kind 说明它是督察工作规定要求的哪一项内容。"""

    kind: PartKind = Field(
        default="other",
        description=(
            "achievements：主要举措和成效；responsibility：党政主要负责人履行第一责任人职责情况；"
            "shortcomings：存在的不足和原因；plans：下一年度主要安排；other：其他需要报告的情况。"
        ),
    )
    title: Text | None = Field(default=None, description="标题；不填则由模板按 kind 和年度给出默认标题。")


# A clerk's figures are counts, money and rates: 10^15 is far above any of them (万亿 is
# 10^12), and below it every value keeps its two decimals exactly in the wording.
FIGURE_LIMIT = 1e15


def _bounded(value: float | None) -> float | None:
    """A finite figure within :data:`FIGURE_LIMIT` (NaN, infinity and 1e400 cannot be worded)."""
    if value is not None and not (math.isfinite(value) and abs(value) < FIGURE_LIMIT):
        raise ValueError("数值应为有限的数字，且绝对值小于 10^15（一千万亿）")
    return value


Amount = Annotated[float | None, AfterValidator(_bounded)]


class Figure(_Strict):
    """一个数字：正文中写 {名称} 得到“数值+单位”，写 {名称:同比} 得到“同比增长28.5%”等，写 {名称:上年} 得到上年数。"""

    value: Amount = Field(default=None, description="本年数值；不填则成稿中显示“【待填写】”。")
    unit: Annotated[str, BeforeValidator(_clean_text)] = Field(default="", description="单位，如 件、人次、万元、%。")
    previous: Amount = Field(default=None, description="上年数值，用于同比。")
    rate: bool = Field(default=False, description="是否为比率（%）：比率的同比写作“提高/下降N个百分点”。")


class Attachment(_Strict):
    """一件附件：名称列入正文之后的附件说明（“附件：1.名称”）；写了正文的，在成文日期之后另起一页，以“附件1”开头。"""

    title: Text = Field(description="附件名称，与附件说明一致，不加句末标点。")
    text: Paragraphs = Field(default_factory=list, description="附件正文；不写则只在附件说明中列出（附件另行报送）。")


class Sheet(_Strict):
    """drafter 事实表：一份法治政府建设年度报告的全部内容。"""

    model_config = ConfigDict(title="drafter 事实表")

    meta: Meta
    figures: dict[str, Figure] = Field(
        default_factory=dict, description="具名数字：正文中用 {名称}、{名称:同比}、{名称:上年} 引用，程序代算同比。"
    )
    intro: Paragraphs = Field(default_factory=list, description="开头段落（导语）。")
    parts: list[Part] = Field(min_length=1, description="报告的各部分，依次编为 一、二、三、……")
    conclusion: Paragraphs = Field(default_factory=list, description="各部分之后的结尾段落。")
    attachments: list[Attachment] = Field(
        default_factory=list, description="附件：依次编为附件1、附件2……（GB/T 9704-2012 7.3.4、7.3.7）。"
    )


def too_deep(sheet: Sheet) -> list[tuple[Any, ...]]:
    """Paths of ``sections`` lists that would open a fifth heading level."""
    found: list[tuple[Any, ...]] = []

    def walk(section: Section, path: tuple[Any, ...], level: int) -> None:
        if section.sections and level == MAX_HEADING_LEVEL:
            found.append(path + ("sections",))
            return
        for n, child in enumerate(section.sections):
            walk(child, path + ("sections", n), level + 1)

    for n, part in enumerate(sheet.parts):
        walk(part, ("parts", n), 1)
    return found


def sheet_strings(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string a clerk wrote in a dumped sheet, with its path (codes and flags left out)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from sheet_strings(value, path + (index,))
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("kind", "items_style", "script", "script_forms", "date", "year", "figures", "template", "numbering",
                           "unit"):
                yield from sheet_strings(value, path + (key,))


def json_schema() -> dict[str, Any]:
    """The sheet's JSON Schema, for editors (``# yaml-language-server: $schema=…``)."""
    schema = Sheet.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
