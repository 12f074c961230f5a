"""Running drafter in-process the way the fuzz and robustness tests need: every command's exit
code and messages, and the checks every answer must pass (no internal error, no traceback,
no English library text, one JSON object from ``check --format json``)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import docx

from drafter.cli import run
from drafter.errors import EXIT_INTERNAL
from drafter.readers.sheet import _known_keys

HERE = Path(__file__).parent
SHEETS = HERE / "sheets"
REPORTS = HERE / "reports"


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def invoke(*argv: object) -> Outcome:
    """``drafter argv…`` in this process, its output captured (also inside hypothesis,
    where pytest's capsys cannot be used per example)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([str(a) for a in argv])
    return Outcome(code, out.getvalue(), err.getvalue())


# Words a Chinese message may contain in Latin letters: drafter's commands, options and sheet
# fields, file formats and the programs a clerk knows. Anything else of three letters or more
# is English text from a library that was not translated.
KNOWN_WORDS = {part.lower() for key in _known_keys() for part in key.split("_")} | {
    "drafter", "init", "check", "build", "preview", "import", "outline", "rollover", "templates", "schema",
    "help", "debug", "force", "year", "output", "template", "format", "workers", "pdf", "script", "keep",
    "yaml", "yml", "json", "word", "wps", "excel", "office", "doc", "docx", "txt", "xls", "xlsx", "rtf", "zip",
    "html", "utf", "gbk", "big", "unicode", "tab", "libreoffice", "soffice", "windows", "ctrl", "base64",
    "true", "false", "null", "binary", "base", "int", "float", "bool", "timestamp", "str", "seq", "map", "options",
    "standard", "summary", "article", "achievements", "responsibility", "shortcomings", "plans", "other",
    "ordinal", "dash", "arabic", "simplified", "traditional", "text", "schema", "python", "gb18030",
    "tag", "key", "value", "unit", "previous", "rate", "json", "markdown", "chromium", "debian", "vs", "code",
}
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|'[^'\n]*'|\"[^\"\n]*\"|\{[^}\n]*\}")
_NOT_WORDS = re.compile(r"\S*[/\\.:=@#]\S*|--?[\w-]+|\[[^\]]*\]")  # paths, file names, options, markup


def english_words(text: str, echoed: str = "") -> list[str]:
    """Latin words of three letters or more in ``text`` that are not drafter's own terms;
    quoted text and paths are the user's, as is anything in ``echoed`` (the input)."""
    stripped = _NOT_WORDS.sub(" ", _QUOTED.sub(" ", text))
    words = re.findall(r"[A-Za-z]{3,}", stripped)
    return [w for w in words if w.lower() not in KNOWN_WORDS and w not in echoed]


def assert_answered(outcome: Outcome, codes: set[int], echoed: str = "") -> None:
    """The command ended with one of the documented ``codes`` and said so in Chinese."""
    assert outcome.code in codes, outcome
    assert outcome.code != EXIT_INTERNAL and "内部错误" not in outcome.text, outcome
    assert "Traceback" not in outcome.text, outcome
    assert english_words(outcome.text, echoed) == [], (english_words(outcome.text, echoed), outcome)


def assert_one_json_object(outcome: Outcome) -> dict:
    """``check --format json`` printed exactly one JSON object, whose exit code is the command's."""
    data = json.loads(outcome.out)
    assert isinstance(data, dict) and data["exit_code"] == outcome.code, outcome
    return data


def assert_opens(path: Path) -> docx.document.Document:
    """A written draft is a Word file python-docx can open."""
    return docx.Document(str(path))
