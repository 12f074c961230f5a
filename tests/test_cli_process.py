"""The ``drafter`` process itself: no pydantic plugin scan, and an exit that skips the interpreter's
teardown only where nothing is left to clean up, with every line of output and the exit code kept."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES, ROOT

ENTRY = "import sys; from drafter.cli import main; sys.argv[0] = 'drafter'; main()"
"""What the ``drafter`` console script runs."""

SKIPPED = ("import os, sys; real = os._exit; "
           "os._exit = lambda code: (os.write(1, '[teardown skipped]\\n'.encode()), real(code)); ")
"""Says so when the process ends without the interpreter's teardown (written past Python's
buffers, so whatever drafter printed is there only if it flushed it)."""


def drafter_process(code: str, arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``code`` in a new interpreter started as a plain installation starts drafter: without the
    site's .pth start-up hooks (``-S``), the packages on the path, output buffered."""
    path = os.pathsep.join([str(ROOT), *site.getsitepackages(), site.getusersitepackages()])
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-S", "-c", code, *arguments], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**environment, "PYTHONPATH": path})


def test_a_build_ends_without_the_teardown_and_keeps_its_output(tmp_path: Path) -> None:
    target = tmp_path / "初稿.docx"
    done = drafter_process(SKIPPED + ENTRY, ["build", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(target)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"已生成：{target}（4个部分，15个标题，约5409字）", "[teardown skipped]"]
    assert target.stat().st_size > 10_000
    failed = drafter_process(SKIPPED + ENTRY, ["build", str(tmp_path / "没有这个文件.yaml")], tmp_path)
    assert failed.returncode == 2
    assert "没有这个文件.yaml" in failed.stderr and failed.stdout == "[teardown skipped]\n"
    checked = drafter_process(SKIPPED + ENTRY, ["check", str(EXAMPLES / "minimal.yaml"), "--format", "json"], tmp_path)
    printed, marker, _ = checked.stdout.rsplit("\n", 2)  # printed into Python's buffer, not by rich
    assert checked.returncode == 1 and marker == "[teardown skipped]"
    assert json.loads(printed)["exit_code"] == 1


def test_an_exit_handler_still_runs(tmp_path: Path) -> None:
    """A coverage tool, multiprocessing or logging registers one: then the usual exit runs it."""
    handler = "import atexit; atexit.register(print, 'handler ran'); "
    done = drafter_process(SKIPPED + handler + ENTRY, ["build", str(EXAMPLES / "minimal.yaml"), "-o", str(tmp_path)],
                           tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "handler ran" and "[teardown skipped]" not in done.stdout


def test_models_are_built_without_scanning_for_pydantic_plugins(tmp_path: Path) -> None:
    """pydantic looks through every installed package's entry points for plugins when it builds
    the first model; drafter's command turns that off for its own process (a library call of
    ``run`` leaves the caller's environment alone and is scanned as usual)."""
    watch = ("import importlib.metadata as metadata, os, sys; groups = []; scan = metadata.entry_points; "
             "metadata.entry_points = lambda **kw: groups.append(kw.get('group')) or scan(**kw); "
             "import atexit; atexit.register(lambda: print('groups', groups)); ")
    arguments = ["build", str(EXAMPLES / "minimal.yaml"), "-o", str(tmp_path)]
    done = drafter_process(watch + ENTRY, arguments, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "groups []"
    library = drafter_process(watch + "from drafter.cli import run; run(sys.argv[1:])", arguments, tmp_path)
    assert library.stdout.splitlines()[-1] == "groups ['pydantic']"


def test_the_collector_waits_for_the_commands_modules_then_works_as_before(tmp_path: Path) -> None:
    """No collection while the command's modules load (they live as long as the process); from
    the freeze on the collector runs as usual, so a long command (preview --watch) frees its garbage."""
    watch = ("import atexit, gc, sys; seen = []; gc.callbacks.append(lambda phase, info: phase == 'start' and "
             "seen.append('collect')); freeze = gc.freeze; gc.freeze = lambda: (seen.append('freeze'), freeze()); "
             "atexit.register(lambda: print(seen.index('freeze'), gc.isenabled(), 'collect' in seen[seen.index('freeze'):])); "
             "import drafter.cli; seen.clear(); ")
    done = drafter_process(watch + ENTRY, ["build", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(tmp_path)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 True True"  # nothing collected before the freeze; collecting after
