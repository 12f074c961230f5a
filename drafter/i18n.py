"""Chinese for what the command-line framework says itself: help pages, usage line, usage errors.

Typer (and the Click it builds on) print these in English with no catalogue to swap, and a
clerk who mistypes an option must not be answered in English. The help page is laid out
here, through Typer's public ``cls=`` hook and Click's ``format_help``: Typer's own pages
cut Chinese descriptions with "…" in an 80-column console, show Python types such as
``<bool>`` and ``<list[Path]>``, and draw box characters a GBK console cannot print.
Usage errors are rewritten from the exception's public attributes (``option_name``,
``param``, ``possibilities``) at the CLI's error boundary, so nothing here depends on the
framework's private modules.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from typer.core import TyperCommand, TyperGroup

from .text import CJK, NO_LINE_END, NO_LINE_START, compiled

HELP_OPTION_TEXT = "显示本帮助并退出。"

# A line may not start with these (the usual Chinese line-breaking rule, 禁则), nor end with the openers.
# 避头尾 (drafter.text), and the ellipsis and dash, which a console line should not begin with either.
_NO_LINE_START = set(NO_LINE_START + "…—")
_NO_LINE_END = set(NO_LINE_END)
_TOKEN = re.compile(r"\s+|[\x21-\x7e]+|.")
_CJK_SEAM = f"[{CJK}]"  # compiled only when a help page is laid out
_NAME_COLUMN_MAX = 24  # wider option names put their description on the next line


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes (rich's count); rich is loaded only when a help page is laid out."""
    from rich.cells import cell_len as cells

    return cells(text)


def _tokens(text: str, width: int) -> list[tuple[str, bool]]:
    """(token, space before it): each Chinese character alone, Latin words and paths whole
    unless wider than a line."""
    tokens, space = [], False
    for token in _TOKEN.findall(text):
        if token.isspace():
            space = True
            continue
        while cell_len(token) > width:  # a path longer than the line: cut it, there is no better place
            cut = max(n for n in range(1, len(token) + 1) if cell_len(token[:n]) <= width)
            tokens.append((token[:cut], space))
            token, space = token[cut:], False
        tokens.append((token, space))
        space = False
    return tokens


def _joined(tokens: list[tuple[str, bool]]) -> str:
    return "".join((" " if space and n else "") + token for n, (token, space) in enumerate(tokens))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells. Chinese may break between any two
    characters, but not before a closing mark or after an opening one; Latin words and
    paths break only at spaces."""
    lines: list[str] = []
    line: list[tuple[str, bool]] = []
    for token in _tokens(text, width):
        if cell_len(_joined(line + [token])) <= width:
            line.append(token)
            continue
        split = len(line)  # break before the token, or earlier where a break there is forbidden
        while split > 1 and ((line[split:] or [token])[0][0][0] in _NO_LINE_START
                             or line[split - 1][0][-1] in _NO_LINE_END):
            split -= 1
        if split == 1 or cell_len(_joined(line[split:] + [token])) > width:
            split = len(line)
        lines.append(_joined(line[:split]))
        line = line[split:] + [token]
    return lines + [_joined(line)] if line or not lines else lines


def _unwrapped(text: str) -> str:
    """One paragraph of a docstring on one line: a line break between Chinese characters
    is dropped, elsewhere it is a space."""
    seam = compiled(_CJK_SEAM)
    return re.sub(r"\s*\n\s*", lambda m: "" if seam.match(text, m.start() - 1) and
                  seam.match(text, m.end()) else " ", text.strip())


def _indented(text: str, indent: int, width: int) -> list[str]:
    return [" " * indent + line for line in wrap(_unwrapped(text), width - indent)]


def _metavar(param: Any) -> str:
    """What follows an option on its help line: its metavar, its choices, or nothing for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    if param.metavar:
        return str(param.metavar)
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "|".join(str(member.value) for member in annotation)
    return "数字" if annotation is int else "文字"


def _default(param: Any) -> str:
    """``（默认：text）`` where a default is worth saying: not for flags, not when hidden."""
    default = param.default
    if getattr(param, "is_flag", False) or default is None or getattr(param, "show_default", True) is False:
        return ""
    if isinstance(default, enum.Enum):
        default = default.value
    return f"（默认：{default}）"


