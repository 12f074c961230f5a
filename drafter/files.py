"""Writing files so that a failed write never damages the previous draft."""

from __future__ import annotations

import os
import re
import secrets
import sys
from pathlib import Path
from typing import Callable

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


# The suffixes each kind of output accepts as already right (``-o 明年.yml`` stays as typed).
_SAME_SUFFIX = {".yaml": (".yaml", ".yml"), ".html": (".html", ".htm"), ".md": (".md", ".markdown")}
OUTPUT_RULE = ("不写 -o 时写在当前文件夹；-o 以“/”结尾或是已有的文件夹时写在该文件夹中（没有就连同上级一起建立），"
               "否则就是文件名，缺少扩展名时自动补上。")


def output_path(output: str | Path | None, name: str) -> Path:
    """Where a command writes, by one rule for every command (:data:`OUTPUT_RULE`).

    ``name`` is the default file name (with the right suffix). ``-o`` is a folder when it ends
    in a slash or names an existing folder, and ``name`` goes inside it; otherwise it is the
    file, given ``name``'s suffix when it lacks one. The string is taken as typed: a ``Path``
    would already have lost the trailing slash that says "folder". Missing folders are made
    when the file is written (:func:`write_atomic`), so a failed build leaves none behind.
    """
    if output is None:  # absolute, so the message says exactly where the file landed
        return Path.cwd() / name
    text = str(output)
    if text.endswith(("/", "\\")) or Path(text).is_dir():
        return Path(text) / name
    target = Path(text)
    suffix = Path(name).suffix
    if target.suffix.lower() not in _SAME_SUFFIX.get(suffix, (suffix,)):
        target = target.with_name(target.name + suffix)
    return target


def refuse_overwrite(path: Path, force: bool, ours: Callable[[Path], bool] | None = None) -> None:
    """A file drafter did not write is never replaced without ``--force``; ``ours`` recognises
    a file of the kind drafter writes there (an earlier preview or schema), which may be."""
    if path.exists() and not force and not (ours is not None and path.is_file() and ours(path)):
        kind = "，且不是 drafter 生成的" if ours is not None else ""
        raise OutputError(Problem(f"文件已存在{kind}；如确要覆盖，请加 --force", path))


def refuse_input(target: Path, sources: list[Path]) -> None:
    """No output may land on a command's own input (``preview 表.yaml -o 表.yaml``), even with ``--force``."""
    for source in sources:
        if target.exists() and source.exists() and os.path.samefile(target, source):
            raise OutputError(Problem("输出文件就是输入的文件，不能覆盖；请换一个文件名", target))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then
    replace ``path`` in one step: readers see the old file or the new one, never half."""
    folder = path.parent if str(path.parent) else Path(".")
    if os.path.isdir(path):  # False, not an exception, where a parent cannot be entered: mkdir says why
        raise OutputError(Problem("这是一个文件夹，请给出文件名", path))
    try:  # an output folder that does not exist yet is made, with its parents
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(f"无法建立文件夹“{folder}”（{os_reason(exc)}）", path)) from None
    # The temporary file's name is chosen before it is created, inside the block that removes it:
    # a Ctrl+C or SIGTERM arriving the moment after creation (mkstemp would still be returning)
    # then finds the name known and the file is removed, never left half-written beside the draft.
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException as exc:
        if not isinstance(exc, FileExistsError):  # that name was someone else's file: not ours to remove
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


def backup_name(target: Path) -> Path:
    """A free ``名称.bak.docx`` (``.bak2`` …) beside ``target``, for a file drafter is about to replace."""
    backup = target.with_name(f"{target.stem}.bak{target.suffix}")
    counter = 2
    while backup.exists():
        backup = target.with_name(f"{target.stem}.bak{counter}{target.suffix}")
        counter += 1
    return backup


def replace_keeping(target: Path, data: bytes, ours: Callable[[Path], bool]) -> Path | None:
    """Write ``data`` to ``target``; a file there that is not ``ours`` (edited or someone else's)
    is first copied to :func:`backup_name`, which is returned, so no one's edits are lost."""
    backup = None
    if target.is_file() and not ours(target):
        backup = backup_name(target)
        write_atomic(backup, target.read_bytes())
    write_atomic(target, data)
    return backup


def cache_folder() -> Path | None:
    """The user's cache folder for drafter, holding what is rebuilt when missing (the segmenter's
    dictionary buckets, the compiled templates). ``DRAFTER_CACHE`` overrides it; an empty value
    turns caching off. %LOCALAPPDATA%\\drafter on Windows, ~/Library/Caches/drafter on macOS,
    $XDG_CACHE_HOME/drafter or ~/.cache/drafter elsewhere."""
    chosen = os.environ.get("DRAFTER_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "drafter" if base else None
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no passwd entry (a service account): no cache file
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "drafter"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "drafter"
