"""Benchmark: batch build of a generated folder of sheets (prints figures, asserts nothing).

    python bench/batch.py [--sheets 300] [--workers N]

The sheets are the five seed sheets and the complete example, each copied many times under
another region's name, as a prefecture collecting its counties' reports would have them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from drafter.batch import build_many, build_one

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` sheets varied from the shipped ones: region renamed, so every draft differs."""
    sources = sorted((EXAMPLES / "seeds").glob("*.yaml")) + [EXAMPLES / "boleshi-2023.yaml"]
    sheets = []
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8").replace("# yaml-language-server", "# schema", 1)
        region = next(line for line in text.splitlines() if line.strip().startswith("region:")).split(":", 1)[1].strip()
        sheet = folder / f"{n:03d}-{source.stem[:3]}.yaml"
        sheet.write_text(text.replace(f"region: {region}", f"region: 第{n}县", 1), encoding="utf-8")
        sheets.append(sheet)
    return sheets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheets", type=int, default=300)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        sheets = generate(folder, args.sheets)
        start = time.perf_counter()
        build_one(sheets[-1], folder / "out", None, None)
        single = time.perf_counter() - start
        start = time.perf_counter()
        outcomes = build_many(sheets, folder / "out", workers=args.workers)
        elapsed = time.perf_counter() - start
    built = sum(o.status == "built" for o in outcomes)
    print(f"batch build of {args.sheets} sheets ({built} built), build + check each")
    print(f"  first sheet in-process (cold: loads the word segmenter): {single * 1000:7.1f} ms")
    print(f"  whole batch: {elapsed:6.1f} s  →  {args.sheets / elapsed:5.1f} sheets/s, "
          f"{elapsed / args.sheets * 1000:6.1f} ms per sheet (wall)")


if __name__ == "__main__":
    main()
