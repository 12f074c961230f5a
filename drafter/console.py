"""The command line's two output streams, loading rich only for a line that needs it.

rich (colours, markup, tables, progress bars) costs some 20 ms to import and 2 ms more for its
first line: a fifteenth of a ``drafter build``, whose only output is usually one plain line
(“已生成：…”). A line rich would print unchanged (no markup, no emoji code, no tab, no control
character) is printed as it is; any other line, and anything else asked of the console (a table,
a progress bar, ``is_terminal``), makes the rich Console, once, and goes through it.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# What rich changes in a line: markup ("[…]"), an emoji code (":name:"), a tab (expanded to
# spaces), a control character (removed). A line with none of them prints the same without it.
_RICH_ONLY = re.compile(r"[\[\x00-\x09\x0b-\x1f\x7f]|:\S*?:")


class LazyConsole:
    """A rich Console for stdout or stderr, made at its first use."""

    def __init__(self, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    @property
    def rich(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # soft_wrap: long Chinese lines are left to the terminal to wrap, never cut into the middle of a path.
            self._console = Console(stderr=self._stderr, highlight=False, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        """rich's answer (``Console.is_terminal``), known without rich where nothing can override
        it (no FORCE_COLOR, no TTY_COMPATIBLE) and the stream is no terminal: a pipe or a file."""
        if self._console is None and not {"FORCE_COLOR", "TTY_COMPATIBLE"} & os.environ.keys():
            try:
                if not (sys.stderr if self._stderr else sys.stdout).isatty():
                    return False
            except (AttributeError, ValueError):  # no stream (pythonw) or a closed one: rich says no as well
                return False
        return self.rich.is_terminal

    def print(self, *objects: Any, **options: Any) -> None:
        """rich's ``Console.print``; a plain line is printed and flushed as rich would print it."""
        if len(objects) == 1 and not options and isinstance(objects[0], str) and not _RICH_ONLY.search(objects[0]):
            print(objects[0], file=sys.stderr if self._stderr else sys.stdout, flush=True)
            return
        self.rich.print(*objects, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


def escape(text: str) -> str:
    """rich's markup escape (``rich.markup.escape``), loading rich only for a text it changes:
    one holding "[" or ending in a backslash."""
    if "[" not in text and not text.endswith("\\"):
        return text
    from rich.markup import escape as escape_markup

    return escape_markup(text)
