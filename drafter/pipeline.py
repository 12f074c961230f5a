"""The pipeline every command shares: a sheet file → its pack → the rendered, transformed draft.

``build``, ``check``, ``preview``, ``publish``, ``compare`` and the page check all start from
:func:`draft`; the commands themselves (build.py, review.py …) only add their own jobs on
top, so they never import one another for it. The pack is chosen here once, relative to the
sheet (:func:`pack_for`), and :func:`drafter.render.render` only ever receives a resolved one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .files import safe_filename
from .model import Document, Heading
from .readers.sheet import fill_previous, read_sheet
from .render import TRANSFORMS, Transform, render
from .script import Script
from .sheet import Sheet
from .style import GB9704
from .templating import Pack, resolve_pack
from .text import UNFINISHED
from .writers.text import block_lines, write_text


@dataclass(frozen=True)
class Draft:
    """A rendered report and the facts a clerk wants to hear about it."""

    sheet: Sheet
    document: Document
    pack: Pack

    def docx(self, stamped: bool = False) -> bytes:
        """The .docx of this draft as ``build`` writes it: in the sheet's script, on the pack's own
        reference document if it brings one; ``stamped`` with the digest of a finished build."""
        from .writers.docx import pack_reference, write_docx  # loaded by the commands that write Word files

        return write_docx(self.document, GB9704.for_script(self.sheet.meta.script), pack_reference(self.pack.folder),
                          stamped=stamped)

    @property
    def title(self) -> str:
        return "".join(self.document.title)

    @property
    def parts(self) -> int:
        return sum(1 for h in self.document.headings() if h.level == 1)

    @property
    def characters(self) -> int:
        """Characters of text, as a 字数 count: no spaces or line breaks."""
        return sum(1 for ch in write_text(self.document) if not ch.isspace())

    @property
    def unfinished(self) -> list[tuple[str, str]]:
        """Each “（请填写……）” and 【待……】 mark still in the draft, with the heading number
        it prints under (“开头” before the first heading, “落款” after the body)."""
        doc = self.document
        found: list[tuple[str, str]] = []

        def scan(place: str, lines: list[str]) -> None:
            found.extend((place, m.group()) for line in lines if line for m in UNFINISHED.finditer(line))

        scan("开头", [*doc.title, doc.byline, doc.addressee])
        place = "开头"
        for block in doc.body:
            if isinstance(block, Heading):
                place = block.label
            scan(place, block_lines(block))
        scan("落款", [doc.issuer, doc.date, *doc.closing])
        return found


def pack_for(sheet: Sheet, sheet_path: Path | None = None, override: str | Path | None = None) -> Pack:
    """The resolved pack: the command's ``-t``, else the sheet's ``meta.template``. A folder named
    there is found relative to the sheet read from ``sheet_path``, so a locality keeps both side by
    side; a sheet that was never a file (a probe, a test) names a built-in pack or a folder as given."""
    if override is not None:
        return resolve_pack(override)
    chosen = sheet.meta.template
    if chosen and sheet_path is not None and (sheet_path.parent / chosen).is_dir():
        return resolve_pack(str(sheet_path.parent / chosen))
    return resolve_pack(chosen)


def draft(sheet_path: Path, template: str | None = None, script: Script | None = None,
          formal: bool = False, transforms: tuple[tuple[str, Transform], ...] = TRANSFORMS) -> Draft:
    """Read and render a sheet (no file written): what ``check``, ``build`` and the previews share.
    ``script`` overrides the sheet's own ``meta.script``; ``formal`` asks for the formal copy
    whatever ``meta.form`` says; ``transforms`` as :func:`~drafter.render.render` takes them."""
    sheet = fill_previous(read_sheet(sheet_path), sheet_path)
    update = {key: value for key, value in (("form", "formal" if formal else None), ("script", script)) if value}
    if update:
        sheet = sheet.model_copy(update={"meta": sheet.meta.model_copy(update=update)})
    pack = pack_for(sheet, sheet_path, template)
    return Draft(sheet, render(sheet, pack, sheet_path, transforms), pack)


def default_name(result: Draft) -> str:
    """``博乐市2023年法治政府建设情况报告.docx`` (region and year when the draft has no title)."""
    meta = result.sheet.meta
    return safe_filename(result.title or f"{meta.region}{meta.year}年法治政府建设情况报告", ".docx")
