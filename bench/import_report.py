"""Benchmark: how long ``drafter import`` takes on each seed report (prints figures, asserts nothing).

    python bench/import_report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from drafter.readers.report import read_report
from drafter.importer import to_sheet

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    to_sheet(read_report(SEEDS[0]), "warm-up")  # first use loads OpenCC's dictionaries
    print(f"import of each seed, in-process ({runs} runs, after one warm-up)")
    for seed in SEEDS:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            to_sheet(read_report(seed), seed.name)
            times.append(time.perf_counter() - start)
        size = seed.stat().st_size // 1024
        print(f"  {seed.name}  {size:3d} KB  median {statistics.median(times) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
