"""Every input class found by the robustness review gets a Chinese answer and its documented
exit code, never the internal-error path. The inputs are kept in tests/fuzz/sheets and
tests/fuzz/reports."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from drafter import review as reviews
from drafter.errors import EXIT_INTERNAL
from drafter.files import NAME_BYTES
from drafter.readers.encoding import UnknownEncoding, decode
from drafter.writers.docx import CORE_PROPERTY_LIMIT

from .conftest import EXAMPLES

# Inputs of 10,000 headings take 10 s each to build or import: run by CI's slow job.
large = pytest.mark.skipif(os.environ.get("DRAFTER_LARGE_INPUTS") != "1",
                           reason="10,000-heading input: run with DRAFTER_LARGE_INPUTS=1 (CI's slow job)")
from .fuzz.harness import REPORTS, SHEETS, assert_answered, assert_one_json_object, assert_opens, english_words, invoke

# ------------------------------------------------------------------------------------------
# Sheets: (fixture, the Chinese message it must get); all are invalid sheets: exit 2.
REFUSED_SHEETS = [
    ("figure-nan.yaml", "第6行，“figures.案件.value”：应为数字，“.nan”不是数字"),
    ("figure-inf.yaml", "第6行，“figures.案件.value”：应为数字，“.inf”不是数字"),
    ("figure-1e26.yaml", "第6行，“figures.案件.value”：数值应为有限的数字，且绝对值小于 10^15（一千万亿）"),
    ("figure-1e400-string.yaml", "第6行，“figures.案件.value”：数值应为有限的数字，且绝对值小于 10^15（一千万亿）"),
    ("figure-unit-control.yaml", "第6行，“figures.案件.unit”：含有无法写入 Word 的控制字符 U+0007，请删除"),
    ("figure-unit-in-value.yaml", "第6行，“figures.案件.value”：应为数字：“312件”中有文字；数值只写数字（312），单位“件”写在 unit 中"),
    ("figure-unknown-form.yaml", "第9行，“parts[1].text”：“{案件:同比率}”的写法不对：可写 {案件}（数值）、{案件:同比}（同比）或 {案件:上年}（上年数）"),
    ("figure-spaces.yaml", "第9行，“parts[1].text”：“{ 案件 }”中不要有空格，请写作 {案件}"),
    ("figure-no-previous.yaml", "第9行，“parts[1].text”：“{案件:同比}”无法写出：“案件”没有上年数；请填写 previous，或删去此处的同比"),
    ("tag-timestamp.yaml", "第4行：YAML 格式错误：不允许的 YAML 标签（事实表里只能写文字、数字、列表和“名称: 内容”）"),
    ("tag-int.yaml", "第3行：YAML 格式错误：标签 !!int 要求整数，“十二”不是"),
    ("tag-float.yaml", "第6行：YAML 格式错误：标签 !!float 要求数字，“abc”不是"),
    ("tag-bool.yaml", "第4行：YAML 格式错误：标签 !!bool 要求“true”或“false”，“maybe”不是"),
    ("date-integer.yaml", "第4行，“meta.date”：“86400”不是日期：请写作 2024-03-20 或 2024年3月20日"),
    ("tab-indent.yaml", "第2行：YAML 格式错误：不能用 Tab 键缩进，请改用空格"),
    ("at-sign.yaml", "第4行：YAML 格式错误：“@”不能出现在内容开头：以“@”开头的文字请整段加引号，如 '@张三'"),
    ("two-documents.yaml", "第7行：YAML 格式错误：一个文件只能有一份事实表，这里的“---”开始了第二份；请删去它"),
    ("second-occurrence.yaml", "第6行：YAML 格式错误：锚点“&a”定义了两次（第1行已定义），请改用另一个名称"),
    ("windows-path-double-quotes.yaml", "第4行：YAML 格式错误：双引号中的反斜杠“\\”后面跟了不能转义的字符："
                                        "Windows 路径请改用单引号（如 'D:\\模板\\我市'），或把“\\”写成“/”（如 D:/模板/我市）"),
    ("unicode-escape.yaml", "第2行：YAML 格式错误：双引号中的“\\x”“\\u”后面应为十六进制数字"),
    ("invalid-unicode-escape.yaml", "第2行：YAML 格式错误：双引号中的“\\u…”不是有效的字符编码"),
    ("keys-not-strings.yaml", "第5行，“figures.[key]”：名称“2023”应为文字：数字或列表作名称时请加引号，如 '2023'"),
]


@pytest.mark.parametrize("fixture, message", REFUSED_SHEETS, ids=[f for f, _ in REFUSED_SHEETS])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_faulty_sheet_is_refused_in_chinese_at_its_line(tmp_path: Path, command: str, fixture: str,
                                                          message: str) -> None:
    outcome = invoke(command, SHEETS / fixture, *(["-o", tmp_path] if command == "build" else []))
    assert_answered(outcome, {2})
    assert f"错误：{SHEETS / fixture}，{message}" in outcome.err
    assert list(tmp_path.iterdir()) == []


def test_the_at_sign_is_not_called_a_tab() -> None:
    assert "Tab" not in invoke("check", SHEETS / "at-sign.yaml").err


@pytest.mark.parametrize("fixture, field", [("title-300.yaml", "title"), ("region-300.yaml", "region"),
                                            ("issuer-300.yaml", "issuer")])
def test_texts_longer_than_a_core_property_build(tmp_path: Path, fixture: str, field: str) -> None:
    outcome = invoke("build", SHEETS / fixture, "-o", tmp_path / "d.docx")
    assert_answered(outcome, {0})
    properties = assert_opens(tmp_path / "d.docx").core_properties
    assert len(properties.title) <= CORE_PROPERTY_LIMIT and len(properties.author) <= CORE_PROPERTY_LIMIT
    if field != "issuer":
        assert properties.title.endswith("…")


def test_a_long_title_gives_a_default_file_name_every_file_system_takes(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = invoke("build", SHEETS / "title-200-no-output.yaml")
    assert_answered(outcome, {0})
    [written] = tmp_path.glob("*.docx")
    assert len(written.name.encode("utf-8")) <= NAME_BYTES and len(written.name) <= 255
    assert written.name.startswith("法治法治") and written.suffix == ".docx"
    assert_opens(written)


@large
@pytest.mark.parametrize("fixture, last_number", [("parts-10000.yaml", "一万、"), ("sections-10000.yaml", "（一万）")])
def test_ten_thousand_parts_or_sections_are_numbered(tmp_path: Path, fixture: str, last_number: str) -> None:
    outcome = invoke("build", SHEETS / fixture, "-o", tmp_path / "d.docx")
    assert_answered(outcome, {0})
    assert assert_opens(tmp_path / "d.docx").paragraphs[-1].text.startswith(last_number)


def test_ten_thousand_items_are_numbered(tmp_path: Path) -> None:
    outcome = invoke("build", SHEETS / "items-10000.yaml", "-o", tmp_path / "d.docx")
    assert_answered(outcome, {0})
    assert assert_opens(tmp_path / "d.docx").paragraphs[-1].text.startswith("一万是")


# ------------------------------------------------------------------------------------------
# Encodings and file types.
@pytest.mark.parametrize("fixture, region", [("big5.yaml", "臺北縣"), ("utf16-le-bom.yaml", "示例县"),
                                             ("utf16-be-nobom.yaml", "示例县")])
def test_sheets_in_other_encodings_build_with_the_right_characters(tmp_path: Path, fixture: str, region: str) -> None:
    outcome = invoke("build", SHEETS / fixture, "-o", tmp_path / "d.docx")
    assert_answered(outcome, {0})
    assert assert_opens(tmp_path / "d.docx").paragraphs[0].text.startswith(region)


def test_text_in_no_plausible_encoding_is_refused_naming_the_suspect(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_bytes("meta:\n  region: 丂丄丅丆丏丒丗丟丠両丣並丩丮丯丱\n  year: 2024\n".encode("gbk"))
    outcome = invoke("check", sheet)
    assert_answered(outcome, {2})
    assert "无法确定文件的编码：疑似 GB18030（GBK），但按它读出的文字不像通顺的中文（为免乱码未读入）" in outcome.err


def test_big5_read_as_gb18030_would_be_mojibake_and_is_not_chosen() -> None:
    raw = "臺北縣全面推進依法行政，各項工作取得新進展。".encode("cp950")
    assert raw.decode("gb18030") != raw.decode("cp950")  # both decode: only plausibility tells
    assert decode(raw).text == "臺北縣全面推進依法行政，各項工作取得新進展。"


def test_random_bytes_name_no_encoding() -> None:
    with pytest.raises(UnknownEncoding) as caught:
        decode(bytes([0x80, 0xFF, 0xFE, 0x81, 0x30, 0xFF]) * 10)
    assert "无法" in caught.value.message()


@pytest.fixture(scope="module")
def word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    assert invoke("build", EXAMPLES / "minimal.yaml", "-o", folder / "draft.docx").code == 0
    shutil.copy(folder / "draft.docx", folder / "draft.yaml")
    return folder / "draft.yaml"


@pytest.mark.parametrize("command", ["build", "check", "rollover", "preview"])
def test_a_word_file_given_as_a_sheet_points_to_import(tmp_path: Path, word_file: Path, command: str) -> None:
    outcome = invoke(command, word_file, *(["-o", tmp_path / "x"] if command in ("build", "rollover") else []))
    assert_answered(outcome, {2})
    assert f"错误：{word_file}：这是 Word 文件，不是 YAML 事实表；要从它生成事实表，请用 drafter import draft.yaml" \
        in outcome.err


@pytest.mark.parametrize("command", ["import", "check", "outline"])
def test_a_file_that_is_no_pdf_is_refused_with_advice(tmp_path: Path, command: str) -> None:
    outcome = invoke(command, REPORTS / "not-a-report.pdf", *(["-o", tmp_path / "s.yaml"] if command == "import" else []))
    assert_answered(outcome, {4})
    assert "无法读取这份 PDF（文件可能已损坏或加了密码）" in outcome.err  # PDFs are read; this one is no PDF


@pytest.mark.parametrize("fixture", ["big5.txt", "utf16-le.txt", "utf16-be-nobom.txt", "gb18030.txt"])
def test_reports_in_other_encodings_import_as_chinese(tmp_path: Path, fixture: str) -> None:
    outcome = invoke("import", REPORTS / fixture, "-o", tmp_path / "s.yaml")
    assert_answered(outcome, {0})
    sheet = yaml.safe_load((tmp_path / "s.yaml").read_text(encoding="utf-8"))
    assert sheet["meta"]["region"] == "测试县"


# ------------------------------------------------------------------------------------------
# Rollover.
def test_rollover_past_the_last_year_is_a_usage_error(tmp_path: Path) -> None:
    outcome = invoke("rollover", SHEETS / "year-2100.yaml", "-o", tmp_path)
    assert_answered(outcome, {2})
    assert outcome.err.strip() == "错误：事实表已是 2100 年，没有下一年度：drafter 支持 1990–2100 年的报告"


def test_rollover_to_a_year_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    outcome = invoke("rollover", EXAMPLES / "minimal.yaml", "--year", "1800", "-o", tmp_path)
    assert_answered(outcome, {2})
    assert outcome.err.strip() == "错误：--year 1800 不在范围内：drafter 支持 1990–2100 年的报告"


def test_rollover_into_another_folder_keeps_the_local_template(tmp_path: Path) -> None:
    source = tmp_path / "2024"
    shutil.copytree(EXAMPLES / "locality", source / "locality")
    shutil.copy(EXAMPLES / "locality-2024.yaml", source)
    (tmp_path / "next").mkdir()
    assert_answered(invoke("rollover", source / "locality-2024.yaml", "-o", tmp_path / "next"), {0})
    rolled = tmp_path / "next" / "locality-2025.yaml"
    assert yaml.safe_load(rolled.read_text(encoding="utf-8"))["meta"]["template"] == "../2024/locality"
    outcome = invoke("build", rolled, "-o", tmp_path / "next" / "d.docx", "--interim")  # its 【待填写】 marks wait
    assert_answered(outcome, {0})
    assert "关于2025年度法治政府建设情况的报告" in "".join(
        p.text for p in assert_opens(tmp_path / "next" / "d.docx").paragraphs[:3])


# ------------------------------------------------------------------------------------------
# Command line.
@pytest.mark.parametrize("value, reason", [("-1", "应不小于 1"), ("0", "应不小于 1"), ("x", "应为整数")])
def test_workers_below_one_is_a_usage_error(tmp_path: Path, value: str, reason: str) -> None:
    outcome = invoke("build", EXAMPLES / "minimal.yaml", "-o", tmp_path, "-j", value)
    assert_answered(outcome, {2})
    assert f"错误：--workers / -j 的取值无效，{reason}" in outcome.err


def test_an_unreadable_sheet_is_named_by_its_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / "s.yaml"
    shutil.copy(EXAMPLES / "minimal.yaml", sheet)
    real_access, real_read = os.access, Path.read_bytes
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p) == sheet else real_access(p, mode, **k))

    def read_bytes(path: Path) -> bytes:
        if path == sheet:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    outcome = invoke("build", sheet, "-o", tmp_path / "d.docx")
    assert_answered(outcome, {2})
    assert outcome.err.strip() == f"错误：{sheet}：无法读取文件（没有权限）"


def test_a_pdf_name_starting_with_a_dash_is_not_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake_run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        seen.append(args)
        return subprocess.CompletedProcess(args, 1, "", "")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(subprocess, "run", fake_run)
    outcome = invoke("build", EXAMPLES / "minimal.yaml", "-o", "-草稿.docx", "--pdf")
    assert_answered(outcome, {6})
    [args] = seen
    assert args[-1] == str(tmp_path / "-草稿.docx") and not any(a.startswith("-草稿") for a in args)


@pytest.mark.parametrize("region", ["博乐市: 城区", "#1 县", "'甲'县", "县 # 注"])
def test_init_quotes_a_region_that_yaml_would_misread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      region: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert_answered(invoke("init", "--region", region, "--year", "2023"), {0}, echoed=region)
    [sheet] = tmp_path.glob("*.yaml")
    outcome = invoke("check", sheet)
    assert_answered(outcome, {1}, echoed=region)  # valid: only the skeleton's placeholders are findings
    assert outcome.out.startswith("事实表有效")
    meta = yaml.safe_load(sheet.read_text(encoding="utf-8"))["meta"]
    assert (meta["region"], meta["issuer"]) == (region, f"{region}人民政府")


def test_init_keeps_a_region_out_of_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert_answered(invoke("init", "--region", "../../上级", "--year", "2023"), {0})
    assert sorted(p.name for p in tmp_path.rglob("*.yaml")) == ["上级2023.yaml"]
    assert (work / "上级2023.yaml").exists()


# check --format json: one object for every outcome.
def _json(*argv: object) -> dict:
    outcome = invoke("check", "--format", "json", *argv)
    assert english_words(outcome.text, echoed=" ".join(map(str, argv))) == []
    return assert_one_json_object(outcome)


def test_json_for_a_valid_sheet_an_invalid_one_and_a_report(tmp_path: Path) -> None:
    assert _json(EXAMPLES / "minimal.yaml")["valid"] is True
    assert _json(SHEETS / "tag-int.yaml")["exit_code"] == 2
    assert _json(REPORTS / "not-a-report.pdf")["exit_code"] == 4
    assert _json(tmp_path / "missing.yaml")["problems"][0]["message"] == "无法读取文件（文件或文件夹不存在）"


@pytest.mark.parametrize("argv, message", [(["--bogus", "x.yaml"], "没有选项“--bogus”"), ([], "缺少参数 文件"),
                                           (["x.yaml", "extra"], "多余的参数：extra")])
def test_json_for_a_usage_error(argv: list[str], message: str) -> None:
    data = _json(*argv)
    assert (data["exit_code"], data["problems"]) == (2, [{"message": message}])


def test_json_for_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(reviews, "review", broken)
    data = _json(EXAMPLES / "minimal.yaml")
    assert data["exit_code"] == EXIT_INTERNAL and data["problems"][0]["message"].startswith("内部错误")


def test_a_fault_repeated_forty_thousand_times_is_grouped() -> None:
    outcome = invoke("check", "--format", "json", SHEETS / "repeated-fault-400k.yaml")
    data = assert_one_json_object(outcome)
    findings = [f for f in data["findings"] if f["rule"] == "punctuation"] or data["findings"]
    assert len(data["findings"]) < 50
    assert any("同一问题另有" in f["message"] for f in findings) or len(findings) < 10


def test_a_fault_in_every_line_is_listed_five_times_then_counted(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta:\n  region: 示例县\n  year: 2024\nparts:\n  - kind: achievements\n    items:\n"
                     + "".join("      - 程序程序。\n" for _ in range(2000)), encoding="utf-8")
    data = assert_one_json_object(invoke("check", "--format", "json", sheet))
    doubled = [f for f in data["findings"] if "程序程序" in f["message"]]
    assert len(doubled) == 6
    assert doubled[-1]["message"].startswith("同一问题另有 1995 处未逐一列出，在第12、13、14、15、16、17、18、19、20、21等行：")


# ------------------------------------------------------------------------------------------
# Reports: the reader classes (import, check, outline), each a fixture.
REPORT_FIXTURES = sorted(p.name for p in REPORTS.iterdir() if p.suffix in (".txt", ".docx"))


def report_case(name: str, command: str) -> object:
    return pytest.param(name, command, marks=[large] if "10000" in name else [], id=f"{command}-{name}")


@pytest.mark.parametrize("name, command", [report_case(n, c) for n in REPORT_FIXTURES
                                           for c in ("import", "check", "outline")])
def test_every_report_fixture_is_answered(tmp_path: Path, name: str, command: str) -> None:
    target = tmp_path / "s.yaml"
    argv = [command, REPORTS / name] + (["-o", target] if command == "import" else [])
    outcome = invoke(*argv)
    assert_answered(outcome, {0, 1, 4})
    if command == "import" and outcome.code == 0:  # the imported sheet builds (its placeholders still to fill)
        assert_answered(invoke("build", target, "-o", tmp_path / "d.docx", "--interim"), {0})
        assert_opens(tmp_path / "d.docx")
    json_outcome = invoke("check", "--format", "json", REPORTS / name)
    assert_one_json_object(json_outcome)


def test_check_reports_a_date_line_that_is_no_date() -> None:
    outcome = invoke("check", REPORTS / "impossible-date.txt")
    assert_answered(outcome, {1})
    assert f"错误：{REPORTS / 'impossible-date.txt'}，第9行：“2025年2月30日”：日期不存在，请核对" in outcome.out


def test_an_error_outside_a_command_s_guarded_call_is_still_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter import cli

    def broken() -> None:
        raise RuntimeError("a bug outside _run")

    monkeypatch.setattr(cli, "_build_batch", lambda *args: broken())
    outcome = invoke("build", EXAMPLES / "minimal.yaml", EXAMPLES / "minimal.yaml")
    assert outcome.code == EXIT_INTERNAL and outcome.err.startswith("内部错误：") and "Traceback" not in outcome.err
