"""The command line as a clerk meets it: exact Chinese messages, exit codes, files left intact."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from drafter.cli import run

from .conftest import EXAMPLES, SHEETS, TEMPLATES


def drafter(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``drafter argv…``; return (exit code, stdout, stderr without the final newline)."""
    code = run([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out.rstrip("\n"), captured.err.rstrip("\n")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "--help")
    assert code == 0
    for command in ("init", "check", "build", "schema"):
        assert command in out
    assert "用法：" in out and "显示本帮助并退出。" in out


@pytest.mark.parametrize("command, words", [("init", "骨架"), ("check", "审查事实表或报告"), ("build", "初稿"),
                                            ("schema", "JSON Schema")])
def test_each_command_explains_itself(capsys: pytest.CaptureFixture[str], command: str, words: str) -> None:
    code, out, _ = drafter(capsys, command, "--help")
    assert code == 0 and words in out


def test_init_check_build_from_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = drafter(capsys, "init", "--region", "博乐市", "--year", "2023")
    assert code == 0 and f"已生成事实表：{tmp_path / '博乐市2023.yaml'}" in out
    sheet = tmp_path / "博乐市2023.yaml"
    assert sheet.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=drafter-sheet.schema.json")
    assert json.loads((tmp_path / "drafter-sheet.schema.json").read_text(encoding="utf-8"))["title"] == "drafter 事实表"
    code, out, _ = drafter(capsys, "check", sheet)  # a skeleton is valid but not ready: its blanks are errors
    assert code == 1 and "还有未填写的内容“（请填写……）”" in out
    code, out, _ = drafter(capsys, "build", sheet, "--interim")  # its blanks are allowed in an interim draft
    target = tmp_path / "博乐市2023年法治政府建设情况报告.docx"
    assert code == 0 and out.startswith(f"已生成：{target}（4个部分") and target.exists()
    assert docx.Document(target).paragraphs[0].text == "博乐市2023年法治政府建设情况报告"


def test_init_does_not_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("mine", encoding="utf-8")
    code, _, err = drafter(capsys, "init", sheet)
    assert code == 5 and err == f"错误：{sheet}：文件已存在；如确要覆盖，请加 --force"
    assert sheet.read_text(encoding="utf-8") == "mine"


def test_check_a_sheet_without_faults(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "check", EXAMPLES / "boleshi-2023.yaml")
    assert code == 0 and out.splitlines() == [f"事实表有效：{EXAMPLES / 'boleshi-2023.yaml'}", "审查结果：未发现问题"]


def test_check_a_valid_sheet_with_review_errors_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "check", EXAMPLES / "minimal.yaml")
    assert code == 1
    assert f"错误：{EXAMPLES / 'minimal.yaml'}：缺少督察工作规定要求的“第一责任人履职情况”部分" in out.splitlines()
    assert out.splitlines()[-1] == "审查结果：2个错误，1个警告"


@pytest.mark.parametrize(
    "sheet, message",
    [
        ("bad-syntax.yaml", "第6行：YAML 格式错误：引号没有闭合"),
        ("bad-missing-year.yaml", "第2行，“meta.year”：缺少必填字段"),
        ("bad-wrong-type.yaml", "第3行，“meta.year”：应为整数"),
        ("bad-misspelt-key.yaml", "第8行，“parts[1].sections[1].titel”：未知字段“titel”，是否想写“title”？"),
        ("bad-duplicate-key.yaml", "第7行：字段“text”重复（第6行已有），后者会覆盖前者"),
        ("bad-too-deep.yaml", "第13行，“parts[1].sections[1].sections[1].sections[1].sections”：标题超过四级"),
        ("bad-empty.yaml", "事实表是空的，请先用 drafter init 生成骨架再填写"),
    ],
)
def test_invalid_sheets_exit_2_with_file_line_and_field(capsys: pytest.CaptureFixture[str], sheet: str,
                                                       message: str) -> None:
    for command in ("check", "build"):
        code, out, err = drafter(capsys, command, SHEETS / sheet)
        assert code == 2
        assert f"错误：{SHEETS / sheet}，{message}" in err or f"错误：{SHEETS / sheet}：{message}" in err
        assert "Traceback" not in err + out


