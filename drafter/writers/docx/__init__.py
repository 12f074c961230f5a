"""The Word writer: the document model as a GB/T 9704-2012 .docx.

:mod:`.body` lays out the blocks, :mod:`.styles` defines the styles and the page from
:mod:`drafter.style`, :mod:`.tables` sizes table columns, and :mod:`.package` holds the
reference document, the skeleton, the zip and the draft mark.
"""

from .body import CORE_PROPERTY_LIMIT, write_docx
from .package import DRAFT_MARK, REFERENCE, pack_reference, reference_docx, shipped_reference
from .tables import column_widths

__all__ = ["CORE_PROPERTY_LIMIT", "DRAFT_MARK", "REFERENCE", "column_widths", "pack_reference", "reference_docx",
           "shipped_reference", "write_docx"]
