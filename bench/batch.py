"""Benchmark: every county of China in one batch (prints figures and targets, asserts nothing).

    python bench/batch.py [--sheets 2844] [--workers N]

2,844 is the number of county-level divisions. The sheets are the five seed sheets and the
shipped examples, each copied under another region's name, a tenth of them set to print in
traditional script, as a province collecting its counties' reports would have them. Each
sheet is built and checked, as ``drafter build FOLDER`` does.

Targets (speed issue): ≤ 30 s wall on 2 cores, ≤ 20 ms CPU a sheet, ≤ 100 MiB per worker,
the first result within a second.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from drafter.batch import build_many

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORES = os.cpu_count() or 1


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheets", type=int, default=2844)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        sheets = generate(folder, args.sheets)
        first: list[float] = []
        start = time.perf_counter()
        outcomes = build_many(sheets, folder / "out", workers=args.workers,
                              done=lambda _: first or first.append(time.perf_counter() - start))
        elapsed = time.perf_counter() - start
    built = sum(o.status == "built" for o in outcomes)
    print(f"batch build of {args.sheets} sheets ({built} built, a tenth traditional), build + check each, "
          f"{args.workers or CORES} workers on {CORES} cores")
    print(f"  wall: {elapsed:6.1f} s  ({args.sheets / elapsed:5.1f} sheets/s)   target ≤ 30 s: "
          f"{'met' if elapsed <= 30 else 'NOT met'}")
    print(f"  first result after {first[0]:.2f} s   target ≤ 1 s: {'met' if first[0] <= 1 else 'NOT met'}")
    usage = _children_usage()
    if usage is None:
        print("  CPU and memory of the workers: not measured on this platform")
        return
    cpu, peak = usage
    per_sheet = cpu / args.sheets * 1000
    print(f"  CPU: {cpu:6.1f} s in workers = {per_sheet:5.1f} ms a sheet   target ≤ 20 ms: "
          f"{'met' if per_sheet <= 20 else 'NOT met'}")
    print(f"  peak memory of a worker: {peak:5.0f} MiB   target ≤ 100 MiB: {'met' if peak <= 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
