"""Named figures and their year-on-year wording, without a calculator.

A sheet declares figures once (``figures: {培训人次: {value: 5223, unit: 人次, previous: 4066}}``);
text refers to them as ``{培训人次}`` (the value and unit), ``{培训人次:同比}`` (the comparison)
or ``{培训人次:上年}`` (last year's value). References are replaced after rendering, as a
transform over the document model, so the same words reach every writer.

Rounding rule: percentages are rounded half up to one decimal place, and a trailing ".0" is
dropped (28.45 → 28.5 %, 30.0 → 30 %); rates (``rate: true``, values in %) compare in
percentage points (个百分点) with the same rounding.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from .model import Document
from .script import map_text
from .text import TODO

REFERENCE = re.compile(r"\{([^{}:：\s]+)(?:[:：](同比|上年))?\}")
FORMS = ("同比", "上年")
# Anything in braces that may be meant as a reference: checked, so that a slip ({名称:同比率},
# { 名称 }) is reported rather than printed as it stands.
_BRACED = re.compile(r"\{([^{}\n]{1,60})\}")


class FigureLike(Protocol):
    value: float | None
    unit: str
    previous: float | None
    rate: bool


def _number(value: float) -> str:
    """A figure as written in a report: no ".0" on whole numbers, at most two decimals."""
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    text = format(rounded, "f")
    return text


def _one_decimal(value: Decimal) -> str:
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format(rounded.normalize(), "f") if rounded != rounded.to_integral() else str(int(rounded))


def amount(figure: FigureLike, previous: bool = False) -> str:
    """``5223人次``; a figure still to be filled in reads 【待填写】 so it cannot be missed."""
    value = figure.previous if previous else figure.value
    return TODO if value is None else f"{_number(value)}{figure.unit}"


def comparison(figure: FigureLike) -> str:
    """同比增长28.5% / 同比下降3个百分点 / 与上年持平 (a sheet whose text asks for a comparison
    without last year's value is refused when read: see :func:`reference_problems`)."""
    if figure.value is None:
        return TODO
    if figure.previous is None:
        return ""
    now, before = Decimal(str(figure.value)), Decimal(str(figure.previous))
    if now == before:
        return "与上年持平"
    if figure.rate:
        change, unit = abs(now - before), "个百分点"
        word = "提高" if now > before else "下降"
    elif before == 0:
        return f"比上年增加{_number(float(now))}{figure.unit}"
    else:
        change, unit = abs(now - before) / abs(before) * 100, "%"
        word = "增长" if now > before else "下降"
    return f"同比{word}{_one_decimal(change)}{unit}"


def render_reference(match: re.Match[str], figures: dict[str, Any]) -> str:
    figure = figures[match.group(1)]
    if match.group(2) == "同比":
        return comparison(figure)
    return amount(figure, previous=match.group(2) == "上年")


def fill_text(text: str, figures: dict[str, Any]) -> str:
    """One text with its ``{名称}`` references written out."""
    return REFERENCE.sub(lambda m: render_reference(m, figures), text) if figures else text


def fill_figures(doc: Document, figures: dict[str, Any]) -> Document:
    """The document with every reference written out (references are checked when the
    sheet is read, so each name here is declared)."""
    return map_text(doc, lambda text: fill_text(text, figures)) if figures else doc


def referenced(text: str) -> list[str]:
    """The figure names a text refers to."""
    return [m.group(1) for m in REFERENCE.finditer(text)]


def reference_problems(text: str, figures: dict[str, Any]) -> list[str]:
    """Why references in ``text`` cannot be written out: an undeclared name, a form other than
    同比/上年, spaces inside the braces, or a 同比 without last year's value (which would
    leave an empty gap such as “，，” in the draft). Braces that name no figure and use no
    form (“{互联网+监管}” is not a reference) are left alone, as is a name that is undeclared
    but written exactly as a reference (reported as undeclared)."""
    problems = []
    for match in _BRACED.finditer(text):
        inner = match.group(1)
        name, colon, form = (re.split(r"([:：])", inner, maxsplit=1) + ["", ""])[:3]
        name, form = name.strip(), form.strip()
        exact = REFERENCE.fullmatch(match.group())
        if exact and name not in figures:
            problems.append(f"引用了未声明的数字“{name}”：请在 figures 中声明，或改正名称")
        elif exact:
            figure = figures[name]
            if form == "同比" and figure.value is not None and figure.previous is None:
                problems.append(f"“{match.group()}”无法写出：“{name}”没有上年数；请填写 previous，或删去此处的同比")
        elif name in figures or form.startswith(FORMS):
            if colon and form not in FORMS:
                problems.append(f"“{match.group()}”的写法不对：可写 {{{name}}}（数值）、{{{name}:同比}}（同比）"
                                f"或 {{{name}:上年}}（上年数）")
            else:
                problems.append(f"“{match.group()}”中不要有空格，请写作 {{{name}{':' + form if colon else ''}}}")
    return problems
