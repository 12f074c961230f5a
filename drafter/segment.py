"""Word segmentation: jieba's dictionary cut (no HMM guessing), loaded only where it is needed.

``jieba.cut(text, HMM=False)`` is what the reviewer (a doubled character where two words meet),
the title breaker, the table's column widths, the year comparison and the tracked-changes draft
all use. Importing jieba and loading its dictionary (350,000 words, a 9 MB pickle-like cache)
costs half a second to a second in every process that cuts one word, which was most of the
time of a ``drafter build`` whose sheet holds a table. Every lookup of the cut is a piece of
the text starting at one of its characters, so it begins with that character and the next:
this module keeps jieba's frequency table (the words and their prefixes) in 65,536 buckets by
an entry's first two characters, in a cache file built once from the installed jieba's own
``dict.txt``. The file is read whole (6 MB, one read) but only the buckets of the text's
character pairs are decoded, each in a few calls that run in C: the cells of a build's table
load some hundred small buckets in 0.6 ms (the earlier buckets by first character alone held
every word of the common characters and took 15 ms, deriving the prefixes word by word). The
cut itself is jieba 0.42's algorithm, line for line
(``Tokenizer.cut`` with ``HMM=False``: the DAG of dictionary words, the most probable route,
runs of single Latin letters and digits joined), so the words are exactly jieba's —
``tests/test_segment.py`` compares them with jieba's own on every example and seed.

The cache holds only text (words and counts, parsed here; nothing is unpickled or executed),
is named after the dictionary's size and time and the format, carries a CRC-32 of all after its
head, and is rebuilt when unreadable or changed; where no cache folder is writable, the same
bytes are made in memory from ``dict.txt`` (a second) and used alike.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import struct
import zlib
from math import log
from pathlib import Path
from typing import Iterator

from .errors import OutputError
from .files import cache_folder, write_atomic

# jieba 0.42's patterns (``re_han_default``, ``re_skip_default``, ``re_eng``).
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]")

_MAGIC = b"drafter-words 3\n"
_BUCKETS = 65536
_OFFSETS = struct.Struct(f"<{_BUCKETS + 1}I")
_OFFSET_PAIR = struct.Struct("<2I")


def _jieba_dictionary() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (whose import alone costs 0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _parse_source(source: Path) -> tuple[dict[str, int], int]:
    """Words and counts of ``dict.txt`` as jieba reads them (``gen_pfdict``): a repeated word
    keeps its last count, and every line's count goes into the total. Read line by line: the
    whole file's lines at once would double the memory a worker needs while it builds the cache."""
    words: dict[str, int] = {}
    total = 0
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            word, count = line.split(" ")[:2]
            words[word] = int(count)
            total += int(count)
    return words, total


def _bucket(key: str) -> int:
    """The bucket of the entries that start with ``key`` (one character, or the first two)."""
    return (ord(key[0]) * 40503 + (ord(key[1]) + 1 if len(key) > 1 else 0)) % _BUCKETS


def _cache_bytes(words: dict[str, int], total: int) -> bytes:
    """The cache file: magic line; total and the CRC-32 of the rest; the bucket offsets; then
    each bucket's entries of jieba's frequency table (``gen_pfdict``: the words with their counts,
    their prefixes that are no word with 0) as the words joined by newlines, a tab, and the counts
    joined by spaces, which are split and converted in C when read."""
    entries = dict(words)
    for word in words:
        for end in range(1, len(word)):
            entries.setdefault(word[:end], 0)
    buckets: list[dict[str, int]] = [{} for _ in range(_BUCKETS)]
    for entry, count in entries.items():
        buckets[_bucket(entry[:2])][entry] = count
    bodies = [("\n".join(bucket) + "\t" + " ".join(map(str, bucket.values()))).encode("utf-8") if bucket else b""
              for bucket in buckets]
    start = _OFFSETS.size
    offsets = [start]
    for part in bodies:
        offsets.append(offsets[-1] + len(part))
    rest = _OFFSETS.pack(*offsets) + b"".join(bodies)
    return _MAGIC + f"{total} {zlib.crc32(rest)}\n".encode("ascii") + rest