def _rows(ctx: Any, command: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(arguments, options) as (name, description) pairs in declaration order."""
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            name = str(param.metavar or param.name) + ("..." if param.nargs != 1 else "")
            arguments.append((name, param.help or ""))
            continue
        opts = sorted([*param.opts, *param.secondary_opts], key=lambda o: (o.startswith("--"), o))
        if param.name == "help":
            opts = ["-h", "--help"]
        name = ", ".join(opts) + (f" {_metavar(param)}" if _metavar(param) else "")
        options.append((name, (param.help or "") + _default(param)))
    return arguments, options


def _table(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns, the second wrapped; a name too wide for the first column stands alone."""
    column = min(max(cell_len(name) for name, _ in rows), _NAME_COLUMN_MAX) + 4
    lines = []
    for name, text in rows:
        body = wrap(_unwrapped(text), width - column)
        if cell_len(name) + 4 > column:
            lines.append("  " + name)
        else:
            lines.append("  " + name + " " * (column - 2 - cell_len(name)) + body.pop(0))
        lines.extend(" " * column + line for line in body)
    return lines


def help_page(ctx: Any, command: Any, width: int) -> str:
    """The whole help page of a command or of ``drafter`` itself, at most ``width`` cells wide."""
    pieces = ["[选项]"]
    arguments, options = _rows(ctx, command)
    subcommands = getattr(command, "list_commands", None)
    if subcommands is not None:
        pieces.append("命令 [参数]...")
    pieces += [name for name, _ in arguments]
    lines = _indented(f"用法：{ctx.command_path} {' '.join(pieces)}", 0, width) + [""]
    for n, paragraph in enumerate(re.split(r"\n\s*\n", (command.help or "").strip())):
        lines += [""] * (n > 0) + _indented(paragraph, 2, width)
    for title, rows in (("参数：", arguments), ("选项：", options)):
        if rows:
            lines += ["", title, *_table(rows, width)]
    if subcommands is not None:
        listed = [(name, command.get_command(ctx, name)) for name in subcommands(ctx)]
        rows = [(name, (sub.help or "").strip().split("\n\n")[0]) for name, sub in listed if not sub.hidden]
        lines += ["", "命令：", *_table(rows, width), "", f"每个命令的用法：{ctx.command_path} 命令 --help"]
    return "\n".join(line.rstrip() for line in lines) + "\n"


class _Chinese:
    """Mixin for Typer's command classes: a Chinese help page that fits the console."""

    def get_usage(self, ctx: Any) -> str:
        return help_page(ctx, self, 10**6).split("\n", 1)[0]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_page(ctx, self, formatter.width or 78))


class ChineseGroup(_Chinese, TyperGroup):
    """The ``drafter`` group."""


class ChineseCommand(_Chinese, TyperCommand):
    """Each ``drafter`` subcommand."""


def _param_name(param: Any) -> str:
    """How the user typed the parameter: ``--year / -y`` for an option, its metavar for an argument."""
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "metavar", None) or param.name)
    return " / ".join(getattr(param, "opts", []) or [param.name])


def usage_error_message(exc: Any) -> str:
    """A Chinese sentence for a Click/Typer usage error (wrong option, missing argument…)."""
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    name = _param_name(param)
    message = str(getattr(exc, "message", "") or "")
    if kind == "NoSuchOption":
        guesses = sorted(getattr(exc, "possibilities", None) or [])
        return f"没有选项“{exc.option_name}”" + (f"，是否想用 {'、'.join(guesses)}？" if guesses else "")
    if kind == "MissingParameter":
        return f"缺少{'参数' if getattr(param, 'param_type_name', '') == 'argument' else '选项'} {name}"
    if kind == "BadParameter":
        return f"{name} 的取值无效{_bad_value_reason(param, message)}"
    if kind == "BadOptionUsage" and "requires" in message:
        return f"选项 {getattr(exc, 'option_name', '') or name} 后面缺少取值"
    if kind == "BadOptionUsage" and "does not take a value" in message:
        return f"选项 {getattr(exc, 'option_name', '') or name} 不带取值"
    extra = re.match(r"Got unexpected extra arguments? ?(?:\(s\))? \((.+)\)", message)
    if extra:
        return f"多余的参数：{extra.group(1)}"
    unknown_command = re.match(r"No such command '(.+)'", message)
    if unknown_command:
        return f"没有命令“{unknown_command.group(1)}”"
    return "命令用法有误"  # Click's English is not shown: the usage line and --help follow


def _bad_value_reason(param: Any, message: str) -> str:
    """Why a value was refused: the expected type, range or choices, in Chinese."""
    if "integer" in message:
        return "，应为整数"
    low = re.search(r"greater than or equal to ([-\d.]+)|x>=([-\d.]+)", message)
    high = re.search(r"less than or equal to ([-\d.]+)|x<=([-\d.]+)", message)
    if low or high:
        parts = [f"不小于 {next(g for g in low.groups() if g)}" if low else "",
                 f"不大于 {next(g for g in high.groups() if g)}" if high else ""]
        return "，应" + "且".join(part for part in parts if part)
    choices = re.findall(r"'([^']*)'", message.split("is not one of", 1)[1]) if "is not one of" in message else []
    if choices:
        return "，应为以下之一：" + "、".join(choices)
    return ""
