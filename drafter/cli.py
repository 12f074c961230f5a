"""The ``drafter`` command: declarations and help text, each command one call into the library.

One error boundary (:func:`_run`) turns every :class:`DrafterError` into Chinese lines on
stderr and its exit code; anything unexpected is reported as an internal error, and only
``--debug`` shows a traceback.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import sys
import threading
import webbrowser
from enum import Enum
from pathlib import Path
from typing import Callable, Optional, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, DrafterError
from .i18n import ChineseCommand, ChineseGroup, usage_error_message

# The library is imported inside each command, not here: `drafter --help` and the commands
# that need neither python-docx nor OpenCC nor the segmenter should not pay for loading them.

T = TypeVar("T")

app = typer.Typer(
    name="drafter",
    help="法治政府建设年度报告起草工具：把 YAML 事实表排成符合 GB/T 9704-2012 的 Word 初稿。",
    cls=ChineseGroup,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# soft_wrap: long Chinese lines are left to the terminal to wrap, never cut into the middle of a path.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
_state = {"debug": False}
INTERNAL_ERROR = "内部错误：drafter 出了问题（不是您的输入所致）。请加 --debug 重新运行，并把输出发给维护者。"


def _run(action: Callable[[], T]) -> T:
    """The error boundary: a clear message and an exit code, never a traceback."""
    try:
        return action()
    except DrafterError as exc:
        raise typer.Exit(_report(exc)) from None
    except Exception:
        if _state["debug"]:
            raise
        err.print(INTERNAL_ERROR)
        raise typer.Exit(EXIT_INTERNAL) from None


def _report(exc: DrafterError) -> int:
    """Each problem on its own line of stderr; the error's exit code."""
    for problem in exc.problems:
        err.print(f"[bold red]错误[/]：{escape(str(problem))}")
    return exc.exit_code


def _version(value: bool) -> None:
    if value:
        out.print(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: bool = typer.Option(False, "--debug", help="出错时显示 Python 调用栈（供维护者排查）。"),
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="显示版本号并退出。"
    ),
) -> None:
    """法治政府建设年度报告起草工具：把 YAML 事实表排成符合 GB/T 9704-2012 的 Word 初稿。"""
    _state["debug"] = debug


SHEET = typer.Argument(..., help="事实表（YAML 文件）。", show_default=False, metavar="事实表.yaml")
TEMPLATE = typer.Option(None, "--template", "-t", help="模板：内置模板名（默认 standard）或模板文件夹路径。")