def test_missing_sheet_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = drafter(capsys, "check", tmp_path / "无.yaml")
    assert code == 2 and err == f"错误：{tmp_path / '无.yaml'}：无法读取文件（文件或文件夹不存在）"


def test_binary_file_is_not_a_sheet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "x.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    code, _, err = drafter(capsys, "check", binary)
    assert code == 2 and err.startswith(f"错误：{binary}")


def test_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "--template", "nosuch")
    assert code == 3
    assert err == "错误：找不到模板“nosuch”（需要一个含 report.j2 的文件夹）；内置模板有：article、standard、summary"


def test_missing_template_variable_names_template_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-t", TEMPLATES / "undefined-variable")
    assert code == 3
    assert err.endswith("undefined-variable/report.j2，第3行：模板用到的“population”不存在：请检查拼写，或在事实表中补上")


def test_output_folder_that_does_not_exist_is_made(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "无此文件夹" / "下一级" / "x.docx"
    code, out, _ = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", target)
    assert code == 0 and out.startswith(f"已生成：{target}（") and target.is_file()


def test_output_under_a_file_is_unwritable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", blocker / "x.docx")
    assert code == 5 and err.startswith(f"错误：{blocker / 'x.docx'}：")


def test_output_may_be_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", tmp_path)[0] == 0
    assert (tmp_path / "示例县2024年法治政府建设情况报告.docx").exists()


@pytest.mark.parametrize(
    ("argv", "exit_code"),
    [
        ([SHEETS / "bad-missing-year.yaml"], 2),
        ([EXAMPLES / "minimal.yaml", "-t", TEMPLATES / "syntax-error"], 3),
        ([EXAMPLES / "minimal.yaml", "-t", TEMPLATES / "attr-globals"], 3),
    ],
)
def test_a_failed_build_leaves_the_previous_draft_untouched(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                             argv: list, exit_code: int) -> None:
    previous = tmp_path / "draft.docx"
    previous.write_bytes(b"yesterday's draft")
    code, _, _ = drafter(capsys, "build", *argv, "-o", previous)
    assert code == exit_code
    assert previous.read_bytes() == b"yesterday's draft"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]


def test_a_rebuild_replaces_its_own_untouched_draft_atomically(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    previous = tmp_path / "draft.docx"
    assert drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", previous)[0] == 0
    previous.chmod(0o640)
    first = previous.read_bytes()
    code, out, _ = drafter(capsys, "build", EXAMPLES / "boleshi-2023.yaml", "-o", previous)
    assert code == 0 and "备份" not in out
    assert previous.read_bytes() != first and previous.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]


def test_a_draft_edited_in_word_is_backed_up_before_it_is_replaced(capsys: pytest.CaptureFixture[str],
                                                                   tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    assert drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", target)[0] == 0
    edited = docx.Document(target)  # what saving in Word does: new words, revision raised
    edited.paragraphs[2].add_run("（科长批注：此处补充数据）")
    edited.core_properties.revision = 2
    edited.save(target)
    code, out, _ = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", target)
    backup = tmp_path / "draft.bak.docx"
    assert code == 0 and f"注意：原来的 draft.docx 在生成后被改动过，已备份为 {backup}" in out
    assert "科长批注" in "".join(p.text for p in docx.Document(backup).paragraphs)
    assert "科长批注" not in "".join(p.text for p in docx.Document(target).paragraphs)
    edited = docx.Document(target)
    edited.core_properties.revision = 3
    edited.save(target)
    assert drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", target)[0] == 0
    assert (tmp_path / "draft.bak2.docx").exists()  # an earlier backup is never overwritten


def test_a_file_that_is_not_a_draft_is_backed_up_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"someone's own report")
    assert drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", target)[0] == 0
    assert (tmp_path / "draft.bak.docx").read_bytes() == b"someone's own report"


