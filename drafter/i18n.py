"""Chinese for what the command-line framework says itself: usage line, help option, usage errors.

Typer (and the Click it builds on) print these in English with no catalogue to swap, and a
clerk who mistypes an option must not be answered in English. Help headings and the help
option are set through Typer's public ``cls=`` hook; usage errors are rewritten from the
exception's public attributes (``option_name``, ``param``, ``possibilities``) at the CLI's
error boundary, so nothing here depends on the framework's private modules.
"""

from __future__ import annotations

import re
from typing import Any

import typer.rich_utils
from typer.core import TyperCommand, TyperGroup

HELP_OPTION_TEXT = "显示本帮助并退出。"

for _name, _text in {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
}.items():
    if hasattr(typer.rich_utils, _name):
        setattr(typer.rich_utils, _name, _text)


class _Chinese:
    """Mixin for Typer's command classes: Chinese usage prefix and help-option text."""

    def get_usage(self, ctx: Any) -> str:
        return super().get_usage(ctx).replace("Usage:", "用法：", 1)  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


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
