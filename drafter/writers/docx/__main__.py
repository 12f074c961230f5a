"""``python -m drafter.writers.docx``: regenerate the shipped reference documents after a change
to :mod:`drafter.style` (a test fails while a shipped one is stale)."""

from ...style import GB9704, SCRIPT_LANGS
from .package import reference_docx, shipped_reference

for _script in SCRIPT_LANGS:
    shipped_reference(GB9704.for_script(_script)).write_bytes(reference_docx(GB9704.for_script(_script)))  # type: ignore[union-attr]
