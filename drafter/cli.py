"""The ``drafter`` command: declarations and help text, each command one call into the library.

One error boundary (:func:`_run`) turns every :class:`DrafterError` into Chinese lines on
stderr and its exit code; anything unexpected is reported as an internal error, and only
``--debug`` shows a traceback.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import inspect
import io
import json
import os
import signal
import sys
import threading
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, TypeVar

import typer

from . import __version__
from .console import LazyConsole, escape
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, DrafterError, ToolMissing
from .files import OUTPUT_RULE, output_path
from .i18n import ChineseCommand, ChineseGroup, usage_error_message

# The library is imported inside each command, not here: `drafter --help` and the commands
# that need neither python-docx nor OpenCC nor the segmenter should not pay for loading them.

if TYPE_CHECKING:
    from .batch import Interrupted
    from .review import Review

T = TypeVar("T")

app = typer.Typer(
    name="drafter",
    help="法治政府建设年度报告起草工具：把 YAML 事实表排成符合 GB/T 9704-2012 的 Word 初稿。",
    cls=ChineseGroup,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = LazyConsole()
err = LazyConsole(stderr=True)
_state = {"debug": False, "interrupt_reported": False, "frozen": False, "collect_when_frozen": False}
INTERNAL_ERROR = "内部错误：drafter 出了问题（不是您的输入所致）。请加 --debug 重新运行，并把输出发给维护者。"


def _run(action: Callable[[], T]) -> T:
    """The error boundary: a clear message and an exit code, never a traceback."""
    if not _state["frozen"]:
        # The modules just imported are some 300,000 objects that live as long as the process and
        # hold almost no cycles; frozen, the collector stops walking them again and again while
        # the command works (a tenth of a build's own time). Frozen once: asking the collector
        # (gc.get_freeze_count) walks every frozen object, milliseconds at each call.
        _state["frozen"] = True
        gc.freeze()
        if _state["collect_when_frozen"]:  # main() held the collector off while the command's modules loaded
            gc.enable()
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
TEMPLATE = typer.Option(None, "--template", "-t", help="模板：内置模板名（默认 standard）或模板文件夹路径。",
                        metavar="模板")


def _output(what: str) -> typer.models.OptionInfo:
    """The ``-o`` option, the same rule everywhere; a string, not a Path, which would drop the
    trailing slash that says "folder"."""
    return typer.Option(None, "--output", "-o", help=f"{what}。{OUTPUT_RULE}", metavar="路径", show_default=False)


def _as_argument(path: Path) -> str:
    """A path as the clerk would type it in the next command: relative to the current folder
    when it is inside it, quoted when it holds a space."""
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return escape(f'"{shown}"' if " " in shown else shown)


def _wrote(path: Path, what: str = "已生成") -> None:
    """Every file a command writes is named, so nothing appears unannounced."""
    out.print(f"{what}：{escape(str(path))}")


@app.command(cls=ChineseCommand)
def init(
    path: Optional[str] = typer.Argument(None, help="要生成的事实表（默认“地区+年度.yaml”）；规则同 -o。",
                                         metavar="[事实表.yaml]", show_default=False),
    output: Optional[str] = _output("要生成的事实表（同第一个参数）"),
    region: str = typer.Option("某县", "--region", "-r", help="地区或机关名称，如“博乐市”。", metavar="地区"),
    year: int = typer.Option(dt.date.today().year - 1, "--year", "-y", help="报告所述年度（默认上一年）。",
                             metavar="年份", show_default=False),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """生成一份带填写说明的事实表骨架，旁边附一份供编辑器自动补全的 JSON Schema。"""
    from . import sheetfiles as drafts

    target = output_path(output or path, drafts.init_target(region, year).name)
    schema = _run(lambda: drafts.init_sheet(target, region, year, force))
    _wrote(target, "已生成事实表")
    _wrote(schema, "已生成编辑器自动补全用的 Schema")
    out.print(f"填写后运行：drafter check {_as_argument(target)}，再运行：drafter build {_as_argument(target)}")


class FormatChoice(str, Enum):
    text = "text"
    json = "json"


@app.command(cls=ChineseCommand)
def check(
    path: Path = typer.Argument(..., help="事实表（.yaml），或已成稿的报告（.docx/.doc/.wps/.pdf/.html/.txt）。",
                                show_default=False,
                                metavar="文件"),
    template: Optional[str] = TEMPLATE,
    output_format: FormatChoice = typer.Option(FormatChoice.text, "--format", help="输出格式：text 或 json（供编辑器和 CI 使用）。"),
    annotate: bool = typer.Option(False, "--annotate", help="把每条意见作为批注写进 Word 成稿的副本（默认“原名（审阅稿）.docx”），原稿不动。"),
    against: Optional[Path] = typer.Option(None, "--against", help="对照上年的报告（.yaml/.docx/.txt）：列出照抄的段落和句子、上年计划今年未提及的事项。",
                                           metavar="上年报告"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="--annotate 写出的审阅稿文件名。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的审阅稿。"),
    pages: bool = typer.Option(False, "--pages", help="再用 LibreOffice 排出页面检查：每页22行、署名不单独成页、PDF 不丢字、"
                                                      "行首无句读标点、段末行不只一两个字、缺少的字体（需要 LibreOffice）。"),
) -> None:
    """审查事实表或报告：必备部分、成文日期、重复字词、错别字、过时提法、标点、数字。
    退出码：0 没有错误（可有警告），1 有错误，2 事实表无效，6 --pages 时缺少 LibreOffice。"""
    from .findings import format_finding

    if (output is not None or force) and not annotate:
        err.print("错误：-o/--force 只与 --annotate 一起使用（指定审阅稿的文件名）")
        raise typer.Exit(2)
    if output_format is FormatChoice.json:
        if annotate or against is not None:
            err.print("错误：--format json 不能与 --annotate、--against 同时使用")
            raise typer.Exit(2)
        raise typer.Exit(_run(lambda: _check_json(path, template, pages)))
    result = _run(lambda: _reviewed(path, template, pages))
    if path.suffix.lower() in (".yaml", ".yml"):
        out.print(f"事实表有效：{path}")
    for finding in result.findings:
        style = "bold red" if finding.severity == "error" else "yellow"
        label, rest = format_finding(finding, str(path)).split("：", 1)
        out.print(f"[{style}]{label}[/]：{escape(rest)}")
    summary = f"审查结果：{result.errors}个错误，{result.warnings}个警告" if result.findings else "审查结果：未发现问题"
    out.print(summary)
    if against is not None:
        _print_recycling(path, against)
    if annotate:
        from .annotate import annotate as write_comments

        target, count = _run(lambda: write_comments(path, result.findings, output, force))
        out.print(f"已写出审阅稿：{target}（{count}条批注，原稿未改动）")
    if result.errors:
        raise typer.Exit(1)


def _print_recycling(path: Path, against: Path) -> None:
    """``check --against``: what this year's report copies from last year's, and last year's plans it forgets."""
    from .recycling import compare_years

    report = _run(lambda: compare_years(against, path))

    def place(file: Path, line: int) -> str:
        return f"成稿第{line}段" if file.suffix.lower() in (".yaml", ".yml") else f"第{line}行"

    out.print(f"对照上年：{escape(str(against))}")
    out.print(f"照抄上年的文字约占全文的{report.share:.0%}（{report.recycled_chars}/{report.total_chars}字）")
    for match in report.paragraphs:
        out.print(f"[yellow]照抄段落[/]：{place(path, match.line)}（相似度{match.similarity:.0%}，上年{place(against, match.last_line)}）："
                  f"{escape(match.text[:40])}……")
    for match in report.sentences:
        out.print(f"[yellow]照抄句子[/]：{place(path, match.line)}（相似度{match.similarity:.0%}，上年{place(against, match.last_line)}）："
                  f"{escape(match.text[:60])}")
    for plan in report.forgotten_plans:
        where = f"上年{place(against, plan.line)}" if plan.line else "上年"
        out.print(f"[yellow]上年计划未提及[/]：{where}：{escape(plan.text[:60])}")


