"""A clerk's first hour: where files land, what the help says, what an unfinished draft does.

Each test runs the command as a clerk types it and checks the message, the exit code and
the files written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from rich.cells import cell_len

from drafter.cli import run
from drafter.readers.sheet import read_sheet
from drafter.rollover import rollover

from .conftest import EXAMPLES, ROOT

SEED = ROOT / "seeds" / "003_557c678a048b8603.txt"
MINIMAL_DRAFT = "示例县2024年法治政府建设情况报告.docx"


def drafter(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Run ``drafter argv…``; return (exit code, stdout, stderr)."""
    code = run([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


# -- 2. one rule for -o --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "written"),
    [
        ("初稿/", f"初稿/{MINIMAL_DRAFT}"),  # a trailing slash: a folder, made when missing
        ("各县/2024/", f"各县/2024/{MINIMAL_DRAFT}"),  # with its parents
        ("二稿", "二稿.docx"),  # a file name without the suffix gets it
        ("三稿.docx", "三稿.docx"),
        ("甲/乙/四稿", "甲/乙/四稿.docx"),  # a file in folders that do not exist yet
    ],
)
def test_build_output_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           output: str, written: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", output)
    assert code == 0
    assert out.startswith(f"已生成：{Path(written)}（")
    assert files_under(tmp_path) == {written}


def test_an_existing_folder_without_slash_is_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "初稿").mkdir()
    code, _, _ = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", tmp_path / "初稿")
    assert code == 0 and files_under(tmp_path) == {f"初稿/{MINIMAL_DRAFT}"}


