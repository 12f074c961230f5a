"""Benchmark drafter against what an office would otherwise use, like for like.

    python bench/compare.py [--runs 9]

Prints figures and ratios against the targets, asserts nothing. Needs docxtpl
(``pip install docxtpl``) and pandoc (Debian ``pandoc``); a missing one is reported and skipped.

Fairness rules, each enforced below rather than assumed:
- **Same content.** Every peer writes the words of drafter's own draft of the complete example:
  docxtpl from a template cut from drafter's draft (same styles, page and footers; title,
  addressee, every paragraph with its role, the table as a real table, signature, closing
  line), pandoc from drafter's Markdown with drafter's draft as its reference .docx. Each
  output's text is extracted with python-docx and compared with drafter's before any time
  is reported; a peer whose text differs is labelled so.
- **Paired and alternated.** Each round runs every contender once, in a rotating order, and
  ratios are medians of the per-round ratios, so a noisy moment hurts all alike.
- **New processes first** (what a clerk waits for), in-process second (the work itself).
- The import-time breakdown is that of the command actually timed.
- **As installed.** drafter runs as ``python -m drafter`` from this checkout, with its modules'
  bytecode cached (a temporary ``PYTHONPYCACHEPREFIX``, as pip's install leaves .pyc files) and
  its own cache folder warmed by one untimed run, as on a clerk's second build. The bare
  interpreter's start is shown too: no Python program starts faster than it.

Every target ends in one table: its figure, its ratio and whether it is met, with the core count.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

import docx
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from drafter.build import build
from drafter.pipeline import draft, pack_for
from drafter.readers.sheet import read_sheet
from drafter.render import render
from drafter.sheet import Sheet
from drafter.writers.docx import write_docx
from drafter.writers.markdown import write_markdown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "boleshi-2023.yaml"
LARGEST_SEED = ROOT / "examples" / "seeds" / "002_e14bf61c85165b7f.yaml"
CORES = os.cpu_count() or 1
RESULTS: list[tuple[str, str, float, float]] = []
"""Each target as measured: (what, figure, ratio or spread, the target's bound)."""


def target(name: str, figure: str, value: float, bound: float) -> str:
    """Record a target's result; the words that say whether it is met."""
    RESULTS.append((name, figure, value, bound))
    return f"target ≤ {bound:.2f}: {'met' if value <= bound else 'NOT met'}"


def drafter_command() -> list[str]:
    """drafter from this checkout (a ``drafter`` on PATH may be another installation)."""
    return [sys.executable, "-m", "drafter"]


def installed_environment(folder: Path) -> dict[str, str]:
    """The environment of a clerk's installation: bytecode cached (pip writes .pyc files; a
    development shell often sets PYTHONDONTWRITEBYTECODE), this checkout's drafter, and a
    cache folder of its own for drafter (warmed by the first, untimed run)."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(PYTHONPYCACHEPREFIX=str(folder / "pycache"), DRAFTER_CACHE=str(folder / "cache"),
                       PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return environment


ENVIRONMENT: dict[str, str] = dict(os.environ)


# --- what a .docx says, read back with python-docx -----------------------------------------

def blocks_of(document: DocxDocument) -> list[str | list[list[str]]]:
    """Body paragraphs (non-empty) and tables, in order: the content a reader sees."""
    blocks: list[str | list[list[str]]] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = DocxParagraph(child, document).text.strip()
            if text:
                blocks.append(text)
        elif child.tag.endswith("}tbl"):
            blocks.append([[cell.text.strip() for cell in row.cells] for row in DocxTable(child, document).rows])
    return blocks


def characters(blocks: list[str | list[list[str]]]) -> Counter[str]:
    text = "".join(b if isinstance(b, str) else "".join("".join(row) for row in b) for b in blocks)
    return Counter(ch for ch in text if not ch.isspace())


def verdict(ours: list[str | list[list[str]]], theirs: list[str | list[list[str]]]) -> str:
    if ours == theirs:
        return "same paragraphs and table, verified"
    if characters(ours) == characters(theirs):
        return "same characters, verified (paragraphing differs)"
    missing = sum((characters(ours) - characters(theirs)).values())
    extra = sum((characters(theirs) - characters(ours)).values())
    return f"NOT THE SAME CONTENT: {missing} characters missing, {extra} extra"


# --- the docxtpl contender: a template cut from drafter's own draft ------------------------

def docxtpl_template(draft_path: Path, folder: Path) -> tuple[Path, dict[str, object]]:
    """A template with drafter's styles, page and footers, and the context that fills it
    with the draft's words: each paragraph keeps its style and its two runs (a run-in
    heading's sentence and body), each table is a real table filled row by row."""
    source = docx.Document(str(draft_path))
    segments: list[list[dict[str, str]]] = [[]]
    tables: list[list[list[str]]] = []
    table_styles = []
    styles: dict[str, str] = {}  # paragraph style → character style of its second run
    for child in source.element.body.iterchildren():
        if child.tag.endswith("}tbl"):
            original = DocxTable(child, source)
            tables.append([[c.text for c in row.cells] for row in original.rows])
            table_styles.append(original.style)
            segments.append([])
        elif child.tag.endswith("}p"):
            paragraph = DocxParagraph(child, source)
            runs = paragraph.runs
            style = paragraph.style.name
            styles.setdefault(style, runs[1].style.name if len(runs) > 1 and runs[1].style else "")
            segments[-1].append({"style": style, "lead": runs[0].text if runs else "",
                                 "rest": "".join(r.text for r in runs[1:])})
    body = source.element.body
    for child in list(body.iterchildren()):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    for index, _segment in enumerate(segments):
        source.add_paragraph(f"{{%p for p in segment{index} %}}")
        for style, rest_style in styles.items():
            source.add_paragraph(f'{{%p if p.style == "{style}" %}}')
            paragraph = source.add_paragraph(style=style)
            paragraph.add_run("{{ p.lead }}")
            paragraph.add_run("{{ p.rest }}", style=rest_style or None)
            source.add_paragraph("{%p endif %}")
        source.add_paragraph("{%p endfor %}")
        if index < len(tables):
            header, columns = tables[index][0], len(tables[index][0])
            table = source.add_table(rows=4, cols=columns)
            table.style = table_styles[index]
            for column, text in enumerate(header):
                table.cell(0, column).text = text
            table.cell(1, 0).text = f"{{%tr for row in table{index} %}}"
            for column in range(columns):
                table.cell(2, column).text = f"{{{{ row[{column}] }}}}"
            table.cell(3, 0).text = "{%tr endfor %}"
    path = folder / "template.docx"
    source.save(str(path))
    context: dict[str, object] = {f"segment{i}": s for i, s in enumerate(segments)}
    context.update({f"table{i}": t[1:] for i, t in enumerate(tables)})
    return path, context


DOCXTPL_SCRIPT = """
import json, sys
from docxtpl import DocxTemplate
page = DocxTemplate(sys.argv[1])
page.render(json.load(open(sys.argv[2], encoding="utf-8")))
page.save(sys.argv[3])
"""


# --- timing ---------------------------------------------------------------------------------

def paired(contenders: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Seconds per run of each contender, run round by round in a rotating order."""
    names = list(contenders)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            contenders[name]()
            times[name].append(time.perf_counter() - start)
    return times


def report(times: dict[str, list[float]], base: str, targets: dict[str, float]) -> None:
    """Medians, and each contender's ratio to ``base`` as the median of the per-round ratios
    (``base`` / contender: how many times the contender's time drafter takes)."""
    for name, values in times.items():
        line = f"    {name:44s} {statistics.median(values) * 1000:8.1f} ms"
        if name != base:
            ratio = statistics.median(b / t for b, t in zip(times[base], values))
            line += f"   {base} / this = {ratio:.2f}×"
            if name in targets:
                figure = f"{statistics.median(times[base]) * 1000:.0f} ms vs {statistics.median(values) * 1000:.0f} ms"
                line += f"  ({target(f'{base} / {name}', figure, ratio, targets[name])})"
        print(line)


def run_quietly(command: list[str]) -> Callable[[], object]:
    return lambda: subprocess.run(command, check=True, capture_output=True, env=ENVIRONMENT)


def new_processes(folder: Path, runs: int) -> None:
    reference = folder / "drafter.docx"
    build(EXAMPLE, reference)
    ours = blocks_of(docx.Document(str(reference)))
    contenders: dict[str, Callable[[], object]] = {
        "drafter build": run_quietly([*drafter_command(), "build", str(EXAMPLE), "-o", str(folder / "cli.docx")]),
    }
    targets: dict[str, float] = {}
    pandoc = shutil.which("pandoc")
    if pandoc:
        markdown = folder / "report.md"
        markdown.write_text(write_markdown(render(sheet := read_sheet(EXAMPLE), pack_for(sheet))), encoding="utf-8")
        command = [pandoc, str(markdown), "-o", str(folder / "pandoc.docx"), f"--reference-doc={reference}"]
        subprocess.run(command, check=True)
        print(f"  pandoc (Markdown + drafter's draft as reference .docx): "
              f"{verdict(ours, blocks_of(docx.Document(str(folder / 'pandoc.docx'))))}")
        contenders["pandoc"] = run_quietly(command)
        targets["pandoc"] = 1.0
    else:
        print("  pandoc: not installed (Debian package pandoc), skipped")
    if importlib.util.find_spec("docxtpl") is None:
        print("  docxtpl: not installed (pip install docxtpl), skipped")
    else:
        template, context = docxtpl_template(reference, folder)
        data = folder / "context.json"
        data.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
        script = folder / "fill.py"
        script.write_text(DOCXTPL_SCRIPT, encoding="utf-8")
        command = [sys.executable, str(script), str(template), str(data), str(folder / "docxtpl.docx")]
        subprocess.run(command, check=True)
        print(f"  docxtpl (template cut from drafter's draft): "
              f"{verdict(ours, blocks_of(docx.Document(str(folder / 'docxtpl.docx'))))}")
        contenders["docxtpl"] = run_quietly(command)
        targets["docxtpl"] = 1.5
    floor = [sys.executable, "-c", f"import docx; docx.Document().save({str(folder / 'empty.docx')!r})"]
    contenders["python-docx: import, save an empty file"] = run_quietly(floor)
    contenders["python: start and stop (nothing imported)"] = run_quietly([sys.executable, "-c", "pass"])
    contenders["drafter build"]()  # untimed: bytecode and drafter's cache as after a first build
    print(f"  new processes ({runs} rounds, paired, rotating order, medians; {CORES} cores):")
    report(paired(contenders, runs), "drafter build", targets)


def commands(folder: Path, runs: int) -> None:
    """``check`` and ``preview --section`` against a build of the same seed-sized sheet."""
    sheet = str(LARGEST_SEED)
    contenders = {
        "drafter build": run_quietly([*drafter_command(), "build", sheet, "-o", str(folder / "seed.docx")]),
        "drafter check": lambda: subprocess.run([*drafter_command(), "check", sheet], capture_output=True,
                                                env=ENVIRONMENT),
        "drafter preview --section 1": run_quietly([*drafter_command(), "preview", sheet, "--section", "1"]),
    }
    print(f"  commands on {LARGEST_SEED.name} (new processes, {runs} rounds, paired; {CORES} cores):")
    times = paired(contenders, runs)
    for name, goal in (("drafter check", 1.2), ("drafter preview --section 1", 0.8)):
        ratio = statistics.median(t / b for t, b in zip(times[name], times["drafter build"]))
        figure = f"{statistics.median(times[name]) * 1000:.0f} ms vs build {statistics.median(times['drafter build']) * 1000:.0f} ms"
        print(f"    {name:30s} {statistics.median(times[name]) * 1000:8.1f} ms = {ratio:.2f}× a build"
              f"  ({target(f'{name} / drafter build', figure, ratio, goal)})")
    print(f"    {'drafter build':30s} {statistics.median(times['drafter build']) * 1000:8.1f} ms")


def in_process(folder: Path, runs: int) -> None:
    reference = folder / "drafter.docx"
    contenders: dict[str, Callable[[], object]] = {"drafter": lambda: build(EXAMPLE, folder / "in.docx")}
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        DocxTemplate = None  # noqa: N806 - reported above
    if DocxTemplate is not None:
        template, context = docxtpl_template(reference, folder)

        def fill() -> None:
            page = DocxTemplate(str(template))
            page.render(context)
            page.save(str(folder / "docxtpl-in.docx"))

        contenders["docxtpl"] = fill
    print(f"  in-process, modules loaded ({runs} rounds, paired):")
    report(paired(contenders, runs), "drafter", {})


def import_breakdown(folder: Path) -> None:
    command = [sys.executable, "-X", "importtime", "-m", "drafter", "build", str(EXAMPLE), "-o",
               str(folder / "importtime.docx")]
    stderr = subprocess.run(command, capture_output=True, text=True, env=ENVIRONMENT).stderr
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(3)) <= 2:  # top-level and first-level imports
            rows.append((int(match.group(2)), match.group(4)))
    print("  import time of `drafter build` (cumulative, largest first):")
    for micros, name in sorted(rows, reverse=True)[:8]:
        print(f"    {micros / 1000:7.1f} ms  {name}")


def scaled(sheet: Sheet, factor: int) -> Sheet:
    """The sheet with its whole body repeated ``factor`` times: the opening and closing paragraphs
    and every part, with its table, sections and items (numbered on: 五、六、…). Only the title,
    addressee and signature stay single, so ``factor``× the content is ``factor``× the blocks
    written but for those few lines."""
    data = sheet.model_dump()
    data["intro"], data["conclusion"] = data["intro"] * factor, data["conclusion"] * factor
    data["parts"] = [copy.deepcopy(part) for _ in range(factor) for part in data["parts"]]
    return Sheet.model_validate(data)


def scaling(runs: int) -> None:
    """Render and write 1×, 10× and 100× the example, round by round in a rotating order; each
    sample writes the same content, 100× the example (the 1× sheet 100 times, the 10× one 10
    times), so every figure is timed over the same work and a cold cache or a collection falls
    on all alike. Each factor is written once, untimed, first (templates compiled, caches filled)."""
    base = read_sheet(EXAMPLE)
    sheets = {factor: scaled(base, factor) for factor in (1, 10, 100)}

    def write(factor: int) -> None:
        write_docx(render(sheets[factor], pack_for(sheets[factor])))

    for factor in sheets:
        write(factor)
    samples: dict[int, list[float]] = {factor: [] for factor in sheets}
    factors = list(sheets)
    for round_ in range(runs):
        shift = round_ % len(factors)
        for factor in factors[shift:] + factors[:shift]:
            repeat = 100 // factor
            start = time.perf_counter()
            for _ in range(repeat):
                write(factor)
            samples[factor].append((time.perf_counter() - start) / repeat)
    print(f"  in-process render + write .docx of {EXAMPLE.name} repeated ({runs} rounds, rotating; "
          "target: within 20 % per 1×):")
    per_unit = []
    for factor, times in samples.items():
        seconds = statistics.median(times)
        per_unit.append(seconds / factor)
        print(f"    {factor:4d}×  {seconds * 1000:9.1f} ms  ({seconds / factor * 1000:6.2f} ms per 1× of content)")
    spread = max(per_unit) / min(per_unit) - 1
    figure = " / ".join(f"{ms * 1000:.2f}" for ms in per_unit) + " ms per 1×"
    print(f"    spread of ms per 1×: {spread:.0%} ({target('scaling spread 1×/10×/100×', figure, spread, 0.2)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    draft(EXAMPLE)  # fail early on a broken example, before any timing
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ENVIRONMENT.clear()  # not update alone: that would keep the PYTHONDONTWRITEBYTECODE it leaves out
        ENVIRONMENT.update(installed_environment(folder))
        kind = "a virtual environment, as the README installs it" if sys.prefix != sys.base_prefix else "no virtual environment"
        print(f"interpreter: {sys.executable} ({kind})")
        print(f"same content: {EXAMPLE.name}")
        new_processes(folder, runs)
        commands(folder, runs)
        in_process(folder, runs)
        import_breakdown(folder)
    print("scaling")
    scaling(runs)
    print(f"\ntargets ({CORES} cores; ratios are medians of paired rounds; batch targets: bench/batch.py)")
    for name, figure, value, bound in RESULTS:
        spread = name.startswith("scaling")
        shown, goal = (f"{value:.0%}", f"{bound:.0%}") if spread else (f"{value:.2f}×", f"{bound:.1f}×")
        print(f"  {name:44s} {shown:>7s}  target ≤ {goal:5s} {'met' if value <= bound else 'NOT met':8s} ({figure})")


if __name__ == "__main__":
    main()
