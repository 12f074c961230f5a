"""A shortcut in python-docx's element insertion, with the same result.

python-docx places every new child at its schema position: ``insert_element_before(child,
*successors)`` asks ``first_child_found_in(*successors)`` for the first existing child among
the tags that must follow it — one ``find`` per tag, some forty for a run's properties. Most
elements a draft creates are new and still empty (a run's ``w:rPr`` getting its ``w:rStyle``,
``w:rFonts``, ``w:lang``), where every one of those searches must fail; answering "none" at
once for an element without children is the same answer and took a third of the writer's
time. Elements with children go through python-docx's own code unchanged.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.xmlchemy import BaseOxmlElement

_own = BaseOxmlElement.first_child_found_in


def _first_child_found_in(self: BaseOxmlElement, *tagnames: str) -> Any:
    return None if len(self) == 0 else _own(self, *tagnames)


def install() -> None:
    """Put the shortcut in place (idempotent)."""
    BaseOxmlElement.first_child_found_in = _first_child_found_in  # type: ignore[method-assign]