def test_without_o_every_command_writes_to_the_current_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """init, rollover, import, build and preview --html all write here, and name each file,
    schema files too."""
    monkeypatch.chdir(tmp_path)
    sheets = tmp_path / "表"
    sheets.mkdir()
    (sheets / "博乐市2023.yaml").write_text((EXAMPLES / "boleshi-2023.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    code, out, _ = drafter(capsys, "rollover", sheets / "博乐市2023.yaml")
    assert code == 0
    assert out.splitlines()[:2] == [f"已生成 2024 年的事实表：{tmp_path / '博乐市2024.yaml'}",
                                    f"已生成编辑器自动补全用的 Schema：{tmp_path / 'drafter-sheet.schema.json'}"]
    code, out, _ = drafter(capsys, "import", SEED, "--force")
    assert code == 0
    assert out.splitlines()[:2] == [f"已导入：{tmp_path / (SEED.stem + '.yaml')}",
                                    f"已生成编辑器自动补全用的 Schema：{tmp_path / 'drafter-sheet.schema.json'}"]
    code, out, _ = drafter(capsys, "preview", EXAMPLES / "minimal.yaml", "--html")
    assert code == 0 and out.startswith(f"已写出预览：{tmp_path / 'minimal-预览.html'}（")
    assert files_under(tmp_path) == {"表/博乐市2023.yaml", "博乐市2024.yaml", "drafter-sheet.schema.json",
                                     f"{SEED.stem}.yaml", "minimal-预览.html"}


def test_init_import_rollover_preview_schema_follow_the_same_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = drafter(capsys, "init", "-r", "博乐市", "-y", "2023", "-o", "表/")
    assert code == 0
    assert out.splitlines()[:2] == [f"已生成事实表：{Path('表/博乐市2023.yaml')}",
                                    f"已生成编辑器自动补全用的 Schema：{Path('表/drafter-sheet.schema.json')}"]
    assert drafter(capsys, "init", "-r", "舟曲县", "-y", "2023", "表/舟曲")[0] == 0
    assert drafter(capsys, "rollover", "表/博乐市2023.yaml", "-o", "明年/")[0] == 0
    assert drafter(capsys, "rollover", "表/博乐市2023.yaml", "-o", "明年/另存.yml")[0] == 0
    assert drafter(capsys, "import", SEED, "-o", "导入/去年")[0] == 0
    assert drafter(capsys, "preview", EXAMPLES / "minimal.yaml", "-f", "md", "-o", "预览/")[0] == 0
    assert drafter(capsys, "preview", EXAMPLES / "minimal.yaml", "-o", "纯文本")[0] == 0
    code, out, _ = drafter(capsys, "schema", "-o", "模式/表格式")
    assert code == 0 and out == f"已写入：{Path('模式/表格式.json')}\n"
    assert files_under(tmp_path) == {
        "表/博乐市2023.yaml", "表/舟曲.yaml", "表/drafter-sheet.schema.json",
        "明年/博乐市2024.yaml", "明年/另存.yml", "明年/drafter-sheet.schema.json",
        "导入/去年.yaml", "导入/drafter-sheet.schema.json",
        "预览/minimal-预览.md", "纯文本.txt", "模式/表格式.json",
    }


def test_batch_output_folder_is_made_and_each_draft_named(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    target = tmp_path / "各县初稿" / "2024"
    code, out, _ = drafter(capsys, "build", EXAMPLES / "minimal.yaml", EXAMPLES / "boleshi-2023.yaml",
                           "-o", f"{target}/")
    assert code in (0, 1)  # the drafts are written; the minimal sheet's review may find faults
    assert files_under(target) == {"minimal.docx", "boleshi-2023.docx"}
    assert f"已生成：{target / 'minimal.docx'}" in out and f"已生成：{target / 'boleshi-2023.docx'}" in out


def test_output_under_a_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "文件").write_text("x")
    code, _, err = drafter(capsys, "build", EXAMPLES / "minimal.yaml", "-o", tmp_path / "文件" / "稿.docx")
    assert code == 5
    assert err.startswith(f"错误：{tmp_path / '文件' / '稿.docx'}：无法建立文件夹“{tmp_path / '文件'}”（")


# -- 3. sheet text: no spaces between Chinese characters from YAML folding ---------------------------

CJK_SPACE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] +[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

FOLDED = """\
meta: {region: 示例县, year: 2023, date: 2024-03-20}
intro: >
  2023年以来，示例县坚持以习近平新时代中国特色社会主义思想为指导，
  深入贯彻习近平法治思想，推进 Word
  and PDF 文件归档。

  第二段从这里
  开始。
parts:
  - kind: achievements
    sections:
      - title: 多行的
          普通标题
        text: '单引号里的
          续行'
        items:
          - 条目里
            续写的一行
  - kind: plans
    text: "双引号里的
      续行"
  - {kind: responsibility, text: 主要负责人履行第一责任人职责。}
  - {kind: shortcomings, text: 法治宣传的针对性还不够强。}
"""


def test_folded_lines_join_without_spaces_between_chinese(tmp_path: Path) -> None:
    sheet = tmp_path / "折行.yaml"
    sheet.write_text(FOLDED, encoding="utf-8")
    read = read_sheet(sheet)
    assert read.intro == ["2023年以来，示例县坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，"
                          "推进 Word and PDF 文件归档。", "第二段从这里开始。"]
    section = read.parts[0].sections[0]
    assert (section.title, section.text, section.items[0].text) == ("多行的普通标题", ["单引号里的续行"], "条目里续写的一行")
    assert read.parts[1].text == ["双引号里的续行"]


def test_spaces_typed_by_hand_are_kept_and_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "空格.yaml"
    sheet.write_text(FOLDED.replace("续写的一行", "续写的 一行"), encoding="utf-8")
    assert read_sheet(sheet).parts[0].sections[0].items[0].text == "条目里续写的 一行"
    code, out, _ = drafter(capsys, "check", sheet)
    assert f"警告：{sheet}，第17行，一、（一）：汉字之间有空格“写的 一行”：中文不用空格隔开，请删去" in out.splitlines()
    assert code == 0


def test_init_skeleton_builds_without_spaces_between_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert drafter(capsys, "init", "-r", "博乐市", "-y", "2023")[0] == 0
    skeleton = (tmp_path / "博乐市2023.yaml").read_text(encoding="utf-8")
    assert re.search(r":\s*>", skeleton) is None  # no folded block scalars in the skeleton
    assert drafter(capsys, "build", "博乐市2023.yaml", "-o", "稿.docx", "--interim")[0] == 0
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "稿.docx")).paragraphs]
    intro = next(p for p in paragraphs if p.startswith("（请填写导语"))
    assert "为指导，深入贯彻习近平法治思想" in intro
    assert [p for p in paragraphs if CJK_SPACE.search(p)] == []