def _reviewed(path: Path, template: Optional[str], pages: bool) -> "Review":
    """The review of ``check``, with the rendered-page findings when ``--pages`` is given."""
    from . import review as reviews

    result = reviews.review(path, template)
    if not pages:
        return result
    from .pages import check_file

    return reviews.Review(result.source, result.findings + check_file(path, template))


def _check_json(path: Path, template: Optional[str], pages: bool = False) -> int:
    """``check --format json``: one JSON object on stdout whatever happens, for tools to read."""
    try:
        result = _reviewed(path, template, pages)
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
    output: Optional[str] = _output("Word 初稿（.docx）的文件名或文件夹；文件名默认取报告标题。批量生成时 -o 总是文件夹，"
                                    "文件名取事实表名"),
    template: Optional[str] = TEMPLATE,
    script: Optional[ScriptChoice] = typer.Option(
        None, "--script",
        help="成稿用简体还是繁体（默认按事实表的 meta.script）：simplified 按事实表原样；traditional 繁体；"
             "hk 香港繁体；tw 台湾正体。只转换文字，不改字体。",
    ),
    pdf: bool = typer.Option(False, "--pdf", help="同时用 LibreOffice 生成 PDF（供领导在手机上阅读）。"),
    formal: bool = typer.Option(False, "--formal", help="排成报送上级的正式公文：加版头（红头、发文字号）和版记（同 meta.form: formal）。"),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="批量时的并行进程数（默认每个 CPU 核一个）。",
                                          metavar="个数"),
    interim: bool = typer.Option(False, "--interim", help="生成过渡稿：还有“（请填写）”或【待填写】等标记时也以 0 退出"
                                 "（不加时照常生成并列出这些标记，但以 1 退出，提醒尚未完成）。"),
) -> None:
    """由事实表生成 Word 初稿（.docx）；失败时不改动已有的文件。给文件夹或多个事实表时并行批量生成并汇总。"""
    from . import build as drafts

    chosen = script.value if script else None
    if len(sheets) > 1 or sheets[0].is_dir():
        if formal:
            err.print("错误：批量生成时请在事实表中写 meta.form: formal，而不是加 --formal")
            raise typer.Exit(2)
        raise typer.Exit(_build_batch(sheets, Path(output or "."), template, chosen, pdf, workers))
    built = _run(lambda: drafts.build(sheets[0], output, template, chosen, formal))
    result, target, backup = built
    if backup is not None:
        out.print(f"[yellow]注意[/]：原来的 {escape(target.name)} 在生成后被改动过，已备份为 {escape(str(backup))}")
    out.print(f"已生成：{escape(str(target))}（{result.parts}个部分，{len(result.document.headings())}个标题，"
              f"约{result.characters}字）")
    if pdf:
        from . import export  # the page reader and LibreOffice: only for the PDF

        pdf_path, pages, pdf_backup = _run(lambda: export.export_pdf(target))
        move = _run(lambda: export.colophon_on_odd_page(built.draft.document, pdf_path))
        moved = 0
        while move:  # 1, then at most 2: see colophon_on_odd_page
            moved = move
            built = _run(lambda: drafts.build(sheets[0], output, template, chosen, formal, colophon_alone=move))
            pdf_path, pages, _ = _run(lambda: export.export_pdf(target))
            move = _run(lambda: export.colophon_on_odd_page(built.draft.document, pdf_path))
        if moved == 1:
            out.print("正文止于单页，版记已改排在其背面（偶数页）页底，初稿和 PDF 已重新生成")
        elif moved:
            out.print("正文止于双页且排不下版记，已加一个空白页，版记排在其后的偶数页页底（空白页和版记页不编页码），"
                      "初稿和 PDF 已重新生成")
        if pdf_backup is not None:
            out.print(f"[yellow]注意[/]：原来的 {escape(pdf_path.name)} 不是 drafter 生成的，已备份为 {escape(str(pdf_backup))}")
        out.print(f"已生成 PDF：{escape(str(pdf_path))}（共{pages}页）")
        _check_printed(target, pdf_path)
    marks = result.unfinished
    if marks:
        _say_unfinished(marks, interim)
        if not interim:
            raise typer.Exit(EXIT_FINDINGS)