@app.command(cls=ChineseCommand)
def init(
    path: Optional[Path] = typer.Argument(None, help="要生成的事实表文件名（默认“地区+年度.yaml”）。"),
    region: str = typer.Option("某县", "--region", "-r", help="地区或机关名称，如“博乐市”。"),
    year: int = typer.Option(dt.date.today().year - 1, "--year", "-y", help="报告所述年度（默认上一年）。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """生成一份带填写说明的事实表骨架（及供编辑器自动补全的 JSON Schema）。"""
    from . import build as drafts

    target = path or drafts.init_target(region, year)
    schema = _run(lambda: drafts.init_sheet(target, region, year, force))
    out.print(f"已生成事实表：{target}（编辑器自动补全用：{schema}）")
    out.print(f"填写后运行：drafter check {target}，再运行：drafter build {target}")


class FormatChoice(str, Enum):
    text = "text"
    json = "json"


@app.command(cls=ChineseCommand)
def check(
    path: Path = typer.Argument(..., help="事实表（.yaml），或已成稿的报告（.docx/.txt）。", show_default=False,
                                metavar="文件"),
    template: Optional[str] = TEMPLATE,
    output_format: FormatChoice = typer.Option(FormatChoice.text, "--format", help="输出格式：text 或 json（供编辑器和 CI 使用）。"),
) -> None:
    """审查事实表或报告：必备部分、成文日期、重复字词、错别字、过时提法、标点、数字。
    退出码：0 没有错误（可有警告），1 有错误，2 事实表无效。"""
    from . import review as reviews
    from .lint import format_finding

    if output_format is FormatChoice.json:
        raise typer.Exit(_run(lambda: _check_json(path, template)))
    result = _run(lambda: reviews.review(path, template))
    if path.suffix.lower() in (".yaml", ".yml"):
        out.print(f"事实表有效：{path}")
    for finding in result.findings:
        style = "bold red" if finding.severity == "error" else "yellow"
        label, rest = format_finding(finding, str(path)).split("：", 1)
        out.print(f"[{style}]{label}[/]：{escape(rest)}")
    summary = f"审查结果：{result.errors}个错误，{result.warnings}个警告" if result.findings else "审查结果：未发现问题"
    out.print(summary)
    if result.errors:
        raise typer.Exit(1)


def _check_json(path: Path, template: Optional[str]) -> int:
    """``check --format json``: one JSON object on stdout whatever happens, for tools to read."""
    from . import review as reviews

    try:
        result = reviews.review(path, template)
    except DrafterError as exc:
        return _json_failure(str(path), exc.exit_code, [
            {"message": p.message, "file": str(p.file) if p.file else None, "line": p.line, "field": p.field}
            for p in exc.problems])
    except KeyboardInterrupt:
        return _json_failure(str(path), EXIT_INTERRUPTED, [{"message": "已中止。"}])
    except Exception:
        if _state["debug"]:
            raise
        return _json_failure(str(path), EXIT_INTERNAL, [{"message": INTERNAL_ERROR}])
    code = 1 if result.errors else 0
    print_json({"file": str(path), "valid": True, "exit_code": code, "errors": result.errors,
                "warnings": result.warnings, "findings": [f.as_dict() for f in result.findings]})
    return code


def _json_failure(file: str | None, code: int, problems: list[dict[str, object]]) -> int:
    print_json({"file": file, "valid": False, "exit_code": code, "problems": problems})
    return code


def print_json(data: object) -> None:
    """Print one JSON object; where the console cannot show a character (a GBK console and
    an emoji), it is written as a \\u escape rather than failing halfway."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2)
    print(text)


def _wants_json(argv: list[str]) -> bool:
    """Was ``check --format json`` asked for (read from the raw arguments: a usage error
    happens before they are parsed)?"""
    if "check" not in argv:
        return False
    rest = argv[argv.index("check") + 1:]
    return "--format=json" in rest or any(a == "--format" and b == "json" for a, b in zip(rest, rest[1:]))


class ScriptChoice(str, Enum):
    simplified = "simplified"
    traditional = "traditional"
    hk = "hk"
    tw = "tw"


@app.command(cls=ChineseCommand)
def build(
    sheets: list[Path] = typer.Argument(..., help="事实表（YAML 文件）；给多个文件或一个文件夹即批量生成。",
                                        show_default=False, metavar="事实表.yaml|文件夹"),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="输出的 .docx 文件或文件夹（默认当前文件夹，文件名取报告标题；批量时为文件夹，文件名取事实表名）。",
    ),
    template: Optional[str] = TEMPLATE,
    script: Optional[ScriptChoice] = typer.Option(
        None, "--script",
        help="成稿字体（默认按事实表的 meta.script）：simplified 原样；traditional 繁体；hk 香港繁体；tw 台湾正体。",
    ),
    pdf: bool = typer.Option(False, "--pdf", help="同时用 LibreOffice 生成 PDF（供领导在手机上阅读）。"),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="批量时的并行进程数（默认每个 CPU 核一个）。"),
) -> None:
    """由事实表生成 Word 初稿（.docx）；失败时不改动已有的文件。给文件夹或多个事实表时并行批量生成并汇总。"""
    from . import build as drafts

    chosen = script.value if script else None
    if len(sheets) > 1 or sheets[0].is_dir():
        raise typer.Exit(_build_batch(sheets, output or Path.cwd(), template, chosen, pdf, workers))
    result, target, backup = _run(lambda: drafts.build(sheets[0], output, template, chosen))
    if backup is not None:
        out.print(f"[yellow]注意[/]：原来的 {escape(target.name)} 在生成后被改动过，已备份为 {escape(str(backup))}")
    out.print(f"已生成：{target}（{result.parts}个部分，{len(result.document.headings())}个标题，约{result.characters}字）")
    if pdf:
        pdf_path, pages = _run(lambda: drafts.export_pdf(target))
        out.print(f"已生成 PDF：{pdf_path}（共{pages}页）")


