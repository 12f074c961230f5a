"""Benchmark against what a clerk's office would otherwise use, plus start-up and scaling.

    python bench/compare.py [--runs 7]

Prints figures, asserts nothing. Needs docxtpl (``pip install docxtpl``) and pandoc (Debian
``pandoc``) for the comparisons; a missing one is reported and skipped.

- drafter vs docxtpl: the same content (the complete example) rendered in-process, drafter
  from its fact sheet, docxtpl from a .docx template filled with the same words;
- drafter vs pandoc: the same content as a new process, pandoc from Markdown with drafter's
  own draft as the reference .docx (so both carry the same styles);
- start-up: ``drafter --help`` and where its import time goes;
- scaling: building 1×, 10× and 100× the largest seed sheet.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from drafter.build import build
from drafter.readers.sheet import read_sheet
from drafter.render import render
from drafter.sheet import Sheet
from drafter.writers.docx import write_docx
from drafter.writers.markdown import write_markdown
from drafter.writers.text import block_lines

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "boleshi-2023.yaml"
LARGEST_SEED = ROOT / "examples" / "seeds" / "002_e14bf61c85165b7f.yaml"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def docxtpl_template(folder: Path) -> Path:
    """A .docx template as a clerk would keep one: title, then each paragraph from a loop."""
    import docx

    template = docx.Document()
    template.add_paragraph("{{ title }}", style="Title")
    template.add_paragraph("{%p for block in blocks %}")
    template.add_paragraph("{{ block }}")
    template.add_paragraph("{%p endfor %}")
    template.add_paragraph("{{ issuer }}")
    template.add_paragraph("{{ date }}")
    path = folder / "template.docx"
    template.save(path)
    return path


def compare_docxtpl(folder: Path, runs: int, ours: float) -> None:
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        print("  docxtpl: not installed (pip install docxtpl), skipped")
        return
    document = render(read_sheet(EXAMPLE))
    context = {
        "title": "".join(document.title),
        "blocks": [line for block in document.body for line in block_lines(block)],
        "issuer": document.issuer,
        "date": document.date,
    }
    template = docxtpl_template(folder)

    def fill() -> None:
        page = DocxTemplate(str(template))
        page.render(context)
        page.save(str(folder / "docxtpl.docx"))

    theirs = median_seconds(fill, runs)
    print(f"  docxtpl, same words into a .docx template:   {theirs * 1000:7.1f} ms")
    print(f"  ratio drafter / docxtpl: {ours / theirs:.2f} (below 1: drafter is faster)")


def compare_pandoc(folder: Path, runs: int) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("  pandoc: not installed (Debian package pandoc), skipped")
        return
    reference = folder / "reference.docx"
    build(EXAMPLE, reference)
    markdown = folder / "report.md"
    markdown.write_text(write_markdown(render(read_sheet(EXAMPLE))), encoding="utf-8")
    theirs = median_seconds(lambda: subprocess.run(
        [pandoc, str(markdown), "-o", str(folder / "pandoc.docx"), f"--reference-doc={reference}"], check=True), runs)
    ours = median_seconds(lambda: subprocess.run(
        [sys.executable, "-m", "drafter", "build", str(EXAMPLE), "-o", str(folder / "cli.docx")], check=True,
        capture_output=True), runs)
    print(f"  drafter build (new process):                 {ours * 1000:7.1f} ms")
    print(f"  pandoc Markdown → .docx (new process):       {theirs * 1000:7.1f} ms")
    print(f"  ratio drafter / pandoc: {ours / theirs:.2f}")


def startup(runs: int) -> None:
    help_time = median_seconds(lambda: subprocess.run([sys.executable, "-m", "drafter", "--help"], check=True,
                                                      capture_output=True), runs)
    print(f"  drafter --help: median {help_time * 1000:.1f} ms")
    report = subprocess.run([sys.executable, "-X", "importtime", "-c", "import drafter.cli"], capture_output=True,
                            text=True).stderr
    rows = []
    for line in report.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(3)) <= 2:  # top-level and first-level imports
            rows.append((int(match.group(2)), match.group(4)))
    print("  import time of `import drafter.cli` (cumulative, largest first):")
    for micros, name in sorted(rows, reverse=True)[:6]:
        print(f"    {micros / 1000:7.1f} ms  {name}")


def scaled(sheet: Sheet, factor: int) -> Sheet:
    """The sheet with every part's sections (or text) repeated ``factor`` times."""
    data = sheet.model_dump()
    for part in data["parts"]:
        sections, text = part["sections"], part["text"]
        part["sections"] = [dict(copy.deepcopy(s), title=f"{s['title']}（{n + 1}）") for n in range(factor)
                            for s in sections]
        part["text"] = text * factor
    return Sheet.model_validate(data)


def scaling(runs: int) -> None:
    base = read_sheet(LARGEST_SEED)
    print(f"  scaling (in-process render + write .docx, largest seed {LARGEST_SEED.name}):")
    for factor in (1, 10, 100):
        sheet = scaled(base, factor)
        document = render(sheet)
        characters = sum(len(line) for block in document.body for line in block_lines(block))
        seconds = median_seconds(lambda sheet=sheet: write_docx(render(sheet)), max(1, runs if factor < 100 else 3))
        print(f"    {factor:4d}×  {characters:8,d} characters  {seconds * 1000:9.1f} ms"
              f"  ({seconds / factor * 1000:6.1f} ms per 1× of content)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours = median_seconds(lambda: build(EXAMPLE, folder / "drafter.docx"), runs)
        print(f"same content: {EXAMPLE.name} ({runs} runs each, medians)")
        print(f"  drafter, fact sheet → .docx (in-process):     {ours * 1000:7.1f} ms")
        compare_docxtpl(folder, runs, ours)
        compare_pandoc(folder, runs)
    print("start-up")
    startup(runs)
    print("scaling")
    scaling(runs)


if __name__ == "__main__":
    main()
