"""Benchmark: how long previewing one section takes (prints figures, asserts nothing).

    python bench/preview.py [--runs 7]

A clerk previews section by section while editing, so this must feel instant. Prints the
median in-process time (as ``--watch`` pays it on every save) and as a new process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from drafter.preview import preview

ROOT = Path(__file__).resolve().parent.parent
SHEETS = [ROOT / "examples" / "boleshi-2023.yaml", ROOT / "examples" / "seeds" / "002_e14bf61c85165b7f.yaml"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(f"preview of one section ({runs} runs)")
    for sheet in SHEETS:
        for fmt in ("text", "html"):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                preview(sheet, "1.3", fmt)
                times.append(time.perf_counter() - start)
            print(f"  {sheet.name:<28} --section 1.3 -f {fmt:<4}  in-process median {statistics.median(times) * 1000:6.1f} ms")
    command = [sys.executable, "-m", "drafter", "preview", str(SHEETS[0]), "--section", "1.3"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"  drafter preview … --section 1.3 (new process)  median {statistics.median(times) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