@pytest.mark.parametrize("lock", ["~$draft.docx", "~$aft.docx", ".~lock.draft.docx#"])
def test_a_draft_open_in_word_is_not_overwritten(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 lock: str) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"open in Word")
    (tmp_path / lock).write_bytes(b"")
    code, _, err = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", target)
    assert code == 5
    assert err == f"错误：{target}：文件正在 Word/WPS 中打开（有锁定文件 {lock}），请先关闭它再生成"
    assert target.read_bytes() == b"open in Word"


def test_a_write_failure_midway_keeps_the_old_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    previous = tmp_path / "draft.docx"
    assert drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", previous)[0] == 0
    old = previous.read_bytes()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("drafter.files.os.fsync", disk_full)
    code, _, err = drafter(capsys, "build", EXAMPLES / "boleshi-2023.yaml", "-o", previous)
    assert code == 5 and err == f"错误：{previous}：无法写入（磁盘空间不足），原有文件未改动"
    assert previous.read_bytes() == old and [p.name for p in tmp_path.iterdir()] == ["draft.docx"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["build", "--bogus"], "错误：没有选项“--bogus”"),
        (["build"], "错误：缺少参数 事实表.yaml|文件夹"),
        (["init", "--year", "abc"], "错误：--year / -y 的取值无效，应为整数"),
        (["nosuch"], "错误：没有命令“nosuch”"),
    ],
)
def test_usage_errors_are_answered_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str],
                                              message: str) -> None:
    code, _, err = drafter(capsys, *argv)
    assert code == 2
    assert message in err.splitlines()
    assert "查看用法" in err


def test_an_internal_error_is_reported_without_traceback(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*_: object, **__: object) -> bytes:
        raise RuntimeError("bug")

    monkeypatch.setattr("drafter.writers.docx.write_docx", broken)
    code, out, err = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", tmp_path)
    assert code == 70 and err.startswith("内部错误：drafter 出了问题（不是您的输入所致）。")
    assert "Traceback" not in out + err
    with pytest.raises(RuntimeError):
        run(["--debug", "build", str(EXAMPLES / "minimal.yaml"), "-o", str(tmp_path)])


def test_schema_prints_or_writes_the_json_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = drafter(capsys, "schema")
    assert code == 0 and json.loads(out)["properties"]["meta"]["$ref"] == "#/$defs/Meta"
    assert drafter(capsys, "schema", "-o", tmp_path / "s.json")[0] == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == json.loads(out)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "--version")
    assert code == 0 and out.strip() == "drafter 0.1.0"


def test_check_json_for_editors_and_ci(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "check", "--format", "json", EXAMPLES / "minimal.yaml")
    result = json.loads(out)
    assert code == 1 and result["valid"] is True and (result["errors"], result["warnings"]) == (2, 1)
    assert result["findings"][0] == {"rule": "required-part", "severity": "error",
                                     "message": "缺少督察工作规定要求的“第一责任人履职情况”部分", "line": None, "section": None}
    code, out, _ = drafter(capsys, "check", "--format", "json", SHEETS / "bad-missing-year.yaml")
    result = json.loads(out)
    assert code == 2 and result["valid"] is False
    assert result["problems"] == [{"message": "缺少必填字段", "file": str(SHEETS / "bad-missing-year.yaml"), "line": 2,
                                   "field": "meta.year"}]


def test_templates_lists_the_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "templates")
    names = [line.split()[0] for line in out.splitlines() if line[:1].isalpha()]
    assert code == 0 and names[:3] == ["standard", "article", "summary"]
    assert "本地模板：建一个文件夹" in out
