"""What a finished report says about itself: the locality it is from and the year it reports on.

Import fills ``meta.region`` and ``meta.year`` from these, and check of a report takes the year
its dates and figures are measured against; both read them the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .model import Document
from .script import convert_text
from .text import HAN, YEAR_OF_REPORT
from .writers.text import block_lines

# A place name starts after punctuation or one of the words that run into it from the left
# ("，博乐市", "2022年舟曲县", "在开原市"), and ends in an administrative suffix.
_PLACE = re.compile(
    rf"(?:^|(?<![{HAN}])|(?<=[年在对向从于为以由经按据将把和与及推全本该各其]))"
    rf"(?![年在对向从于为以由经按据将把和与及推全本该各其])[{HAN}]{{2,8}}?(?:自治州|自治县|自治旗|地区|盟|市|县|旗|区)"
)
_NOT_A_PLACE = re.compile(
    r"[的个治两几了是我]|自治区|地区$|保护区|开发区|示范区|新区|园区|社区|城区|辖区|景区|市区|县区|片区|试验区|实验区|城市|都市"
)
# In running text a place is taken only where an institution or the subject follows it
# ("博乐市党委", "舟曲县法治政府建设工作要点"): a bare "……县" is too often not a name.
_INSTITUTION_AFTER = re.compile(r"党委|政府|人民政府|委员会|人大|政协|法治|依法治|司法局|各级|各部门|上下")


def _places(text: str, institution_after: bool = False) -> list[str]:
    simplified = convert_text(text, "t2s")
    found = []
    for match in _PLACE.finditer(simplified):
        place = match.group()
        if _NOT_A_PLACE.search(re.sub("自治[州县旗]$", "", place)):  # "治" rules out 法治…, not 自治州
            continue
        if institution_after and not _INSTITUTION_AFTER.match(simplified, match.end()):
            continue
        found.append(place)
    return found


def guess_region(doc: Document) -> str | None:
    """The locality: from the title, the byline, else the place the text names most often."""
    for line in [*doc.title, doc.byline]:
        named = _places(line)
        if named:
            return named[0]
    counts = Counter(place for text in _texts(doc) for place in _places(text, institution_after=True))
    return counts.most_common(1)[0][0] if counts else None


def _texts(doc: Document) -> list[str]:
    """Every paragraph of the body as it reads, for guessing region and year."""
    return [line for block in doc.body for line in block_lines(block)]


def guess_year(doc: Document) -> int | None:
    """The reported year: from the title, else the year the text names most often
    (not later than the date of the report, if it has one)."""
    for line in doc.title:
        match = YEAR_OF_REPORT.search(line)
        if match:
            return int(match.group(1))
    latest = int(doc.date[:4]) if doc.date[:4].isdigit() else dt.date.today().year
    years = Counter(int(y) for t in _texts(doc) for y in YEAR_OF_REPORT.findall(t) if int(y) <= latest)
    return years.most_common(1)[0][0] if years else None