def test_rollover_writes_clean_text_and_whole_numbers_as_written(tmp_path: Path) -> None:
    sheet = tmp_path / "县2023.yaml"
    sheet.write_text(FOLDED.replace("meta:", "figures:\n  执法人员: {value: 186, unit: 人, previous: 150.5}\nmeta:")
                     .replace("续写的一行", "续写的一行，共{执法人员}"), encoding="utf-8")
    target, _ = rollover(sheet, tmp_path / "县2024.yaml")
    text = target.read_text(encoding="utf-8")
    assert "previous: 186\n" in text and "186.0" not in text
    assert "深入贯彻习近平法治思想" in text and CJK_SPACE.search(text.split("\n\n", 1)[1]) is None


# -- 4. help that fits an 80-column console ----------------------------------------------------------

COMMANDS = ["init", "check", "build", "preview", "import", "rollover", "outline", "templates", "schema"]


def run_drafter(*argv: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``drafter argv…`` in its own process, as a console runs it (this checkout first on the path)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "drafter", *argv], capture_output=True, env=environment, cwd=cwd,
                          timeout=120)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_fits_80_columns_without_cuts_or_python_types(command: str) -> None:
    result = run_drafter(*([command] if command else []), "--help", env={"COLUMNS": "80"})
    assert result.returncode == 0 and result.stderr == b""
    page = result.stdout.decode("utf-8")
    assert page.startswith(f"用法：drafter {command} [选项]".replace("  ", " "))
    assert max(cell_len(line) for line in page.splitlines()) <= 80
    assert "…" not in page
    for python_word in ("<", "bool", "list[", "Path", "str", "Optional", "OPTIONS", "Usage"):
        assert python_word not in page, python_word
    assert "-h, --help" in page and "显示本帮助并退出。" in page


def test_help_lines_wrap_at_the_console_width() -> None:
    page = run_drafter("build", "--help", env={"COLUMNS": "60"}).stdout.decode("utf-8")
    assert max(cell_len(line) for line in page.splitlines()) <= 60
    assert not any(line.lstrip().startswith(("，", "。", "）", "；")) for line in page.splitlines())


def test_script_option_says_what_it_chooses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "build", "--help")
    assert code == 0
    assert "--script simplified|traditional|hk|tw" in out
    assert "成稿用简体还是繁体" in out and "成稿字体" not in out


def test_bare_drafter_lists_the_commands() -> None:
    result = run_drafter()
    page = result.stdout.decode("utf-8")
    assert result.returncode == 0 and result.stderr == b""
    assert "命令：" in page and all(f"\n  {command} " in page for command in COMMANDS)
    assert "命令用法有误" not in page


# -- 5. unfinished marks -----------------------------------------------------------------------------


