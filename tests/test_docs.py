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


def test_ci_runs_the_readme_setup_commands_as_written() -> None:
    """The README's two commands make a virtual environment (system pip is refused on Debian)
    and CI runs that very block, read from the README, in a fresh clone."""
    block = re.search(r"## 两条命令上手\n.*?```bash\n(.*?)```", README, re.S).group(1).splitlines()
    assert len(block) == 2
    assert block[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e \".[test]\" && ")
    assert block[1] == "python -m pytest -q"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "/^## 两条命令上手/" in ci and "git clone -q . " in ci
    assert 'bash -euo pipefail -c "$commands"' in ci.splitlines()


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "sheet.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: drafter schema -o docs/sheet.schema.json"


def test_readme_main_command_uses_a_shipped_example() -> None:
    example = re.search(r"drafter build (examples/\S+\.yaml)", README).group(1)
    assert (ROOT / example).is_file()
