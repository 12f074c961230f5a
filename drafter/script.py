"""简/繁 script: detection and conversion, as a transform over the document model.

Conversion touches the words of the report only, never font names or style ids (the
writer adds those after this transform, so 黑体 can never become 黑體). Identifiers in the
model (``kind``, ``style``) are ASCII and pass through unchanged. A short list of protected
terms (``data/protected-terms.txt``: names OpenCC would "correct", such as 范县 → 範縣)
takes the form the list gives instead.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Literal

from .text import HAN, compiled

Script = Literal["simplified", "traditional", "hk", "tw"]
SCRIPTS: dict[str, str] = {"traditional": "s2t", "hk": "s2hk", "tw": "s2tw"}
"""Output scripts and the OpenCC conversion that produces each from simplified text."""

_HAN = f"[{HAN}]"  # compiled at the first conversion
_PLACEHOLDER_BASE = 0xF0000  # supplementary private use area: never in real text


@lru_cache(maxsize=None)
def _converter(config: str) -> Callable[[str], str]:
    from opencc import OpenCC  # imported on first use: most commands never convert

    return OpenCC(config).convert


# OpenCC converts the pieces between its separators independently (``OpenCC.split_chars_re``:
# white space and Chinese punctuation), so a text is converted clause by clause at these marks,
# each a separator of OpenCC's, and each clause once per process: the pure-Python conversion
# costs some 6 µs a character, and a batch's sheets repeat most of their clauses.
_CLAUSE_END = re.compile(r"([\s，。、；：？！])")


@lru_cache(maxsize=20_000)
def _convert_clause(clause: str, config: str) -> str:
    return _converter(config)(clause)


def _convert(text: str, config: str) -> str:
    """``OpenCC(config).convert(text)``, clause by clause through the cache."""
    return "".join(_convert_clause(piece, config) if n % 2 == 0 else piece
                   for n, piece in enumerate(_CLAUSE_END.split(text)))


@lru_cache(maxsize=1)
def protected_terms() -> tuple[tuple[str, str], ...]:
    """(simplified, traditional) pairs from ``data/protected-terms.txt``."""
    text = resources.files("drafter").joinpath("data/protected-terms.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        words = line.split("#")[0].split()
        if words:
            pairs.append((words[0], words[-1]))
    return tuple(pairs)


def convert_text(text: str, config: str) -> str:
    """Convert one string with OpenCC ``config`` (s2t, t2s, …); protected terms take the
    form the list gives for the target script instead."""
    if not compiled(_HAN).search(text):
        return text
    to_simplified = config.endswith("2s")
    table = {(t if to_simplified else s): (s if to_simplified else t) for s, t in protected_terms()}
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(table[match.group()])
        return chr(_PLACEHOLDER_BASE + len(kept) - 1)

    pattern = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
    hidden = re.sub(pattern, hide, text) if pattern else text
    converted = _convert(hidden, config)
    return re.sub("[\U000f0000-\U000fffff]", lambda m: kept[ord(m.group()) - _PLACEHOLDER_BASE], converted)


def traditional_share(text: str) -> float:
    """Share of Han characters that simplified-script conversion would change."""
    han = compiled(_HAN).findall(text)
    if not han:
        return 0.0
    simplified = _converter("t2s")("".join(han))
    return sum(a != b for a, b in zip(han, simplified)) / len(han)


def is_traditional(text: str) -> bool:
    """Traditional script? Simplified text has almost no characters t2s would change;
    traditional has one in five or more, so 5 % separates them with room to spare."""
    return traditional_share(text) > 0.05


def map_text(node: Any, convert: Callable[[str], str]) -> Any:
    """A copy of a model node (dataclasses, lists, strings) with every string converted."""
    if isinstance(node, str):
        return convert(node)
    if isinstance(node, list):
        return [map_text(item, convert) for item in node]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {f.name: map_text(getattr(node, f.name), convert) for f in dataclasses.fields(node)}
        return dataclasses.replace(node, **changes)
    return node


def convert_script(doc: Any, script: Script, forms: dict[str, str] | None = None) -> Any:
    """The document in another script, then the locality's own character forms applied
    (``forms``: 範 → 范 where its website writes 規范); ``simplified`` leaves it as written."""
    if script == "simplified":
        return doc
    config = SCRIPTS[script]
    table = str.maketrans(forms or {})
    return map_text(doc, lambda text: convert_text(text, config).translate(table))


def learn_forms(original: str, simplified: str) -> tuple[Script, dict[str, str]]:
    """Which traditional variant a report was written in, and the characters where it
    departs from that variant's conversion (kept when the source is consistent about them),
    so that converting its simplified sheet back reproduces the source's own usage."""
    best: tuple[int, Script, dict[str, str]] | None = None
    han = compiled(_HAN)
    for script, config in SCRIPTS.items():
        back = convert_text(simplified, config)
        if len(back) != len(original):
            continue
        pairs: dict[str, Counter[str]] = {}
        for ours, theirs in zip(back, original):
            if han.match(ours):
                pairs.setdefault(ours, Counter())[theirs] += 1
        differences = sum(sum(c.values()) - c[ours] for ours, c in pairs.items())
        forms = {}
        for ours, counts in pairs.items():
            theirs, count = counts.most_common(1)[0]
            if theirs != ours and count * 3 >= sum(counts.values()) * 2:
                forms[ours] = theirs
        if best is None or differences < best[0]:
            best = (differences, script, forms)  # type: ignore[assignment]
    return (best[1], best[2]) if best else ("traditional", {})
