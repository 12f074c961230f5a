"""Knowing a draft is exactly as drafter wrote it, so that a rebuild may replace it.

Before a draft is saved, a SHA-256 digest of every part of the package is written into its
core properties (``dc:identifier``); the digest covers ``core.xml`` itself as it was before
the digest went in. A draft whose parts all still hash to that digest is drafter's own and
may be replaced; any change — a quick fix in Word or WPS, a LibreOffice re-save, a tool that
edits one part — changes a part or drops the digest, so the file is backed up first. No
clock is involved: a draft edited a second after it was built is still noticed.

A PDF carries the digest of its bytes in a comment line after its end (``%%EOF``), where
PDF readers ignore it and any program that saves the file again drops or invalidates it.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

CORE = "docProps/core.xml"
_END = b"</cp:coreProperties>"
_STAMP = re.compile(rb"<dc:identifier>drafter-sha256:([0-9a-f]{64})</dc:identifier>")


def _digest(parts: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in parts:
        digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def stamped_core(parts: list[tuple[str, bytes]]) -> bytes:
    """``docProps/core.xml`` with the digest of all ``parts`` (name and bytes, in the package's
    order, core.xml among them as it is before the digest goes in): the writer puts it in the
    package as it writes it (:func:`drafter.writers.docx.package.package`, ``stamped``)."""
    core = dict(parts)[CORE]
    return core.replace(_END, b"<dc:identifier>drafter-sha256:" + _digest(parts).encode() + b"</dc:identifier>" + _END)


def untouched(path: Path) -> bool:
    """Is this file a draft exactly as drafter wrote it (every part unchanged)?"""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
        return False  # not a readable .docx: certainly not our draft
    parts = []
    recorded = None
    for name, data in members:
        if name == CORE:
            found = _STAMP.search(data)
            if found is None:
                return False
            recorded = found.group(1).decode()
            data = data[:found.start()] + data[found.end():]
        parts.append((name, data))
    return recorded is not None and recorded == _digest(parts)


_PDF_STAMP = re.compile(rb"\n%drafter-sha256:([0-9a-f]{64})\n$")


def stamp_pdf(data: bytes) -> bytes:
    """The same PDF with the digest of its bytes in a trailing comment."""
    return data + b"\n%drafter-sha256:" + hashlib.sha256(data).hexdigest().encode() + b"\n"


def untouched_pdf(path: Path) -> bool:
    """Is this file a PDF exactly as drafter wrote it?"""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    found = _PDF_STAMP.search(data)
    return found is not None and hashlib.sha256(data[:found.start()]).hexdigest() == found.group(1).decode()