class Dictionary:
    """jieba's frequency table (words with their counts, their prefixes with 0), filled from the
    cache file's bytes one bucket at a time: the entries starting with the one or two characters
    a lookup of the cut can begin with."""

    def __init__(self, data: bytes) -> None:
        self.freq: dict[str, int] = {}
        if not data.startswith(_MAGIC):
            raise ValueError("not a word cache")
        head_end = data.index(b"\n", len(_MAGIC)) + 1
        total, crc = data[len(_MAGIC):head_end].split()
        self.total = int(total)
        self._rest = memoryview(data)[head_end:]  # offsets count from here
        if len(self._rest) < _OFFSETS.size or zlib.crc32(self._rest) != int(crc) \
                or struct.unpack_from("<I", self._rest, 4 * _BUCKETS)[0] != len(self._rest):
            raise ValueError("damaged")  # a changed byte would otherwise fail later, at every cut
        self._keys: set[str] = set()
        self._loaded: set[int] = set()

    def need(self, text: str) -> None:
        """Load the buckets of every lookup a cut of ``text`` can make: each fragment it looks up
        starts at some character of ``text`` and so begins with that character and the next."""
        keys = {text[k:k + 2] for k in range(len(text))}.union(text) - self._keys
        if not keys:
            return
        self._keys |= keys
        missing = {_bucket(key) for key in keys} - self._loaded
        self._loaded |= missing
        for bucket in missing:
            start, end = _OFFSET_PAIR.unpack_from(self._rest, 4 * bucket)
            if start != end:
                words, _, counts = str(self._rest[start:end], "utf-8").partition("\t")
                self.freq.update(zip(words.split("\n"), map(int, counts.split(" "))))


def _load() -> Dictionary:
    source = _jieba_dictionary()
    stat = source.stat()
    folder = cache_folder()
    name = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}|{_MAGIC!r}".encode("utf-8")).hexdigest()[:16]
    cache = folder / f"words-{name}.bin" if folder is not None else None
    if cache is not None:
        try:
            return Dictionary(cache.read_bytes())
        except (OSError, ValueError, struct.error):
            pass  # absent, unreadable or damaged: rebuilt below
    data = _cache_bytes(*_parse_source(source))
    if cache is not None:
        try:
            write_atomic(cache, data)
        except OutputError:
            pass  # a read-only profile: this process works from the bytes in memory
    return Dictionary(data)


_dictionary: Dictionary | None = None


def dictionary() -> Dictionary:
    """The process's dictionary (loaded on first use)."""
    global _dictionary
    if _dictionary is None:
        _dictionary = _load()
    return _dictionary


def _cut_block(block: str, table: Dictionary) -> Iterator[str]:
    """jieba's ``__cut_DAG_NO_HMM`` over one run of Han characters, letters and digits."""
    table.need(block)
    freq = table.freq
    n = len(block)
    dag: dict[int, list[int]] = {}
    for k in range(n):
        ends = []
        i = k
        fragment = block[k]
        while i < n and fragment in freq:
            if freq[fragment]:
                ends.append(i)
            i += 1
            fragment = block[k:i + 1]
        dag[k] = ends or [k]
    log_total = log(table.total)
    route: dict[int, tuple[float, int]] = {n: (0, 0)}
    for start in range(n - 1, -1, -1):
        route[start] = max((log(freq.get(block[start:x + 1]) or 1) - log_total + route[x + 1][0], x)
                           for x in dag[start])
    x = 0
    buffer = ""
    while x < n:
        y = route[x][1] + 1
        word = block[x:y]
        if _ENG.match(word) and len(word) == 1:
            buffer += word
        else:
            if buffer:
                yield buffer
                buffer = ""
            yield word
        x = y
    if buffer:
        yield buffer


def cut(text: str) -> list[str]:
    """``list(jieba.cut(text, HMM=False))``."""
    table = dictionary()
    pieces: list[str] = []
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            pieces.extend(_cut_block(block, table))
        else:
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    pieces.append(piece)
                else:
                    pieces.extend(piece)
    return pieces


def is_word(text: str) -> bool:
    """Whether jieba's dictionary holds ``text`` as a word (``bool(jieba.get_FREQ(text))``)."""
    if not text:
        return False
    table = dictionary()
    table.need(text[:2])
    return bool(table.freq.get(text))
