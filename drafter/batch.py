"""Batch builds: every sheet in a folder (a prefecture's counties), in parallel processes.

Each sheet is built and checked on its own; one bad sheet is reported and never stops the
others, and like every build it leaves no partial file. Drafts are named after their
sheets (``舟曲县.yaml`` → ``舟曲县.docx``) so two counties' drafts cannot collide.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

from .build import build
from .errors import DrafterError, Problem, UsageError
from .review import review

Status = Literal["built", "invalid", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one sheet of a batch."""

    sheet: Path
    status: Status
    output: Path | None = None
    check_errors: int = 0
    message: str = ""


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
    return list(dict.fromkeys(sheets))


def build_one(sheet: Path, folder: Path, template: str | None, script: str | None) -> Outcome:
    """Build and check one sheet; every failure becomes an outcome, never an exception
    (it runs in a worker process, where a traceback would reach nobody)."""
    try:
        output = build(sheet, folder / f"{sheet.stem}.docx", template, script).target  # type: ignore[arg-type]
        errors = sum(f.severity == "error" for f in review(sheet, template).findings)
        return Outcome(sheet, "built", output, errors)
    except DrafterError as exc:
        return Outcome(sheet, "invalid", message=str(exc.problems[0]))
    except Exception as exc:  # noqa: BLE001 - a bug in one sheet's build must not stop the batch
        return Outcome(sheet, "failed", message=f"内部错误：{type(exc).__name__}: {exc}")


def build_many(
    sheets: list[Path], folder: Path, template: str | None = None, script: str | None = None,
    workers: int | None = None, done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Build all ``sheets`` into ``folder`` with ``workers`` processes (default: one per core),
    calling ``done`` as each finishes; outcomes come back in the sheets' order."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(Problem("批量生成时 -o 应为文件夹，这里是一个文件", folder))
    outcomes: dict[Path, Outcome] = {}
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        futures = [pool.submit(build_one, sheet, folder, template, script) for sheet in sheets]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[outcome.sheet] = outcome
            done(outcome)
    return [outcomes[sheet] for sheet in sheets]
