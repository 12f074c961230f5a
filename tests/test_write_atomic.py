"""Writing a file under a folder the user may not enter is an output error in Chinese, not a crash."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from drafter.errors import OutputError
from drafter.files import write_atomic


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root enters any folder; needs an ordinary user (POSIX permissions)")
def test_a_folder_that_cannot_be_entered(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        with pytest.raises(OutputError) as caught:
            write_atomic(locked / "sub" / "draft.docx", b"data")
        assert "无法建立文件夹" in str(caught.value)
    finally:
        locked.chmod(stat.S_IRWXU)