def _say_unfinished(marks: list[tuple[str, str]], interim: bool) -> None:
    """A draft still waiting for words is written, but never passes for a finished one."""
    places = Counter((place, mark + ("……）" if mark.startswith("（") else "")) for place, mark in marks)
    shown = "；".join(f"{place}：{mark}" + (f"{n}处" if n > 1 else "") for (place, mark), n in list(places.items())[:5])
    more = "等" if len(places) > 5 else ""
    label = "[yellow]过渡稿[/]" if interim else "[bold red]尚未完成[/]"
    err.print(f"{label}：初稿中还有{len(marks)}处待写的内容，在{escape(shown)}{more}。")
    if not interim:
        err.print("改写这些内容后重新生成；确要先用作过渡稿，请加 --interim。drafter check 会逐条列出所在行。")


def _check_printed(draft: Path, pdf: Path) -> None:
    """``build --pdf``: the page check of the PDF just made, and the fonts LibreOffice had to replace."""
    from .findings import format_finding
    from .pages import check_pages

    try:
        findings = check_pages(draft, pdf)
    except ToolMissing as exc:  # the PDF is there; only its check needs poppler
        out.print(f"[yellow]注意[/]：{escape(exc.problems[0].message)}")
        return
    for finding in findings:
        label, rest = format_finding(finding, pdf.name).split("：", 1)
        out.print(f"[yellow]页面{label}[/]：{escape(rest)}")
    if not findings:
        out.print("页面检查：每页排满22行，署名与正文同页，没有丢失字符")


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
    interrupted = None
    with Progress(TextColumn("批量生成"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err.rich, transient=True) as progress:
        task = progress.add_task("build", total=len(found))
        try:
            outcomes = _run(lambda: batch.build_many(found, folder, template, script, workers,
                                                     lambda _: progress.advance(task)))
        except batch.Interrupted as stopped:
            interrupted = stopped
    if interrupted is not None:
        _report_interrupted(interrupted)
        return EXIT_INTERRUPTED
    built = [o for o in outcomes if o.status == "built"]
    failed = [o for o in outcomes if o.status != "built"]
    with_errors = [o for o in built if o.check_errors]
    summary = Table(title=f"批量生成：{len(outcomes)}份事实表 → {folder}", box=None, pad_edge=False)
    for column in ("已生成", "无效或失败", "审查有错误"):
        summary.add_column(column, justify="right")
    summary.add_row(str(len(built)), str(len(failed)), str(len(with_errors)))
    out.print(summary)
    for outcome in built:
        _wrote(outcome.output)  # type: ignore[arg-type]
    for outcome in failed:
        out.print(f"[bold red]未生成[/]：{escape(outcome.message)}")
    for outcome in with_errors:
        out.print(f"[yellow]审查有错误[/]：{escape(str(outcome.sheet))}（{outcome.check_errors}个，运行 drafter check 查看）")
    return 2 if failed else 1 if with_errors else 0


def _report_interrupted(stopped: Interrupted) -> None:
    """What a stopped batch leaves: which drafts exist, which sheets were not built."""
    _state["interrupt_reported"] = True
    built = [o.output for o in stopped.finished if o.output is not None]
    refused = [o for o in stopped.finished if o.output is None]
    err.print(f"已中止：已生成{len(built) + len(stopped.written)}份，未生成{len(refused) + len(stopped.not_built)}份。")
    for path in built:
        err.print(f"  已生成：{escape(str(path))}")
    for path in stopped.written:
        err.print(f"  已生成（未审查）：{escape(str(path))}")
    for outcome in refused:
        err.print(f"  未生成（有错误）：{escape(outcome.message)}")
    for sheet in stopped.not_built:
        err.print(f"  未生成（已中止）：{escape(str(sheet))}")


class PreviewFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"


@app.command(cls=ChineseCommand)
def preview(
    sheet: Path = SHEET,
    section: Optional[str] = typer.Option(
        None, "--section", "-s", help="只看一个部分：序号如 2 或 2.3（即“二、（三）”），或标题中的文字。",
        metavar="部分",
    ),
    output_format: PreviewFormat = typer.Option(PreviewFormat.text, "--format", "-f", help="text、md 或 html。"),
    html: bool = typer.Option(False, "--html", help="写出一个自带目录的 HTML 页面（同 --format html，默认文件名为“事实表名-预览.html”）。"),
    output: Optional[str] = _output("写入文件，而不是显示在屏幕上；文件名默认为“事实表名-预览”加扩展名"),
    open_page: bool = typer.Option(False, "--open", help="写出 HTML 后在浏览器中打开。"),
    watch: bool = typer.Option(False, "--watch", help="事实表或模板一改就重新生成预览（按 Ctrl+C 停止）。"),
    template: Optional[str] = TEMPLATE,
    force: bool = typer.Option(False, "--force", help="覆盖已存在的、不是 drafter 预览的文件。"),
) -> None:
    """逐部分预览成稿：带自动序号的全文或某一部分，显示在屏幕上，或写成 Markdown、HTML。"""
    from . import preview as previews
    from .files import refuse_input, refuse_overwrite, write_atomic

    fmt = PreviewFormat.html if html or open_page else output_format
    suffix = {PreviewFormat.text: ".txt", PreviewFormat.md: ".md", PreviewFormat.html: ".html"}[fmt]
    written = output is not None or fmt is PreviewFormat.html
    target = output_path(output, f"{sheet.stem}-预览{suffix}") if written else None
    if target is not None:  # checked once: what this run writes, --watch may rewrite
        _run(lambda: (refuse_input(target, previews.watched_files(sheet, template)),
                      refuse_overwrite(target, force, previews.is_preview)))

    def show() -> None:
        if target is None and fmt is PreviewFormat.text and out.is_terminal:
            from .writers.terminal import write_terminal  # rich's styled text: only for a terminal

            out.print(write_terminal(_run(lambda: previews.preview_document(sheet, section, template))))
            return
        text = _run(lambda: previews.preview(sheet, section, fmt.value, template))
        if target is None:
            print(text, end="")
            return
        _run(lambda: write_atomic(target, text.encode("utf-8")))
        out.print(f"已写出预览：{escape(str(target))}（{dt.datetime.now():%H:%M:%S}）")

    if not watch:
        show()
    else:
        out.print("正在监视事实表和模板的改动，按 Ctrl+C 停止。")
        try:  # runs until Ctrl+C: nothing else sets the stop event
            previews.watch(lambda: previews.watched_files(sheet, template), lambda: _keep_watching(show),
                           threading.Event())
        except KeyboardInterrupt:
            out.print("已停止监视。")
    import webbrowser  # only for --open: it brings subprocess and shlex along

    if open_page and target is not None and not webbrowser.open(target.resolve().as_uri()):
        err.print(f"[yellow]没有打开浏览器[/]：这台电脑上找不到可以启动的浏览器。预览已写出，请手动打开 "
                  f"{escape(str(target.resolve()))}")
        raise typer.Exit(ToolMissing.exit_code)


def _keep_watching(show: Callable[[], None]) -> None:
    """While watching, a faulty edit is reported and the watch goes on (the next save may fix it)."""
    try:
        show()
    except typer.Exit:
        err.print("（修改后保存即可重新生成）")


@app.command("import", cls=ChineseCommand)
def import_(
    report: Path = typer.Argument(..., help="已有的报告：.docx、.doc、.wps、.odt、.pdf、保存的网页 .html 或 .txt"
                                            "（可为繁体、网页复制的文字）。", metavar="报告"),
    output: Optional[str] = _output("生成的事实表；文件名默认为“报告文件名.yaml”"),
    keep_script: bool = typer.Option(False, "--keep-script", help="保留繁体，不转为简体。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的事实表。"),
    template: Optional[str] = TEMPLATE,
) -> None:
    """把已有的报告（去年的 Word 文件或网页文字）转成可编辑的事实表，并列出需要核对的地方。"""
    from . import importer
    from . import preview as previews
    from .sheetfiles import SCHEMA_FILE

    target, warnings = _run(lambda: importer.import_report(report, output, keep_script, force, template))
    _wrote(target, "已导入")
    _wrote(target.parent / SCHEMA_FILE, "已生成编辑器自动补全用的 Schema")
    try:  # the sheet is saved either way; a sheet that does not build yet is told, not a failed import
        document = previews.preview_document(target, template=template)
        out.print("识别出的结构（成稿将这样编号）：")
        for line in previews.outline_lines(document) + previews.frame_lines(document):
            out.print("  " + escape(line))
    except DrafterError as exc:
        err.print(f"[yellow]注意[/]：事实表暂时无法生成初稿，请先改正：{escape(str(exc.problems[0]))}")
    for warning in warnings:
        where = f"第{warning.line}行：" if warning.line else ""
        out.print(f"[yellow]提示[/]：{escape(where + warning.message)}")
    out.print(f"请核对后运行：drafter build {_as_argument(target)}")


@app.command(cls=ChineseCommand)
def rollover(
    sheet: Path = SHEET,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="新的报告年度（默认下一年）。", metavar="年份"),
    output: Optional[str] = _output("新事实表；文件名默认把原文件名中的年份换成新年份"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """由今年的事实表生成明年的：年份日期顺延，去年计划变为待填写的落实情况，去年数字变为同比的上年数。"""
    from . import rollover as rollovers
    from .sheetfiles import SCHEMA_FILE

    target, new_sheet = _run(lambda: rollovers.rollover(sheet, output, year, force))
    _wrote(target, f"已生成 {new_sheet.meta.year} 年的事实表")
    _wrote(target.parent / SCHEMA_FILE, "已生成编辑器自动补全用的 Schema")
    out.print("标着【待填写】【待更新】【待核对】的内容请逐条改写；drafter check 会列出尚未处理的标记。")


@app.command(cls=ChineseCommand)
def publish(
    sheet: Path = SHEET,
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="文件夹", show_default=False,
                                         help="网页稿有两个文件，-o 总是文件夹：默认当前文件夹，没有就连同上级一起建立。"),
    template: Optional[str] = TEMPLATE,
    script: Optional[ScriptChoice] = typer.Option(
        None, "--script", help="文字（默认按事实表的 meta.script）：simplified、traditional、hk 或 tw。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的网页稿。"),
) -> None:
    """生成在政府网站公开的网页稿：无障碍的 HTML 页面（手机可读、可打印）和可粘贴进网站后台的纯文本。"""
    from . import publish as publishing

    result = _run(lambda: publishing.publish(sheet, output, template, script.value if script else None, force))
    out.print(f"已生成网页稿：{escape(str(result.page))}")
    out.print(f"已生成纯文本：{escape(str(result.text))}（标题、发布机关、成文日期在前，正文每段一行）")


@app.command(cls=ChineseCommand)
def outline(
    path: Path = typer.Argument(..., help="事实表（.yaml）或报告（.docx/.doc/.wps/.pdf/.html/.txt）。", metavar="文件"),
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
def compare(
    last: Path = typer.Argument(..., help="上年的报告（.yaml/.docx/.txt）。", metavar="上年报告"),
    this: Path = typer.Argument(..., help="今年的报告（.yaml/.docx/.txt）。", metavar="今年报告"),
    output: Path = typer.Option(Path("花脸稿.docx"), "--output", "-o", help="写出的花脸稿（.docx，默认“花脸稿.docx”）。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """生成花脸稿：以上年报告为底稿、用 Word 修订标出今年的增删（按句、按词），在 Word/WPS 中可逐条接受或拒绝。"""
    from .compare import compare_reports

    marked = _run(lambda: compare_reports(last, this, output, force))
    out.print(f"已生成花脸稿：{marked.path}（{marked.paragraphs}段，增加{marked.inserted}字、删除{marked.deleted}字）")


@app.command(cls=ChineseCommand)
def templates() -> None:
    """列出内置模板及其说明；本地模板是一个含 report.j2 的文件夹，用 -t 文件夹 或 meta.template 指定。"""
    from .templating import describe_packs

    # Name and description on lines of their own, not in columns: quotes and dashes (“”——) are
    # one cell wide in rich's count but two in a Chinese Windows console, which would skew columns.
    for name, description in describe_packs():
        out.print(f"[bold]{escape(name)}[/]")
        out.print(f"  {escape(description)}")
    out.print("本地模板：建一个文件夹，在其中的 report.j2 里写 {% extends \"standard/report.j2\" %}，只覆盖要改的 block（见 docs/templates.md）。")


@app.command(cls=ChineseCommand)
def schema(
    output: Optional[str] = _output("写入文件而不显示在屏幕上；文件名默认为 drafter-sheet.schema.json"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的、不是 drafter 生成的文件。"),
) -> None:
    """输出事实表的 JSON Schema，供 VS Code 等编辑器校验和自动补全。"""
    from . import sheetfiles as drafts

    if output is None:
        print(drafts.schema_text(), end="")
        return
    target = output_path(output, drafts.SCHEMA_FILE)
    _run(lambda: drafts.write_schema(target, force))
    _wrote(target, "已写入")


def _files_are_checked_by_their_readers() -> None:
    """Typer refuses an unreadable file before drafter sees it, with only “取值无效”; drafter's
    readers open every file themselves and say which one cannot be read and why."""
    for command in app.registered_commands:
        for parameter in inspect.signature(command.callback).parameters.values():  # type: ignore[arg-type]
            if hasattr(parameter.default, "readable"):
                parameter.default.readable = False


_files_are_checked_by_their_readers()


def _is_usage_error(exc: BaseException) -> bool:
    """Is this the command-line parser's usage error (Typer bundles its own click, so the
    class is recognised by name), not drafter's own :class:`UsageError`?"""
    return not isinstance(exc, DrafterError) and any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


def _stop_on_termination() -> dict[int, object]:
    """A termination signal (SIGTERM; Ctrl+Break on Windows) stops drafter as Ctrl+C does:
    the file being written is removed, a batch stops its workers, the exit code is 130.
    Returns the handlers it replaced."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    replaced: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGBREAK"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                replaced[number] = signal.signal(number, interrupt)
    return replaced


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; usage errors are answered in Chinese."""
    replaced = _stop_on_termination()
    _state["interrupt_reported"] = False
    try:
        return _dispatch(argv)
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _dispatch(argv: list[str] | None) -> int:
    try:
        code = app(args=argv, prog_name="drafter", standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        code = EXIT_INTERRUPTED
    except DrafterError as exc:  # the boundary for anything a command did not pass through _run
        return _report(exc)
    except Exception as exc:
        if not _is_usage_error(exc):
            if _state["debug"]:
                raise
            err.print(INTERNAL_ERROR)
            return EXIT_INTERNAL
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `drafter`: the command list, not an error
            print(exc.message)  # type: ignore[attr-defined]
            return 0
        if ctx is not None:
            err.print(ctx.get_usage(), markup=False)
        err.print(f"错误：{usage_error_message(exc)}", markup=False)
        if _wants_json(sys.argv[1:] if argv is None else argv):
            _json_failure(None, 2, [{"message": usage_error_message(exc)}])
        err.print(f"运行“{ctx.command_path if ctx else 'drafter'} --help”查看用法。", markup=False)
        return 2
    if code == EXIT_INTERRUPTED and not _state["interrupt_reported"]:  # Typer turns Ctrl+C into exit 130
        err.print("已中止。")
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console-script entry point."""
    # drafter uses no pydantic plugin: without this, building the first model scans every installed
    # package's entry points for one (milliseconds, more in a large environment). Set for drafter's
    # own process and its children only, before any model is built; run() (called in-process by
    # other programs) leaves their environment alone.
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
    # The command's own modules (pydantic, Jinja, python-docx…) load next: objects that live as
    # long as the process, walked by some seventy collections that free next to nothing (9 ms of
    # a build). The collector is held off until _run() freezes them, then works as before.
    if gc.isenabled():
        gc.disable()
        _state["collect_when_frozen"] = True
    for stream in (sys.stdout, sys.stderr):
        # A Chinese Windows console redirected to a file or pipe encodes in GBK, which lacks some
        # characters a sheet may hold: they are shown as "?" rather than ending the command.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    code = run()
    _exit_at_once(code)
    raise SystemExit(code)


def _exit_at_once(code: int) -> None:
    """End the process without the interpreter's teardown, which frees the start-up's objects
    one by one (10–20 ms, a twentieth of a build), where that teardown has nothing else to do:
    no exit handler registered (multiprocessing, logging, temporary folders, a coverage tool
    all register one), no other thread running, and the output flushed. Otherwise returns and
    the interpreter exits as usual. drafter closes every file it writes before this."""
    handlers = getattr(atexit, "_ncallbacks", None)  # CPython's count; elsewhere, never skip the teardown
    if handlers is None or handlers() or threading.active_count() > 1:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None under pythonw
                stream.flush()
    except (OSError, ValueError):  # a closed pipe: the usual exit reports it
        return
    os._exit(code)
