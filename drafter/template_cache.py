"""Templates compiled once per installation instead of once per process.

Jinja turns each template into Python code when it is first loaded; for the standard pack that
is some 12–15 ms of every ``drafter build``, the same work each time. Jinja's bytecode cache
keeps the compiled code of each template, found by the template's name and file and checked
against a digest of its source, in drafter's cache folder (:func:`drafter.files.cache_folder`;
none where there is no cache folder).

The code is only ever handed to the environment that made it. The sandbox's environment
generates code of its own (operators routed through its checks, ``~`` bounded), so code
compiled by another environment, with other options or filters, by another version of
drafter, of the sandbox module, of Jinja or of Python would run the template without those
checks or with other behaviour. Each such fact goes into the name of the folder the code is
kept in (:func:`environment_key`), so a different environment never looks in the same folder.

A file is used only if it is whole and ours: a header naming the format, a SHA-256 of the rest,
the template's source digest, then the code as ``marshal`` writes it (Jinja's own format is read
with ``pickle``; this one never unpickles). A stale, truncated or changed file is ignored and
rewritten, never a crash and never a different draft. The folder is the user's own, like
Python's ``__pycache__``: whoever can write there can already change what the user runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

from . import __version__
from .errors import OutputError
from .files import cache_folder, write_atomic

_HEADER = b"drafter-compiled-template 1\n"
_DIGEST = 32  # bytes of SHA-256


def environment_key(env: jinja2.Environment) -> str:
    """A digest of everything that decides the code ``env`` compiles a template to."""
    kind = type(env)
    try:
        source = Path(sys.modules[kind.__module__].__file__ or "").read_bytes()
    except (OSError, TypeError):  # a frozen installation: its modules change only with its version
        source = b""
    facts = (
        __version__, jinja2.__version__, importlib.util.MAGIC_NUMBER,
        f"{kind.__module__}.{kind.__qualname__}",
        f"{env.code_generator_class.__module__}.{env.code_generator_class.__qualname__}",
        hashlib.sha256(source).hexdigest(),  # the sandbox's code generator and operator hooks
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        repr(env.autoescape), env.optimized, env.is_async, env.sandboxed,
        getattr(env.finalize, "__qualname__", repr(env.finalize)),
        sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ())),
        sorted(env.extensions), sorted(env.filters), sorted(env.tests),
    )
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()[:24]


class CompiledTemplates(jinja2.BytecodeCache):
    """One environment's compiled templates, one file per template in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.code"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._file(bucket).read_bytes()
        except OSError:
            return  # not compiled yet (or unreadable): compiled and written below
        bucket.code = decode(data, bucket.checksum)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None:
            return
        try:
            write_atomic(self._file(bucket), encode(bucket.code, bucket.checksum))
        except OutputError:
            pass  # a read-only cache folder: this process keeps its compiled code in memory


def encode(code: CodeType, checksum: str) -> bytes:
    """A cache file: header, SHA-256 of the body, body (source digest line, marshalled code)."""
    body = checksum.encode("ascii") + b"\n" + marshal.dumps(code)
    return _HEADER + hashlib.sha256(body).digest() + body


def decode(data: bytes, checksum: str) -> CodeType | None:
    """The code in a cache file if the file is whole and was compiled from this very source."""
    if not data.startswith(_HEADER):
        return None
    digest, body = data[len(_HEADER):len(_HEADER) + _DIGEST], data[len(_HEADER) + _DIGEST:]
    if hashlib.sha256(body).digest() != digest:
        return None  # truncated or changed
    stored, _, marshalled = body.partition(b"\n")
    if stored != checksum.encode("ascii"):
        return None  # the template's source changed since
    try:
        code = marshal.loads(marshalled)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def compiled_templates(env: jinja2.Environment) -> CompiledTemplates | None:
    """The bytecode cache for ``env`` in its own folder, or None where there is no cache folder."""
    folder = cache_folder()
    if folder is None:
        return None
    return CompiledTemplates(folder / "templates" / environment_key(env))
