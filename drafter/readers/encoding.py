"""Which encoding a text file is in, decided honestly: the text is read in the encoding that
yields plausible Chinese, or refused with the encoding it seems to be in — never mojibake.

Clerks' files come from Notepad (UTF-8, or UTF-16 when saved as "Unicode"), from older
mainland editors (GB18030/GBK) and from Taiwan and Hong Kong (Big5). GB18030 decodes almost
any byte sequence, so a Big5 file read as GB18030 gives wrong characters without any error
(“臺北縣” becomes “籓郡”). A decoding is therefore accepted only if most of its Chinese
characters are common ones: the first level of GB2312 (the 3,755 commonest simplified
characters) or Big5's 常用字 (5,401 commonest traditional ones). Real reports score 0.95–1.0;
a Big5 report read as GB18030 scores 0.3–0.7 (measured on the seed reports, 40 to 3,000
characters, simplified and traditional).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..text import CJK_PUNCTUATION, FULL_WIDTH, HAN_SUPPLEMENTARY, HAN_WIDE, compiled

PLAUSIBLE = 0.85  # share of common characters a decoding needs (real text ≥ 0.95, mojibake ≤ 0.7)
_NAMES = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "gb18030": "GB18030（GBK）",
          "cp950": "Big5", "big5hkscs": "Big5（香港）"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class UnknownEncoding(ValueError):
    """No encoding gives plausible text; ``suspected`` names the likeliest one, if any."""

    def __init__(self, suspected: str | None):
        self.suspected = suspected
        super().__init__(suspected or "")

    def message(self) -> str:
        """What the clerk reads, in Chinese."""
        advice = "请在记事本中打开，用“另存为”选择编码“UTF-8”保存后重试"
        if self.suspected:
            return f"无法确定文件的编码：疑似 {self.suspected}，但按它读出的文字不像通顺的中文（为免乱码未读入）；{advice}"
        return f"无法识别文件的编码（不是 UTF-8、UTF-16、GB18030 或 Big5 的文字，也可能不是文本文件）；{advice}"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _common(char: str) -> bool:
    """Is this one of the commonest Chinese characters (GB2312 level 1, or Big5 常用字)?"""
    for codec, low, high in (("gb2312", 0xB0, 0xD7), ("cp950", 0xA4, 0xC6)):
        try:
            encoded = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2 and low <= encoded[0] <= high:
            return True
    return False


_HAN = f"[{HAN_WIDE}{HAN_SUPPLEMENTARY}]"  # compiled when an encoding is first guessed
_CJK_MARK = re.compile(f"[{CJK_PUNCTUATION}{FULL_WIDTH}]")


def plausibility(text: str) -> float | None:
    """Share of common characters among the Chinese ones (None: too few to judge)."""
    han = compiled(_HAN).findall(text[:20000])
    if len(han) < 4:
        return None
    return sum(map(_common, han)) / len(han)


def _readable(char: str) -> bool:
    return char.isascii() or _CJK_MARK.match(char) is not None or _common(char)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without a BOM: zero bytes beside the ASCII characters (keys, digits, line
    breaks). Both byte orders are tried; the one that reads as text wins (a zero alone does
    not tell: 一 is U+4E00)."""
    sample = raw[:4096]
    if len(raw) % 2 or len(sample) < 4 or sample.count(0) < len(sample) // 20:
        return None
    best, best_share = None, PLAUSIBLE
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, errors="replace")  # U+FFFD counts as unreadable
        share = sum(map(_readable, text)) / max(1, len(text))
        if share >= best_share:
            best, best_share = encoding, share
    return best


def decode(raw: bytes) -> Decoded:
    """The text of a file, in the one encoding that reads it plausibly; :class:`UnknownEncoding`
    otherwise."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError:
                raise UnknownEncoding(_NAMES.get(encoding, encoding.upper())) from None
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return Decoded(raw.decode(utf16), utf16)
        except UnicodeDecodeError:
            raise UnknownEncoding("UTF-16") from None
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    scored: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(("gb18030", "cp950", "big5hkscs")):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        scored.append((1.0 if score is None else score, -rank, encoding, text))
    if not scored:
        raise UnknownEncoding(None)
    score, _, encoding, text = max(scored)
    if score < PLAUSIBLE:
        raise UnknownEncoding(_NAMES[encoding])
    return Decoded(text, encoding)
