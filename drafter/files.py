"""Writing files so that a failed write never damages the previous draft."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import OutputError, Problem, os_reason

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


# File systems allow 255 bytes (ext4; UTF-8) or 255 UTF-16 units (NTFS) per name; room is
# left for what is added beside a draft: ".bak2" backups and the temporary ".名称.xxxxxxxx.tmp".
NAME_BYTES = 200


def safe_filename(title: str, suffix: str) -> str:
    """A file name from a report title (or a region), without the characters Windows forbids or
    path separators, and short enough for every file system (a long title is cut)."""
    stem = _UNSAFE_IN_NAME.sub("", title).strip(" .") or "法治政府建设情况报告"
    while len((stem + suffix).encode("utf-8")) > NAME_BYTES:
        stem = stem[:-1]
    return (stem.rstrip(" .") or "法治政府建设情况报告") + suffix


def output_path(output: Path | None, folder: Path, name: str) -> Path:
    """Where a command writes: ``-o`` when it names a file, else ``name`` inside ``-o`` (a folder)
    or inside ``folder`` when no ``-o`` was given."""
    if output is not None and not output.is_dir():
        return output
    return (output or folder) / name


def refuse_overwrite(path: Path, force: bool) -> None:
    """A sheet a clerk may have edited is never replaced without ``--force``."""
    if path.exists() and not force:
        raise OutputError(Problem("文件已存在；如确要覆盖，请加 --force", path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then
    replace ``path`` in one step: readers see the old file or the new one, never half."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(Problem("这是一个文件夹，请给出文件名", path))
    if not folder.is_dir():
        raise OutputError(Problem(f"文件夹“{folder}”不存在", path))
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(Problem(f"无法在文件夹“{folder}”中写入（{os_reason(exc)}）", path)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(Problem(f"无法写入（{os_reason(exc)}），原有文件未改动", path)) from None
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets what the umask allows
    (mkstemp's private 0600 would hide the draft from colleagues on a shared folder)."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
