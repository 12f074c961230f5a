"""Rollover: next year's sheet from this year's, with everything that needs new words marked.

Year and date move on and the meta is kept. Last year's plan becomes this year's to-do list
at the head of the achievements part (【待填写】: write what was done); last year's
achievements stay as wording to reuse (【待更新】), last year's problems stay for review
(【待核对】), and the plan part is emptied for next year's plan. Figures keep this year's
value as ``previous``. ``drafter check`` warns about every mark still there.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from .files import output_path, refuse_overwrite
from .readers.sheet import read_sheet
from .errors import Problem, UsageError
from .sheet import Meta, Sheet
from .sheetfiles import save_sheet
from .spans import sentence
from .text import REVIEW, TODO, UPDATE

_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")


def _mark(texts: list[str], mark: str) -> list[str]:
    return [text if text.startswith(mark) else mark + text for text in texts]


def _mark_section(section: dict[str, Any], mark: str) -> dict[str, Any]:
    """The section with its own paragraphs and items (not titles or leads) marked, and its children."""
    section["text"] = _mark(section.get("text", []), mark)
    section["after"] = _mark(section.get("after", []), mark)
    for item in section.get("items", []):
        item["text"] = _mark([item["text"]], mark)[0]
    if section.get("table"):  # last year's figures: the caption says so
        section["table"]["caption"] = _mark([section["table"]["caption"] or ""], mark)[0]
    section["sections"] = [_mark_section(child, mark) for child in section.get("sections", [])]
    return section


def _short(text: str, limit: int = 24) -> str:
    """A to-do title from a plan sentence: up to its first break, at most ``limit`` characters."""
    first = re.split(r"[。；，：]", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit] + "……"


def _todo(title: str, plan: str) -> dict[str, Any]:
    return {"title": title, "text": [f"{TODO}上年安排：{sentence(plan)}请写明落实情况和成效。"]}


def _todos(plan_part: dict[str, Any]) -> list[dict[str, Any]]:
    """Each item, section or paragraph of last year's plan as one to-do section."""
    todos = [_todo(item["lead"] or _short(item["text"]), item["text"]) for item in plan_part.get("items", [])]
    for section in plan_part.get("sections", []):
        todos.append(_todo(section["title"], "".join(section.get("text", [])) or section["title"]))
    if not todos and plan_part.get("text"):
        todos.append(_todo("落实上年工作安排", "".join(plan_part["text"])))
    return todos


def _move_years(text: str, old: int, new: int) -> str:
    """2023年 → 2024年 and 2024年 → 2025年 in titles: the reported year and the plan year."""
    shift = new - old
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift) if int(m.group(1)) in (old, old + 1) else m.group(1),
                     text)


def _move_date(date: dt.date | None, shift: int) -> dt.date | None:
    if date is None:
        return None
    try:
        return date.replace(year=date.year + shift)
    except ValueError:  # 29 February
        return date.replace(year=date.year + shift, day=28)


def _year_range() -> tuple[int, int]:
    """The years a sheet may report on, as the sheet model bounds them."""
    bounds = {name: getattr(rule, name) for rule in Meta.model_fields["year"].metadata
              for name in ("ge", "le") if hasattr(rule, name)}
    return bounds["ge"], bounds["le"]


def rollover_sheet(sheet: Sheet, year: int | None = None) -> tuple[Sheet, list[str]]:
    """Next year's sheet and the notes that say what was done to it."""
    old = sheet.meta.year
    new = old + 1 if year is None else year
    low, high = _year_range()
    if not low <= new <= high:
        why = f"事实表已是 {old} 年，没有下一年度" if year is None else f"--year {new} 不在范围内"
        raise UsageError(Problem(f"{why}：drafter 支持 {low}–{high} 年的报告"))
    data = sheet.model_dump()
    meta = data["meta"]
    meta["year"], meta["date"] = new, _move_date(sheet.meta.date, new - old)
    if meta["title"]:
        meta["title"] = [_move_years(line, old, new) for line in meta["title"]]
    for figure in data["figures"].values():
        figure["previous"], figure["value"] = figure["value"], None
    data["intro"] = _mark(data["intro"], UPDATE)
    data["conclusion"] = _mark(data["conclusion"], UPDATE)
    for attachment in data["attachments"]:  # last year's tables and lists: names move on a year, text to update
        attachment["title"] = _move_years(attachment["title"], old, new)
        attachment["text"] = _mark(attachment["text"], UPDATE)

    todos = [todo for part in data["parts"] if part["kind"] == "plans" for todo in _todos(part)]
    parts = []
    for part in data["parts"]:
        if part["title"]:
            part["title"] = _move_years(part["title"], old, new)
        if part["kind"] == "plans":
            part.update(text=[f"{TODO}请写明{new + 1}年度的主要安排。"], items=[], sections=[], after=[], table=None)
        elif part["kind"] == "shortcomings":
            _mark_section(part, REVIEW)
        else:
            _mark_section(part, UPDATE)
        if part["kind"] == "achievements" and todos:
            part["sections"] = todos + part["sections"]
            todos = []
        parts.append(part)
    if todos:  # no achievements part last year: the to-do list opens one
        parts.insert(0, {"kind": "achievements", "sections": todos})
    data["parts"] = parts
    notes = [
        f"由 drafter rollover 从 {old} 年的事实表生成（{new} 年）。",
        f"{TODO}：上年安排，写明落实情况；{UPDATE}：上年内容，改写为本年情况；{REVIEW}：上年问题，核对是否仍然存在。",
        "改写后删去标记；drafter check 会提示尚未处理的标记。figures 中上年数值已移到 previous，请填写本年 value。",
    ]
    return Sheet.model_validate(data), notes


def _moved(relative: str | None, old: Path, new: Path) -> str | None:
    """A path written relative to the old sheet's folder, rewritten for the new one's."""
    if not relative or Path(relative).is_absolute() or not (old / relative).exists():
        return relative  # a pack name (standard), an absolute path, or nothing there to keep
    try:
        return Path(os.path.relpath((old / relative).resolve(), new.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return (old / relative).resolve().as_posix()


def _keep_paths(sheet: Sheet, old: Path, new: Path) -> Sheet:
    """``meta.template`` and ``meta.last_year_sheet`` still pointing at the same files when the
    new sheet is written to another folder (``-o``)."""
    meta = sheet.meta.model_copy(update={"template": _moved(sheet.meta.template, old, new),
                                         "last_year_sheet": _moved(sheet.meta.last_year_sheet, old, new)})
    return sheet.model_copy(update={"meta": meta})


def rollover(sheet_path: Path, output: str | Path | None = None, year: int | None = None,
             force: bool = False) -> tuple[Path, Sheet]:
    """Write next year's sheet (``博乐市2023.yaml`` → ``博乐市2024.yaml``) where ``-o`` says
    (:func:`output_path`), with the schema beside it (:func:`save_sheet`)."""
    sheet = read_sheet(sheet_path)
    new_sheet, notes = rollover_sheet(sheet, year)
    old, new = str(sheet.meta.year), str(new_sheet.meta.year)
    name = sheet_path.name.replace(old, new) if old in sheet_path.name else f"{sheet_path.stem}-{new}{sheet_path.suffix}"
    target = output_path(output, name)
    refuse_overwrite(target, force)
    new_sheet = _keep_paths(new_sheet, sheet_path.parent, target.parent)
    save_sheet(target, new_sheet, notes)
    return target, new_sheet
