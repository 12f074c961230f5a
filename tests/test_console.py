"""The command line's output without rich for a plain line prints exactly what rich prints."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape as rich_escape

from drafter.console import LazyConsole, escape

# Chinese text and paths with everything rich treats specially: markup brackets, emoji codes,
# backslashes (Windows paths, an escape's trailing one), tabs, control characters.
_ALPHABET = st.sampled_from(list("已生成初稿博乐市：（）“”…—abcXYZ019 ./\\:_-[]#@") + ["\t", "\r", "\x07", "\x1b", "\u3000"])
TEXTS = st.lists(_ALPHABET, max_size=30).map("".join)
SAMPLES = ["已生成：C:\\Users\\张三\\初稿\\博乐市2023年法治政府建设情况报告.docx（4个部分，15个标题，约5409字）",
           "已生成：/tmp/[bold]x/y.docx", "已生成：D:\\报告:smile:\\x.docx", "C:\\初稿\\", "a\tb", "标题[yellow]x[/]",
           "已写出预览：博乐市-预览.html（12:30:05）"]


def printed(console: object, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    console.print(text)  # type: ignore[attr-defined]
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize("text", SAMPLES)
def test_a_line_prints_as_rich_prints_it(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    for stderr in (False, True):
        rich = Console(stderr=stderr, highlight=False, soft_wrap=True)
        assert printed(LazyConsole(stderr), text, capsys) == printed(rich, text, capsys)
        assert printed(LazyConsole(stderr), escape(text), capsys) == printed(rich, rich_escape(text), capsys)


@given(TEXTS)
def test_any_line_prints_as_rich_prints_it(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for candidate in (text, escape(text)):
            ours, theirs = io.StringIO(), io.StringIO()
            patch.setattr(sys, "stdout", ours)
            LazyConsole().print(candidate)
            patch.setattr(sys, "stdout", theirs)
            Console(highlight=False, soft_wrap=True).print(candidate)
            assert ours.getvalue() == theirs.getvalue()
    assert escape(text) == rich_escape(text)


def test_a_plain_line_does_not_load_rich() -> None:
    console = LazyConsole()
    console.print("已生成：初稿.docx")
    assert console._console is None
    console.print("[yellow]注意[/]：已备份")
    assert console._console is not None


@pytest.mark.parametrize("environment", [{}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "1"},
                                         {"TTY_COMPATIBLE": "0"}])
@pytest.mark.parametrize("stderr", [False, True])
def test_whether_the_stream_is_a_terminal_is_rich_s_answer(environment: dict[str, str], stderr: bool,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stderr" if stderr else "stdout", io.StringIO())  # a pipe or a file
    console = LazyConsole(stderr)
    assert console.is_terminal == Console(stderr=stderr, highlight=False, soft_wrap=True).is_terminal
    assert (console._console is None) == (not environment)  # rich only where a variable may say otherwise
