"""Batch builds: every sheet in a folder (a prefecture's counties), in parallel processes.

Each sheet is built and checked on its own; one bad sheet is reported and never stops the
others, and like every build it leaves no partial file. Drafts are named after their
sheets (``舟曲县.yaml`` → ``舟曲县.docx``); sheets whose drafts would share a name
(``县.yaml`` and ``县.yml``, ``a/x.yaml`` and ``b/x.yaml``, or names differing only in
case, which Windows treats as one) are refused before anything is written.

Workers are started with ``spawn`` on every platform, as Windows must. Ctrl+C or a
termination signal stops the batch within a second: the parent polls for results with
a short timeout (a blocking wait cannot be interrupted on Windows), terminates the
workers (who remove the file they were writing), sweeps any temporary file a killed
worker left, and reports what was built and what was not (:class:`Interrupted`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import signal
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal

from .build import build
from .errors import DrafterError, Problem, UsageError
from .readers.sheet import read_once
from .review import review
from .stamp import untouched

Status = Literal["built", "invalid", "failed"]
POLL_SECONDS = 0.1  # how often the parent checks for Ctrl+C while waiting for workers
STOP_GRACE = 0.3  # how long a stopped worker may take to remove the file it was writing


@dataclass(frozen=True)
class Outcome:
    """What happened to one sheet of a batch."""

    sheet: Path
    status: Status
    output: Path | None = None
    check_errors: int = 0
    message: str = ""


class Interrupted(KeyboardInterrupt):
    """The batch was stopped by Ctrl+C or a termination signal: what was finished, what was not."""

    def __init__(self, finished: list[Outcome], written: list[Path], not_built: list[Path]) -> None:
        super().__init__()
        self.finished = finished  # built and reviewed, or refused
        self.written = written  # drafts written whose review was stopped
        self.not_built = not_built  # sheets with no draft


def collect_sheets(paths: list[Path]) -> list[Path]:
    """The sheets named, with folders expanded to the .yaml/.yml files in them (sorted)."""
    sheets: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
            if not found:
                raise UsageError(Problem("文件夹里没有事实表（.yaml）", path))
            sheets.extend(found)
        else:
            sheets.append(path)
    unique: dict[Path, Path] = {}
    for sheet in sheets:  # the same file named twice (a/x.yaml, ./a/x.yaml) is built once
        unique.setdefault(sheet.resolve(), sheet)
    return list(unique.values())


def draft_name(sheet: Path) -> str:
    return f"{sheet.stem}.docx"


def refuse_collisions(sheets: list[Path]) -> None:
    """Two sheets whose drafts would have the same name (as Windows and macOS compare
    names: case and Unicode form ignored) are named before anything is written."""
    groups: dict[str, list[Path]] = {}
    for sheet in sheets:
        groups.setdefault(unicodedata.normalize("NFC", draft_name(sheet)).casefold(), []).append(sheet)
    clashes = [group for group in groups.values() if len(group) > 1]
    if clashes:
        raise UsageError([Problem(f"这些事实表会生成同名的初稿“{draft_name(group[0])}”，一份会覆盖另一份："
                                  f"{'、'.join(str(s) for s in group)}；请改名后再批量生成") for group in clashes])


def build_one(sheet: Path, folder: Path, template: str | None, script: str | None) -> Outcome:
    """Build and check one sheet; every failure becomes an outcome, never an exception
    (it runs in a worker process, where a traceback would reach nobody)."""
    try:
        with read_once():  # the check takes the sheet the build read and rendered
            built = build(sheet, folder / draft_name(sheet), template, script)  # type: ignore[arg-type]
            errors = sum(f.severity == "error" for f in review(sheet, template, built.draft.document).findings)
        return Outcome(sheet, "built", built.target, errors)
    except DrafterError as exc:
        return Outcome(sheet, "invalid", message=str(exc.problems[0]))
    except Exception as exc:  # noqa: BLE001 - a bug in one sheet's build must not stop the batch
        return Outcome(sheet, "failed", message=f"内部错误：{type(exc).__name__}: {exc}")


_busy = False  # in a worker: a sheet is being built


def _job(arguments: tuple[Path, Path, str | None, str | None]) -> Outcome:
    global _busy
    _busy = True
    try:
        return build_one(*arguments)
    except SystemExit:
        os._exit(1)  # unwound by _stop_worker: leave without the interpreter's slow shutdown
    finally:
        _busy = False


def _stop_worker(signum: int, frame: Any) -> None:
    """The parent's terminate() (SIGTERM): a build under way is unwound, which removes the
    file being written and stops a template's child process; then the worker leaves at once."""
    if _busy:
        raise SystemExit(1)
    os._exit(1)


