"""The documentation tells the truth: commands, test command, published schema."""

from __future__ import annotations

import json
import re

import pytest

from drafter.cli import app
from drafter.sheet import json_schema

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


COMMANDS = {c.name or c.callback.__name__: c.callback for c in app.registered_commands}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    assert COMMANDS[command].__doc__, command
    assert f"drafter {command}" in README, command


def test_ci_runs_the_readme_test_command() -> None:
    test_command = re.search(r"(python -m pytest[^`\n#]*)", README).group(1).strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "sheet.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: drafter schema -o docs/sheet.schema.json"


def test_readme_main_command_uses_a_shipped_example() -> None:
    example = re.search(r"drafter build (examples/\S+\.yaml)", README).group(1)
    assert (ROOT / example).is_file()
