"""Word segmentation: jieba's dictionary cut (no HMM guessing), loaded only where it is needed.

``jieba.cut(text, HMM=False)`` is what the reviewer (a doubled character where two words meet),
the title breaker, the table's column widths, the year comparison and the tracked-changes draft
all use. Importing jieba and loading its dictionary (350,000 words, a 9 MB pickle-like cache)
costs half a second to a second in every process that cuts one word, which was most of the
time of a ``drafter build`` whose sheet holds a table. Only the entries starting with the
characters of the text being cut are ever consulted (every lookup is a prefix of the text
from some position), so this module keeps jieba's dictionary split into buckets by first
character, in a cache file built once from the installed jieba's own ``dict.txt``: the file
is read whole (4 MB, one read) but only the buckets a text needs are decoded into words. The cut itself is jieba 0.42's algorithm, line for line
(``Tokenizer.cut`` with ``HMM=False``: the DAG of dictionary words, the most probable route,
runs of single Latin letters and digits joined), so the words are exactly jieba's —
``tests/test_segment.py`` compares them with jieba's own on every example and seed.

The cache holds only text (words and counts, parsed here; nothing is unpickled or executed),
is named after the dictionary's size and time, carries a CRC-32 of its body, and is rebuilt
when unreadable or changed; where no cache
folder is writable, the same bytes are made in memory from ``dict.txt`` (a second) and used alike.
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

_BUCKETS = 4096
_MAGIC = b"drafter-words 2\n"
_OFFSETS = struct.Struct(f"<{_BUCKETS + 1}I")


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


def _bucket(word: str) -> int:
    return ord(word[0]) % _BUCKETS


def _cache_bytes(words: dict[str, int], total: int) -> bytes:
    """The cache file: magic line, total and the body's CRC-32, bucket offsets, then each bucket's
    ``word\\tcount`` lines."""
    buckets: list[list[str]] = [[] for _ in range(_BUCKETS)]
    for word, count in words.items():
        buckets[_bucket(word)].append(f"{word}\t{count}\n")
    bodies = ["".join(lines).encode("utf-8") for lines in buckets]
    body = b"".join(bodies)
    head = _MAGIC + f"{total} {zlib.crc32(body)}\n".encode("ascii")
    start = len(head) + _OFFSETS.size
    offsets = [start]
    for part in bodies:
        offsets.append(offsets[-1] + len(part))
    return head + _OFFSETS.pack(*offsets) + body


class Dictionary:
    """jieba's frequency table (words with their counts, their prefixes with 0), filled one
    first-character bucket at a time from the cache file's bytes."""

    def __init__(self, data: bytes) -> None:
        self.freq: dict[str, int] = {}
        self._data = data
        self._loaded: set[int] = set()
        if not data.startswith(_MAGIC):
            raise ValueError("not a word cache")
        head_end = data.index(b"\n", len(_MAGIC)) + 1
        total, crc = data[len(_MAGIC):head_end].split()
        self.total = int(total)
        self._offsets = _OFFSETS.unpack_from(data, head_end)
        if self._offsets[-1] != len(data) or zlib.crc32(memoryview(data)[head_end + _OFFSETS.size:]) != int(crc):
            raise ValueError("damaged")  # a changed byte would otherwise fail later, at every cut

    def need(self, text: str) -> None:
        """Load the buckets of every character of ``text`` not loaded yet: words with their
        counts, then each word's prefixes with 0 where they are no word (a bucket holds every
        word of its first characters, so it is complete on its own)."""
        missing = {_bucket(ch) for ch in set(text)} - self._loaded
        if not missing:
            return
        entries = []
        for bucket in sorted(missing):
            body = self._data[self._offsets[bucket]:self._offsets[bucket + 1]].decode("utf-8")
            for line in body.splitlines():
                word, _, count = line.partition("\t")
                entries.append((word, int(count)))
        freq = self.freq
        freq.update(entries)
        for word, _ in entries:
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
        self._loaded |= missing


def _load() -> Dictionary:
    source = _jieba_dictionary()
    stat = source.stat()
    folder = cache_folder()
    name = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode("utf-8")).hexdigest()[:16]
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
    table.need(text[0])
    return bool(table.freq.get(text))