def _worker_setup() -> None:
    """In each worker: Ctrl+C is the parent's to handle (a terminal sends it to every process),
    and terminate() unwinds the worker rather than killing it mid-write (POSIX; on Windows
    terminate() cannot be caught, and the parent sweeps what a worker left). The modules loaded
    by now live as long as the worker: frozen, the garbage collector no longer walks them."""
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.name != "nt":
        signal.signal(signal.SIGTERM, _stop_worker)


def _start_pool(count: int) -> Any:
    """Spawned workers, started with Ctrl+C ignored: a worker still importing when the clerk
    presses Ctrl+C would otherwise print a traceback (the ignored state is inherited, and
    :func:`_worker_setup` keeps it)."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        return multiprocessing.get_context("spawn").Pool(count, initializer=_worker_setup)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


def sweep_temporary_files(folder: Path, sheets: list[Path]) -> None:
    """Remove what a killed worker may have left: the temporary file of a draft or of its
    backup (``.名称.docx.<random>.tmp``, ``.名称.bak2.docx.<random>.tmp``; see
    :func:`drafter.files.write_atomic`)."""
    temporary = re.compile("|".join(rf"\.{re.escape(sheet.stem)}\.(?:bak\d*\.)?docx\..+\.tmp" for sheet in sheets))
    for entry in folder.iterdir():
        if temporary.fullmatch(entry.name):
            entry.unlink(missing_ok=True)


def build_many(
    sheets: list[Path], folder: Path, template: str | None = None, script: str | None = None,
    workers: int | None = None, done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Build all ``sheets`` into ``folder`` with ``workers`` processes (default: one per core),
    calling ``done`` as each finishes; outcomes come back in the sheets' order.
    Raises :class:`Interrupted` on Ctrl+C or a termination signal."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(Problem("批量生成时 -o 应为文件夹，这里是一个文件", folder))
    refuse_collisions(sheets)
    outcomes: dict[Path, Outcome] = {}
    count = max(1, min(workers or os.cpu_count() or 1, len(sheets)))
    started = time.time()
    pool = _start_pool(count)
    try:
        results = pool.imap_unordered(_job, [(sheet, folder, template, script) for sheet in sheets])
        while len(outcomes) < len(sheets):
            try:
                outcome = results.next(timeout=POLL_SECONDS)
            except multiprocessing.TimeoutError:
                continue
            outcomes[outcome.sheet] = outcome
            done(outcome)
        pool.close()
    except KeyboardInterrupt:
        _stop(pool)
        sweep_temporary_files(folder, sheets)
        unfinished = [s for s in sheets if s not in outcomes]
        written = [s for s in unfinished if _written_since(folder / draft_name(s), started)]
        raise Interrupted([outcomes[s] for s in sheets if s in outcomes], [folder / draft_name(s) for s in written],
                          [s for s in unfinished if s not in written]) from None
    except BaseException:
        _stop(pool)
        raise
    pool.join()
    return [outcomes[sheet] for sheet in sheets]


def _stop(pool: Any) -> None:
    """Terminate the workers, killing after :data:`STOP_GRACE` one that cannot unwind (it is
    inside a long C call, such as LibreOffice's conversion or a large regular expression)."""
    workers = list(getattr(pool, "_pool", []))  # the pool's own processes (no public handle)
    stopper = threading.Thread(target=pool.terminate)
    stopper.start()
    stopper.join(STOP_GRACE)
    for worker in workers:
        if worker.is_alive():
            worker.kill()
    stopper.join()


def _written_since(draft: Path, started: float) -> bool:
    """A draft this batch wrote before it was stopped (its review had not finished)."""
    try:
        return draft.stat().st_mtime >= started - 1 and untouched(draft)
    except OSError:
        return False
