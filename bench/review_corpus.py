"""Review the clean corpus (tests/corpus): false findings per 1,000 characters and the time it takes."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.lint import usage_rules  # noqa: E402
from tests.test_review_corpus import corpus_findings  # noqa: E402


def main() -> None:
    usage_rules()
    corpus_findings()  # warm: the segmenter's dictionary loads once
    times = []
    for _ in range(5):
        start = time.perf_counter()
        characters, found = corpus_findings()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"干净语料 {characters} 字：误报 {len(found)} 条，每千字 {len(found) / characters * 1000:.3f} 条")
    print(f"审查耗时（中位数）{median * 1000:.0f} ms，每千字 {median / characters * 1e6:.1f} ms")
    for line in found:
        print("  " + line)


if __name__ == "__main__":
    main()
