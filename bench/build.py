"""Benchmark: how long ``drafter build`` takes on the complete example (prints figures, asserts nothing).

    python bench/build.py [--runs 7]

Prints the median of several runs of the whole command (a new process each time, as a clerk
runs it) and of the in-process pipeline split by stage.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "boleshi-2023.yaml"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    from drafter.pipeline import pack_for
    from drafter.readers.sheet import read_sheet
    from drafter.render import render
    from drafter.writers.docx import write_docx

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        command = [sys.executable, "-m", "drafter", "build", str(EXAMPLE), "-o", str(out)]
        whole = [timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(runs)]
    sheet = read_sheet(EXAMPLE)
    pack = pack_for(sheet, EXAMPLE)
    document = render(sheet, pack)
    stages = {
        "read sheet": [timed(lambda: read_sheet(EXAMPLE)) for _ in range(runs)],
        "render + transforms": [timed(lambda: render(sheet, pack)) for _ in range(runs)],
        "write docx": [timed(lambda: write_docx(document)) for _ in range(runs)],
    }
    print(f"drafter build {EXAMPLE.name} ({runs} runs)")
    print(f"  whole command (new process): median {statistics.median(whole) * 1000:7.1f} ms")
    for name, times in stages.items():
        print(f"  {name:<27} median {statistics.median(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