def test_a_rolled_over_sheet_builds_but_says_it_is_unfinished(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    target, _ = rollover(EXAMPLES / "boleshi-2023.yaml", tmp_path / "博乐市2024.yaml")
    code, out, err = drafter(capsys, "build", target, "-o", tmp_path / "稿")
    assert code == 1 and (tmp_path / "稿.docx").is_file()
    assert out.startswith(f"已生成：{tmp_path / '稿.docx'}（")
    first, second = err.splitlines()
    assert first.startswith("尚未完成：初稿中还有28处待写的内容，在开头：【待更新】；一、：【待更新】2处；"
                            "一、（一）：【待填写】；")
    assert first.endswith("等。")
    assert second == "改写这些内容后重新生成；确要先用作过渡稿，请加 --interim。drafter check 会逐条列出所在行。"
    code, out, err = drafter(capsys, "build", target, "-o", tmp_path / "稿", "--interim")
    assert code == 0 and err.startswith("过渡稿：初稿中还有28处待写的内容，") and "--interim" not in err


def test_check_counts_unfinished_marks_as_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target, _ = rollover(EXAMPLES / "boleshi-2023.yaml", tmp_path / "博乐市2024.yaml")
    code, out, _ = drafter(capsys, "check", target)
    assert code == 1
    assert "错误：" + str(target) + "，第13行：还有沿用上年、标着【待更新】的内容：改写后删去该标记" in out.splitlines()
    assert out.splitlines()[-1] == "审查结果：28个错误，0个警告"  # the same 28 places the build names
    assert not any("警告" in line and "【待" in line for line in out.splitlines())


def test_a_finished_sheet_builds_with_exit_0_and_no_notice(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = drafter(capsys, "build", EXAMPLES / "boleshi-2023.yaml", "-o", tmp_path)
    assert code == 0 and err == ""


# -- 6. messages that name what went wrong -------------------------------------------------------------


def test_open_says_when_no_browser_could_be_started(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("webbrowser.open", lambda url: False)  # what it returns where no browser can start
    page = tmp_path / "预览.html"
    code, out, err = drafter(capsys, "preview", EXAMPLES / "minimal.yaml", "--open", "-o", page)
    assert code == 6 and page.is_file()
    assert err == f"没有打开浏览器：这台电脑上找不到可以启动的浏览器。预览已写出，请手动打开 {page}\n"


def test_open_starts_the_browser_on_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    code, _, err = drafter(capsys, "preview", EXAMPLES / "minimal.yaml", "--open", "-o", tmp_path / "页")
    assert code == 0 and err == "" and opened == [(tmp_path / "页.html").as_uri()]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("1.12", "没有第 1.12 部分：“一、工作开展情况”下共有11个二级标题，可选 1.1 至 1.11（1.1 深入学习习近平法治思想；"
                 "1.2 扎实推进反恐维稳法治化常态化；"),
        ("7", "没有第 7 部分：全文共有4个一级标题，可选 1 至 4（1 工作开展情况；2 党政主要负责人履行推进法治建设第一责任人"
              "职责情况；3 存在的问题；4 2024年工作计划）"),
        ("2.1", "没有第 2.1 部分：“二、党政主要负责人履行推进法治建设第一责任人职责情况”下没有二级标题"),
        ("1.3.1", "没有第 1.3.1 部分：“一、（三）不断优化政府职能，营造更加优质营商环境”下没有三级标题"),
    ],
)
def test_a_section_that_does_not_exist_names_the_counts_and_choices(capsys: pytest.CaptureFixture[str],
                                                                     section: str, message: str) -> None:
    code, _, err = drafter(capsys, "preview", EXAMPLES / "boleshi-2023.yaml", "-s", section)
    assert code == 2 and err.startswith("错误：" + message)


# -- 7. terminal and Markdown ------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", [EXAMPLES / "boleshi-2023.yaml", *sorted((EXAMPLES / "seeds").glob("*.yaml"))],
                         ids=lambda p: p.stem[:7])
def test_markdown_preview_is_commonmark_with_real_bold(sheet: Path) -> None:
    from markdown_it import MarkdownIt

    from drafter.preview import preview_document
    from drafter.spans import heading_spans, item_paragraphs, paragraph_spans
    from drafter.model import Heading, ItemList, Paragraph
    from drafter.writers.markdown import write_markdown

    document = preview_document(sheet)
    html = MarkdownIt("commonmark").render(write_markdown(document))
    assert "**" not in html and "&lt;strong" not in html
    spans = []
    for block in document.body:
        if isinstance(block, Heading) and block.runin is not None:
            spans += heading_spans(block)
        elif isinstance(block, Paragraph):
            spans += paragraph_spans(block)
        elif isinstance(block, ItemList):
            spans += [span for paragraph in item_paragraphs(block) for span in paragraph]
    bold = [text for text, role in spans if role in ("heading", "lead")]
    strong = re.findall(r"<strong>(.*?)</strong>", html)
    assert len(strong) >= len(bold) - sum(1 for text in bold if not text)
    assert all(text.replace("&quot;", '"') in "".join(strong).replace("&quot;", '"') for text in bold[:20])


def test_markdown_bold_uses_asterisks_where_they_work() -> None:
    from drafter.writers.markdown import _runs

    assert _runs([("（一）标题。", "heading"), ("正文", "body")]) == "<strong>（一）标题。</strong>正文"
    assert _runs([("一是", "body"), ("强化引领", "lead"), ("，正文", "body")]) == "一是**强化引领**，正文"


def test_templates_are_listed_without_columns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drafter(capsys, "templates")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "standard" and lines[1].startswith("  标准年度报告：")


