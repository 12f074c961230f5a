"""Structure-aware fuzzing: sheets and reports (.txt and .docx) as clerks and other programs
make them, with the odd values the robustness review found, through build, check, import,
outline and rollover in this process.

Every run must end with a documented exit code (never 70), a Chinese message without
English library text, one JSON object from ``check --format json``, and any .docx written
must open in python-docx. The profile's example count is shared out by each property's cost
(a Word report costs about seven mutated sheets): the default run makes 300 inputs, CI's
slow job (``--hypothesis-profile=fuzz``, 10,000) makes 20,000.

Reports include the shapes the readers once failed on (empty table cells, 零 headings, “::”
lines, control characters, a lone “：”, braces, a table before any heading, impossible dates).
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.script import convert_text

from .conftest import SHEETS as CASE_SHEETS
from .fuzz.harness import SHEETS, Outcome, assert_answered, assert_one_json_object, assert_opens, invoke

pytestmark = pytest.mark.properties

BUDGET = settings.default.max_examples  # of the profile chosen on the command line


def share(fraction: float) -> settings:
    """This property's part of the profile's examples."""
    return settings(max_examples=max(20, round(BUDGET * fraction)))


SHEET_CODES = {0, 1, 2, 3}  # built or checked; invalid sheet; the sheet's template refused it
REPORT_CODES = {0, 1, 4}

# ------------------------------------------------------------------------------------------
# Scalars: what clerks type, and what the review found breaking things.
CHINESE = st.text(st.sampled_from("法治政府建设依法行政复议案件执法监督一二三十年月日县市区（）“”《》、，。；：！？…—"),
                  min_size=1, max_size=20)
ODD_TEXT = st.sampled_from([
    "@张三", "#1", "- 条目", "? 问", ": 冒号", "{互联网+监管}", "{ 案件 }", "{案件:同比率}", "{案件:同比}", "{案件}",
    "{案件：上年}", "{未声明}", "!!str 文字", "&a 锚", "*a", "%YAML", "|", ">", "'单引号", '"双引号', "::heading 1",
    "D:\\模板\\我市", "\\u00e9", "12:30", "yes", "null", "~", "2024-02-30", "2024年13月1日", "【待填写】", "（请填写）",
    "\u200b零宽", "\u202e反向", "😀", "𠀀", "\u3000全角空格", "法" * 300, "x" * 260,
])
TEXT = st.one_of(CHINESE, CHINESE, ODD_TEXT, st.text(max_size=12))
NUMBER = st.one_of(
    st.integers(-10**30, 10**30).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from([".nan", ".inf", "-.inf", "1e400", "1e26", "1e15", "312件", "12.5%", "0x1F", "1_000", "'42'",
                     "!!float abc", "!!int 十二", "!!float 1e400", "!!int 99999999999999999999999", "!!bool maybe",
                     "!!str 3", "''", "[1, 2]", "{a: 1}", "true"]),
)
DATE = st.one_of(st.dates().map(str), st.sampled_from([
    "86400", "2024-03-20", "2024年3月20日", "二〇二四年三月二十日", "!!timestamp 明天", "!!timestamp 2024-03-20",
    "!!timestamp 2024-03-20 10:00:00", "2024-02-30", "0", "-1", "2024.3.20", "'2024-03-20'"]))
YEAR = st.one_of(st.integers(1980, 2110).map(str), st.sampled_from(["!!int 十二", "2024.0", "'2024'", "1e3", "二〇二三"]))


UNITS = st.sampled_from(["件", "%", "人次", "件\x07", "", "万元"])


@st.composite
def yaml_scalar(draw: st.DrawFn, values: st.SearchStrategy[str] = TEXT) -> str:
    """A value as one of the ways a clerk writes it in YAML: plain, single- or double-quoted."""
    value = draw(values)
    style = draw(st.sampled_from(["plain", "plain", "single", "double"]))
    if style == "single":
        return "'" + value.replace("'", "''").replace("\n", " ") + "'"
    if style == "double":
        return '"' + value.replace('"', '\\"').replace("\n", "\\n") + '"'
    return value.replace("\n", " ")


@st.composite
def sheets(draw: st.DrawFn) -> str:
    """A fact sheet as YAML text: the real structure, with odd values anywhere."""
    lines = ["meta:", f"  region: {draw(yaml_scalar())}", f"  year: {draw(YEAR)}"]
    for field in ("title", "addressee", "issuer", "byline"):
        if draw(st.booleans()):
            lines.append(f"  {field}: {draw(yaml_scalar())}")
    if draw(st.booleans()):
        lines.append(f"  date: {draw(DATE)}")
    if draw(st.booleans()):
        lines.append(f"  template: {draw(st.sampled_from(['standard', 'summary', 'article', 'nope', '../x']))}")
    if draw(st.booleans()):
        lines.append("figures:")
        for name in draw(st.lists(st.sampled_from(["案件", "培训", "率", "名称 有空格"]), max_size=3, unique=True)):
            fields = [f"value: {draw(NUMBER)}"]
            if draw(st.booleans()):
                fields.append(f"previous: {draw(NUMBER)}")
            if draw(st.booleans()):
                fields.append(f"unit: {draw(yaml_scalar(UNITS))}")
            if draw(st.booleans()):
                fields.append("rate: true")
            lines.append(f"  {name}: {{{', '.join(fields)}}}")
    lines.append("parts:")
    for _ in range(draw(st.integers(1, 4))):
        lines.append(f"  - kind: {draw(st.sampled_from(['achievements', 'responsibility', 'shortcomings', 'plans', 'other', 'bogus']))}")
        if draw(st.booleans()):
            lines.append(f"    title: {draw(yaml_scalar())}")
        lines.append(f"    text: {draw(yaml_scalar())}")
        if draw(st.booleans()):
            lines.append(f"    items_style: {draw(st.sampled_from(['ordinal', 'dash', 'arabic', 'x']))}")
            lines.append("    items:")
            lines += [f"      - {draw(yaml_scalar())}" for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            lines.append("    sections:")
            for _ in range(draw(st.integers(0, 3))):
                lines.append(f"      - title: {draw(yaml_scalar())}")
                lines.append(f"        text: {draw(yaml_scalar())}")
        if draw(st.booleans()):
            width = draw(st.integers(0, 3))
            lines.append("    table:")
            lines.append(f"      columns: [{', '.join(draw(yaml_scalar()) for _ in range(width))}]")
            lines.append(f"      rows: [[{', '.join(draw(yaml_scalar()) for _ in range(draw(st.integers(0, 3))))}]]")
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:  # a slip: a tab, a cut, a second document
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\t", "---\n", ": ", "\n  ", "[", "\"", "\\"])) + text[at:]
    return text


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding, errors="surrogatepass"))
    return path


def _check_json(path: Path, echoed: str) -> Outcome:
    outcome = invoke("check", "--format", "json", path)
    assert_answered(outcome, SHEET_CODES | REPORT_CODES, echoed)
    assert_one_json_object(outcome)
    return outcome


@share(0.45)
@given(sheets())
def test_fuzzed_sheets_build_check_and_roll_over_or_are_refused(text: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sheet = _write(folder, "s2024.yaml", text)
        built = invoke("build", sheet, "-o", folder / "d.docx")
        assert_answered(built, {0, 1, 2, 3}, text)  # 1: written, with marks still to fill
        if built.code in (0, 1):
            assert_opens(folder / "d.docx")
        else:
            assert not (folder / "d.docx").exists()
        _check_json(sheet, text)
        (folder / "next").mkdir()
        rolled = invoke("rollover", sheet, "-o", folder / "next")
        assert_answered(rolled, {0, 2}, text)
        if rolled.code == 0:
            [new] = (folder / "next").glob("*.yaml")
            assert_answered(invoke("check", new), {0, 1, 3}, text)  # a rolled-over sheet is valid


CANONICAL = (CASE_SHEETS / "canonical.yaml").read_text(encoding="utf-8")
SEED_SHEETS = [CANONICAL] + [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SHEETS.glob("*.yaml"))
                             if p.stat().st_size < 20_000 and "utf16" not in p.name and "big5" not in p.name]


@share(1.0)
@given(st.sampled_from(SEED_SHEETS), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8),
                                                          st.text(max_size=4)), min_size=1, max_size=4),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be"]))
def test_mutated_sheets_in_any_encoding_are_answered(base: str, edits: list[tuple[int, int, str]],
                                                     encoding: str) -> None:
    text = base
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut:]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        try:
            sheet = _write(folder, "s.yaml", text, encoding)
        except UnicodeEncodeError:
            sheet = _write(folder, "s.yaml", text)
        built = invoke("build", sheet, "-o", folder / "d.docx")
        assert_answered(built, {0, 1, 2, 3}, text)  # 1: written, with marks still to fill
        if built.code in (0, 1):
            assert_opens(folder / "d.docx")
        _check_json(sheet, text)


# ------------------------------------------------------------------------------------------
# Reports.
MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "1.", "2、", "（1）", "(3)", "一是", "二是", "——", "第一，"]
ITEM_MARKERS = {"一是", "二是", "——", "第一，"}
NOISE = ["??", "□", "習(xí)", ",,", "，、", "\xa0", "\u3000", " ", "\u200b"]
ODD_MARKERS = ["零、", "（零）", "::", "：", "{互联网+监管}", "\x07"]  # each a class the readers once failed on


@st.composite
def report_lines(draw: st.DrawFn) -> list[str]:
    """A report's lines: title, addressee, headings with their markers, body, items, tables,
    noise from web pages, date and closing lines."""
    markers = MARKERS + ODD_MARKERS
    lines = [draw(st.sampled_from(["测试县2024年法治政府建设情况报告", "關於2023年度法治政府建設情況的報告", "", "   ",
                                   "报告"]))]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["自治州人民政府：", "市政府:", "："])))
    headed = False
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 5))
        if kind == 0 and draw(st.booleans()):  # a table, also before any heading
            cells = draw(st.integers(2, 4))
            for _ in range(draw(st.integers(2, 4))):
                row = [draw(st.one_of(CHINESE, st.just(""))) for _ in range(cells)]
                lines.append("\t".join(row))
        else:
            noise = draw(st.sampled_from(NOISE)) if draw(st.integers(0, 3)) == 0 else ""
            words = draw(CHINESE)  # punctuation only, too: a heading with no words
            marker = draw(st.sampled_from(markers))
            headed = headed or (marker not in ITEM_MARKERS and not noise)  # noise may hide the marker
            lines.append(noise + marker + words + draw(st.sampled_from(["", "。", "：", "。正文。"])))
    if draw(st.booleans()):
        endings = ["测试县人民政府", "2025年3月20日", "二〇二五年三月二十日", "审核人：张三", "编辑：李四"]
        lines.append(draw(st.sampled_from(endings + ["2025年2月30日"])))
    return lines


def _report_commands(report: Path, folder: Path, echoed: str) -> None:
    imported = invoke("import", report, "-o", folder / "s.yaml")
    assert_answered(imported, REPORT_CODES, echoed)
    if imported.code == 0:
        built = invoke("build", folder / "s.yaml", "-o", folder / "d.docx", "--interim")
        assert_answered(built, {0}, echoed)  # an imported sheet always builds (its placeholders still to fill)
        assert_opens(folder / "d.docx")
    assert_answered(invoke("outline", report), REPORT_CODES, echoed)
    assert_one_json_object(invoke("check", "--format", "json", report))


@share(0.4)
@given(report_lines(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5"]))
def test_fuzzed_text_reports_import_check_and_outline(lines: list[str], encoding: str) -> None:
    text = "\n".join(lines) + "\n"
    if encoding == "big5":
        text = convert_text(text, "s2t")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        try:
            report = _write(folder, "r.txt", text, encoding if encoding != "big5" else "cp950")
        except UnicodeEncodeError:
            report = _write(folder, "r.txt", text)
        _report_commands(report, folder, text)


@share(0.15)
@given(report_lines(), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["Heading 1", "Heading 2", "Heading 3",
                                                                                 "Normal", "Title", "List Bullet"])),
                                max_size=4),
       st.lists(st.lists(st.lists(CHINESE, min_size=1, max_size=3), min_size=1, max_size=3), max_size=2))
def test_fuzzed_word_reports_import_check_and_outline(lines: list[str], styles: list[tuple[int, str]],
                                                      tables: list[list[list[str]]]) -> None:
    document = docx.Document()
    styled = dict(styles)
    for n, line in enumerate(lines):
        document.add_paragraph(line.replace("\x07", ""), style=styled.get(n, "Normal"))
    for rows in tables:
        width = max(len(r) for r in rows)
        grid = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        report = folder / "r.docx"
        report.write_bytes(buffer.getvalue())
        _report_commands(report, folder, json.dumps(lines, ensure_ascii=False))