def _build_batch(sheets: list[Path], folder: Path, template: Optional[str], script: Optional[str], pdf: bool,
                 workers: Optional[int]) -> int:
    """Batch mode of ``build``: a progress bar, a summary table, and the worst exit code."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from . import batch

    if pdf:
        err.print("错误：批量生成暂不支持 --pdf，请对需要的稿件单独运行 drafter build … --pdf")
        return 2
    found = _run(lambda: batch.collect_sheets(sheets))
    with Progress(TextColumn("批量生成"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("build", total=len(found))
        outcomes = _run(lambda: batch.build_many(found, folder, template, script, workers,
                                                 lambda _: progress.advance(task)))
    built = [o for o in outcomes if o.status == "built"]
    failed = [o for o in outcomes if o.status != "built"]
    with_errors = [o for o in built if o.check_errors]
    summary = Table(title=f"批量生成：{len(outcomes)}份事实表 → {folder}", box=None, pad_edge=False)
    for column in ("已生成", "无效或失败", "审查有错误"):
        summary.add_column(column, justify="right")
    summary.add_row(str(len(built)), str(len(failed)), str(len(with_errors)))
    out.print(summary)
    for outcome in failed:
        out.print(f"[bold red]未生成[/]：{escape(outcome.message)}")
    for outcome in with_errors:
        out.print(f"[yellow]审查有错误[/]：{escape(str(outcome.sheet))}（{outcome.check_errors}个，运行 drafter check 查看）")
    return 2 if failed else 1 if with_errors else 0


class PreviewFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"


@app.command(cls=ChineseCommand)
def preview(
    sheet: Path = SHEET,
    section: Optional[str] = typer.Option(
        None, "--section", "-s", help="只看一个部分：序号如 2 或 2.3（即“二、（三）”），或标题中的文字。"
    ),
    output_format: PreviewFormat = typer.Option(PreviewFormat.text, "--format", "-f", help="text、md 或 html。"),
    html: bool = typer.Option(False, "--html", help="写出一个自带目录的 HTML 页面（同 --format html，默认文件名为“事实表名-预览.html”）。"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件，而不是显示在屏幕上。"),
    open_page: bool = typer.Option(False, "--open", help="写出 HTML 后在浏览器中打开。"),
    watch: bool = typer.Option(False, "--watch", help="事实表或模板一改就重新生成预览（按 Ctrl+C 停止）。"),
    template: Optional[str] = TEMPLATE,
) -> None:
    """逐部分预览成稿：带自动序号的全文或某一部分，显示在屏幕上，或写成 Markdown、HTML。"""
    from . import preview as previews
    from .files import write_atomic
    from .writers.terminal import write_terminal

    fmt = PreviewFormat.html if html or open_page else output_format
    target = output or (Path(f"{sheet.stem}-预览.html") if fmt is PreviewFormat.html else None)

    def show() -> None:
        if target is None and fmt is PreviewFormat.text and out.is_terminal:
            out.print(write_terminal(_run(lambda: previews.preview_document(sheet, section, template))))
            return
        text = _run(lambda: previews.preview(sheet, section, fmt.value, template))
        if target is None:
            print(text, end="")
            return
        _run(lambda: write_atomic(target, text.encode("utf-8")))
        out.print(f"已写出预览：{target}（{dt.datetime.now():%H:%M:%S}）")

    if not watch:
        show()
    else:
        out.print("正在监视事实表和模板的改动，按 Ctrl+C 停止。")
        try:  # runs until Ctrl+C: nothing else sets the stop event
            previews.watch(lambda: previews.watched_files(sheet, template), lambda: _keep_watching(show),
                           threading.Event())
        except KeyboardInterrupt:
            out.print("已停止监视。")
    if open_page and target is not None:
        webbrowser.open(target.resolve().as_uri())


def _keep_watching(show: Callable[[], None]) -> None:
    """While watching, a faulty edit is reported and the watch goes on (the next save may fix it)."""
    try:
        show()
    except typer.Exit:
        err.print("（修改后保存即可重新生成）")


@app.command("import", cls=ChineseCommand)
def import_(
    report: Path = typer.Argument(..., help="已有的报告：.docx 或 .txt（可为繁体、网页复制的文字）。", metavar="报告"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="生成的事实表（默认“报告文件名.yaml”）。"),
    keep_script: bool = typer.Option(False, "--keep-script", help="保留繁体，不转为简体。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的事实表。"),
    template: Optional[str] = TEMPLATE,
) -> None:
    """把已有的报告（去年的 Word 文件或网页文字）转成可编辑的事实表，并列出需要核对的地方。"""
    from . import importer

    target, warnings = _run(lambda: importer.import_report(report, output, keep_script, force, template))
    out.print(f"已导入：{target}")
    for warning in warnings:
        where = f"第{warning.line}行：" if warning.line else ""
        out.print(f"[yellow]提示[/]：{escape(where + warning.message)}")
    out.print(f"请核对后运行：drafter build {target}")


@app.command(cls=ChineseCommand)
def rollover(
    sheet: Path = SHEET,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="新的报告年度（默认下一年）。"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="新事实表（默认把文件名中的年份换成新年份）。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """由今年的事实表生成明年的：年份日期顺延，去年计划变为待填写的落实情况，去年数字变为同比的上年数。"""
    from . import rollover as rollovers

    target, new_sheet = _run(lambda: rollovers.rollover(sheet, output, year, force))
    out.print(f"已生成 {new_sheet.meta.year} 年的事实表：{target}")
    out.print("标着【待填写】【待更新】【待核对】的内容请逐条改写；drafter check 会列出尚未处理的标记。")


@app.command(cls=ChineseCommand)
def outline(
    path: Path = typer.Argument(..., help="事实表（.yaml）或报告（.docx/.txt）。", metavar="文件"),
    template: Optional[str] = TEMPLATE,
) -> None:
    """列出标题层次和将要生成的序号，便于在编辑前核对识别结果。"""
    from . import preview as previews

    lines, warnings = _run(lambda: previews.outline(path, template))
    for line in lines:
        out.print(escape(line))
    for warning in warnings:
        where = f"第{warning.line}行：" if warning.line else ""
        err.print(f"[yellow]提示[/]：{escape(where + warning.message)}")


@app.command(cls=ChineseCommand)
def templates() -> None:
    """列出内置模板及其说明；本地模板是一个含 report.j2 的文件夹，用 -t 文件夹 或 meta.template 指定。"""
    from rich.table import Table

    from .templating import describe_packs

    table = Table(box=None, pad_edge=False)
    table.add_column("模板", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for name, description in describe_packs():
        table.add_row(name, description)
    out.print(table)
    out.print("本地模板：建一个文件夹，在其中的 report.j2 里写 {% extends \"standard/report.j2\" %}，只覆盖要改的 block（见 docs/templates.md）。")


@app.command(cls=ChineseCommand)
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（默认打印到屏幕）。"),
) -> None:
    """输出事实表的 JSON Schema，供 VS Code 等编辑器校验和自动补全。"""
    from . import build as drafts

    if output is None:
        print(drafts.schema_text(), end="")
        return
    _run(lambda: drafts.write_schema(output))
    out.print(f"已写入：{output}")


def _files_are_checked_by_their_readers() -> None:
    """Typer refuses an unreadable file before drafter sees it, with only “取值无效”; drafter's
    readers open every file themselves and say which one cannot be read and why."""
    for command in app.registered_commands:
        for parameter in inspect.signature(command.callback).parameters.values():  # type: ignore[arg-type]
            if hasattr(parameter.default, "readable"):
                parameter.default.readable = False


_files_are_checked_by_their_readers()


def _is_usage_error(exc: BaseException) -> bool:
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; usage errors are answered in Chinese."""
    try:
        code = app(args=argv, prog_name="drafter", standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        err.print("已中止。")
        return EXIT_INTERRUPTED
    except DrafterError as exc:  # the boundary for anything a command did not pass through _run
        return _report(exc)
    except Exception as exc:
        if not _is_usage_error(exc):
            if _state["debug"]:
                raise
            err.print(INTERNAL_ERROR)
            return EXIT_INTERNAL
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            err.print(ctx.get_usage(), markup=False)
        err.print(f"错误：{usage_error_message(exc)}", markup=False)
        if _wants_json(sys.argv[1:] if argv is None else argv):
            _json_failure(None, 2, [{"message": usage_error_message(exc)}])
        err.print(f"运行“{ctx.command_path if ctx else 'drafter'} --help”查看用法。", markup=False)
        return 2
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console-script entry point."""
    raise SystemExit(run())
