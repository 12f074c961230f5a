"""Reading a template's output is linear in its length: a heading no longer rescans the body."""

from __future__ import annotations

import pytest

from drafter import markup
from drafter.errors import TemplateError
from drafter.model import Document


def outline(parts: int) -> str:
    return "\n".join(f"::h1 部分{n}\n::h2 节{n}\n正文{n}\n::h3 小节{n}\n::h4 细目{n}\n正文" for n in range(parts))


def test_headings_do_not_rescan_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """The level check asks only for the last heading: reading 4,000 headings never lists all
    headings so far (which made 100× a report cost 10,000× the scans)."""
    calls = []
    original = Document.headings
    monkeypatch.setattr(Document, "headings", lambda self: calls.append(1) or original(self))
    doc = markup.parse_markup(outline(1000))
    assert calls == []
    assert [h.level for h in original(doc)][:5] == [1, 2, 3, 4, 1] and len(original(doc)) == 4000


@pytest.mark.parametrize(("text", "message"), [
    ("::h2 跳级", "2级标题不能作为第一个标题"),
    ("::h1 一\n::h3 跳级", "3级标题不能跟在1级标题之后"),
    ("::h1 一\n::h2 二\n::h3 三\n::h4 四\n::h5 五", "5级标题不能跟在4级标题之后"),
])
def test_heading_levels_are_still_checked(text: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        markup.parse_markup(text)
