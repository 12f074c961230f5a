"""LibreOffice as a converter: one headless call, in a private profile, for one or many files.

A private profile (``-env:UserInstallation``) lets a conversion run while the clerk has
LibreOffice open, and keeps parallel conversions from sharing a locked profile. Whoever
calls decides what a missing or failing LibreOffice means for them (an extra not made, or
a report that cannot be read).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 300  # seconds; a first start on a slow machine takes about 20


def soffice() -> str | None:
    """The LibreOffice program, if installed: on the PATH (``soffice``, or ``libreoffice`` on
    some Linux systems), or where the Windows installer puts it (it does not add itself to the PATH)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or os.name != "nt":
        return found
    for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
        candidate = Path(root or "C:/Program Files") / "LibreOffice" / "program" / "soffice.exe"
        if candidate.is_file():
            return str(candidate)
    return None


def convert(program: str, sources: list[Path], target_format: str, folder: Path) -> dict[Path, Path]:
    """Convert ``sources`` into ``folder`` with one LibreOffice call; each source that came out,
    mapped to its result. A program that cannot start or hangs converts nothing. Paths go as
    absolute paths, so a file named "-x.docx" can never be read as an option."""
    profile = folder.resolve() / ".profile"
    try:
        subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                        target_format, "--outdir", str(folder.resolve()), *(str(s.resolve()) for s in sources)],
                       capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    extension = target_format.split(":")[0]
    produced = {source: folder / f"{source.stem}.{extension}" for source in sources}
    return {source: path for source, path in produced.items() if path.exists()}
