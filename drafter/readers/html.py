"""Read a report from a saved web page: the article extracted, the site around it dropped.

Government sites wrap a report in navigation, breadcrumbs, font-size and share buttons,
【打印】【关闭】 links, related links and a footer of 主办单位 and 备案号. trafilatura, a
maintained main-text extractor, keeps the article's paragraphs; the page's article title
(which sits outside the text block on most sites) is put back on top when the text lacks it,
and tables come back as tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem, ReportError
from .structure import Line
from .txt import MAX_BYTES

_TABLE_ROW = re.compile(r"^\|(.*)\|$")  # how trafilatura writes a table row: "| 复议案件 | 31 | 28 |"
_TOOLS = ("打印", "关闭", "分享到", "字体：", "字号：", "【大", "浏览次数", "相关链接")


def html_lines(path: Path) -> list[Line]:
    """The paragraphs of the page's main text as lines."""
    import trafilatura  # imported on use: only web-page import needs it

    if path.stat().st_size > MAX_BYTES * 4:
        raise ReportError(Problem(f"网页文件超过 {MAX_BYTES * 4 // 1024 // 1024} MB，不像一份报告，请检查", path))
    data = path.read_bytes()
    document = trafilatura.bare_extraction(data, include_tables=True, include_comments=False, with_metadata=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise ReportError(Problem("网页中没有找到正文（可能是目录页或需要脚本才能显示的页面）；"
                                  "请在浏览器中打开，复制正文存为 .txt 后再导入", path))
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    paragraphs = [p for p in paragraphs if not (len(p) <= 30 and any(word in p for word in _TOOLS))]
    title = (getattr(document, "title", "") or "").strip()
    if title and paragraphs and title not in paragraphs[:3]:
        paragraphs.insert(0, title)
    lines: list[Line] = []
    for number, text in enumerate(paragraphs, start=1):
        row = _TABLE_ROW.match(text)
        if row is None:
            lines.append(Line(text, number))
            continue
        cells = [cell.strip() for cell in row.group(1).split("|")]
        if lines and lines[-1].cells is not None:
            lines[-1].cells.append(cells)  # type: ignore[union-attr]
        else:
            lines.append(Line("", number, cells=[cells]))
    return lines
