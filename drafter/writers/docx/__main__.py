"""``python -m drafter.writers.docx``: regenerate the shipped reference documents after a change
to :mod:`drafter.style` (a test fails while a shipped one is stale)."""

from ...style import GB9704, SCRIPT_LANGS
from .package import reference_docx, shipped_reference

for _house in {GB9704.for_script(script) for script in SCRIPT_LANGS}:  # "traditional" and "tw" share one
    shipped_reference(_house).write_bytes(reference_docx(_house))  # type: ignore[union-attr]
