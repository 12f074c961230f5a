"""Ctrl+C and SIGTERM sent to a real ``drafter`` process: a batch stops within a second,
workers included, says what was built and what was not, and leaves no temporary file;
a single build stopped mid-write leaves the old draft and no hidden partial file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir() or os.name == "nt",
                                reason="sends POSIX signals and reads the process table from /proc")

# Loaded into every process of the test (workers too): writes take half a second, so a signal
# finds drafts being written.
SLOW_WRITES = "import os, time\n_fsync = os.fsync\nos.fsync = lambda fd: (time.sleep({delay}), _fsync(fd))[1]\n"


def start(tmp_path: Path, delay: float, *argv: object) -> subprocess.Popen[bytes]:
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(SLOW_WRITES.format(delay=delay), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)])}
    return subprocess.Popen([sys.executable, "-m", "drafter", *map(str, argv)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def descendants(pid: int) -> set[int]:
    """Processes whose parent chain leads to ``pid`` (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_a_batch_stops_within_a_second(tmp_path: Path, how: str) -> None:
    sheets, out = tmp_path / "in", tmp_path / "out"
    sheets.mkdir()
    out.mkdir()
    text = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    for n in range(40):
        (sheets / f"{n:02d}县.yaml").write_text(text.replace("示例县", f"第{n}县"), encoding="utf-8")
    process = start(tmp_path, 0.5, "build", "in", "-o", "out", "-j", "2")
    assert wait_for(lambda: temporary_files(out), 90), "no worker started writing"
    workers = descendants(process.pid)
    assert len(workers) >= 2
    if how == "ctrl-c":  # a terminal sends Ctrl+C to the whole process group
        os.killpg(process.pid, signal.SIGINT)
    else:  # a service manager or `kill` signals the parent only
        process.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    _, err = process.communicate(timeout=30)
    elapsed = time.monotonic() - sent
    message = err.decode("utf-8")
    assert process.returncode == 130, message
    assert elapsed < 1.5, f"stopped after {elapsed:.2f} s"  # ~0.2–0.8 s here; margin for a loaded machine
    assert wait_for(lambda: not any(running(pid) for pid in workers), 1), "a worker outlived the batch"
    assert temporary_files(out) == []
    assert "已中止：已生成" in message and "未生成（已中止）：in/" in message and "Traceback" not in message
    built = sorted(p.name for p in out.iterdir())
    reported = sorted(line.split("out/")[1].split("（")[0] for line in message.splitlines() if "已生成：out/" in line
                      or "已生成（未审查）：out/" in line)
    assert built == reported
    assert len(built) < 40


def test_sigterm_during_a_write_leaves_the_old_draft_and_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"yesterday's draft")
    process = start(tmp_path, 30, "build", EXAMPLES / "minimal.yaml", "-o", target)
    assert wait_for(lambda: temporary_files(tmp_path), 60), "the write never started"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=10)
    assert process.returncode == 130 and "已中止" in err.decode("utf-8")
    assert temporary_files(tmp_path) == []  # the backup being written when the signal came is gone
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "hooks") == ["draft.docx"]
    assert target.read_bytes() == b"yesterday's draft"