# -- a Chinese Windows console -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--help"], 0, "命令："),
        (["init", "-r", "博乐市", "-y", "2023"], 0, "已生成事实表："),
        (["check", "{examples}/boleshi-2023.yaml"], 0, "审查结果："),
        (["build", "{examples}/boleshi-2023.yaml", "-o", "初稿/"], 0, "已生成："),
        (["build", "{examples}/locality-2024.yaml", "--script", "tw"], 0, "已生成："),
        (["preview", "{examples}/boleshi-2023.yaml", "-s", "1.2"], 0, "（二）扎实推进反恐维稳法治化常态化"),
        (["preview", "{examples}/boleshi-2023.yaml", "-s", "1.12"], 2, "共有11个二级标题"),
        (["import", "{seed}"], 0, "已导入："),
        (["rollover", "{examples}/boleshi-2023.yaml"], 0, "已生成 2024 年的事实表："),
        (["templates"], 0, "standard"),
        (["outline", "{seed}"], 0, "一、"),
        (["preview", "{emoji}"], 0, "示例县?"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_output_survives_a_gbk_console(tmp_path: Path, argv: list[str], code: int, words: str) -> None:
    emoji = tmp_path / "表情.yaml"
    emoji.write_text((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8").replace("示例县", "示例县😀", 1),
                     encoding="utf-8")
    args = [a.format(examples=EXAMPLES, seed=SEED, emoji=emoji) for a in argv]
    result = run_drafter(*args, env={"PYTHONIOENCODING": "gbk"}, cwd=tmp_path)
    stdout, stderr = result.stdout.decode("gbk"), result.stderr.decode("gbk")
    assert result.returncode == code, stderr
    assert words in stdout + stderr
    assert "Traceback" not in stderr and "内部错误" not in stderr


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_folded_lines_join_whatever_the_line_endings(tmp_path: Path, newline: str) -> None:
    sheet = tmp_path / "换行.yaml"
    sheet.write_bytes(FOLDED.replace("\n", newline).encode("utf-8"))
    read = read_sheet(sheet)
    assert read.intro[1] == "第二段从这里开始。" and read.parts[1].text == ["双引号里的续行"]


def test_terminal_preview_aligns_table_columns_by_display_width() -> None:
    from drafter.pipeline import draft
    from drafter.writers.terminal import write_terminal

    lines = write_terminal(draft(EXAMPLES / "boleshi-2023.yaml").document).plain.splitlines()
    start = lines.index("项目                  数量")
    rows = lines[start:start + 7]  # the header and six rows
    assert rows[1] == "各类法治培训班        80期" and "\t" not in "".join(rows)
    second_column = {cell_len(re.match(r"(.*?\S)\s{2,}(?=\S)", row).group(0)) for row in rows}
    assert second_column == {22}


@pytest.mark.parametrize(
    ("output", "name", "expected"),
    [
        ("初稿\\", "稿.docx", Path("初稿\\") / "稿.docx"),  # a Windows folder typed with a backslash
        ("明年.yml", "县2024.yaml", Path("明年.yml")),  # an accepted spelling of the suffix stays
        ("页.htm", "表-预览.html", Path("页.htm")),
        ("报告.v2", "稿.docx", Path("报告.v2.docx")),  # a dot in the name is not a suffix
        ("稿.DOCX", "稿.docx", Path("稿.DOCX")),
    ],
)
def test_output_path_rule(output: str, name: str, expected: Path) -> None:
    from drafter.files import output_path

    assert output_path(output, name) == expected


def test_the_next_command_is_shown_as_the_clerk_types_it(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = drafter(capsys, "init", "-r", "博乐市", "-y", "2023", "-o", "我的 表格/")
    assert code == 0
    assert out.splitlines()[-1] == ('填写后运行：drafter check "我的 表格/博乐市2023.yaml"，'
                                    '再运行：drafter build "我的 表格/博乐市2023.yaml"').replace("/", os.sep)
    code, out, _ = drafter(capsys, "init", "-r", "博乐市", "-y", "2024")
    assert out.splitlines()[-1] == "填写后运行：drafter check 博乐市2024.yaml，再运行：drafter build 博乐市2024.yaml"
