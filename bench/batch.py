"""Benchmark: every county of China in one batch (prints figures and targets, asserts nothing).

    python bench/batch.py [--sheets 2844] [--workers N]

2,844 is the number of county-level divisions. The sheets are the five seed sheets and the
shipped examples, each copied under another region's name, a tenth of them set to print in
traditional script, as a province collecting its counties' reports would have them. Each
sheet is built and checked, as ``drafter build FOLDER`` does.

Targets: ≤ 30 s wall for 2,844 sheets on 2 cores, ≤ 20 ms CPU a sheet, ≤ 100 MiB per worker,
the first result within a second. The workers run as on a clerk's installation (bytecode
cached, drafter's cache folder warmed by a small untimed batch first); fewer sheets than 2,844
give a wall time projected to 2,844 at the measured rate.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drafter.batch import build_many

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORES = os.cpu_count() or 1
COUNTIES = 2844  # county-level divisions of China


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` sheets varied from the shipped ones: region renamed, every tenth traditional."""
    sources = sorted((EXAMPLES / "seeds").glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))
    sources = [s for s in sources if "template:" not in s.read_text(encoding="utf-8")]  # no local packs
    sheets = []
    for n in range(count):
        lines = sources[n % len(sources)].read_text(encoding="utf-8").splitlines()[1:]
        varied = []
        for line in lines:
            if line.startswith("  region:"):
                varied.append(f"  region: 第{n}县")
                if n % 10 == 9:
                    varied.append("  script: traditional")
            elif not (n % 10 == 9 and line.startswith("  script:")):
                varied.append(line)
        sheet = folder / f"{n:04d}.yaml"
        sheet.write_text("\n".join(varied) + "\n", encoding="utf-8")
        sheets.append(sheet)
    return sheets


def _children_usage() -> tuple[float, float] | None:
    """CPU seconds and peak memory (MiB) of finished worker processes, where the platform
    tells them (``resource`` is POSIX-only; on Windows the figures are left out)."""
    try:
        import resource
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale / 2**20


def timed(folder: Path, workers: int | None) -> None:
    """The measured batch, in a process of its own: its workers' CPU and peak memory are then
    theirs alone (the warm-up's workers, which built the caches, are not its children)."""
    sheets = sorted(folder.glob("*.yaml"))
    first: list[float] = []
    start = time.perf_counter()
    outcomes = build_many(sheets, folder / "out", workers=workers,
                          done=lambda _: first or first.append(time.perf_counter() - start))
    elapsed = time.perf_counter() - start
    count = len(sheets)
    built = sum(o.status == "built" for o in outcomes)
    workers = workers or CORES
    print(f"batch build of {count} sheets ({built} built, a tenth traditional), build + check each, "
          f"{workers} workers on {CORES} cores")
    wall = elapsed * COUNTIES / count
    projected = "" if count == COUNTIES else f", projected to {COUNTIES:,} sheets: {wall:.1f} s"
    print(f"  wall: {elapsed:6.1f} s  ({count / elapsed:5.1f} sheets/s{projected})   "
          f"target ≤ 30 s for {COUNTIES:,} on 2 cores ({CORES} here): {met(wall, 30)}")
    print(f"  first result after {first[0]:.2f} s   target ≤ 1 s: {met(first[0], 1)}")
    usage = _children_usage()
    if usage is None:
        print("  CPU and memory of the workers: not measured on this platform")
        return
    cpu, peak = usage
    per_sheet = cpu / count * 1000
    print(f"  CPU: {cpu:6.1f} s in {workers} workers = {per_sheet:5.1f} ms a sheet (their start-up included)   "
          f"target ≤ 20 ms: {met(per_sheet, 20)}")
    print(f"  peak memory of a worker: {peak:5.0f} MiB   target ≤ 100 MiB: {met(peak, 100)}")


def met(value: float, bound: float) -> str:
    return "met" if value <= bound else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheets", type=int, default=COUNTIES)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--timed", type=Path, help=argparse.SUPPRESS)  # the measured run (see timed)
    args = parser.parse_args()
    if args.timed:
        timed(args.timed, args.workers)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the processes started below inherit this environment
        os.environ.update(PYTHONPYCACHEPREFIX=str(folder / "pycache"), DRAFTER_CACHE=str(folder / "cache"))
        sheets = folder / "sheets"
        (sheets / "out").mkdir(parents=True)
        generate(sheets, args.sheets)
        warm = folder / "warm"
        warm.mkdir()
        for sheet in sorted(sheets.glob("*.yaml"))[:10]:
            (warm / sheet.name).write_bytes(sheet.read_bytes())
        build_many(sorted(warm.glob("*.yaml")), warm, workers=args.workers)  # untimed: bytecode and caches written
        command = [sys.executable, __file__, "--timed", str(sheets)]
        subprocess.run(command + (["--workers", str(args.workers)] if args.workers else []), check=True)


if __name__ == "__main__":
    main()
