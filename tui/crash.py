"""One way to fail: an unexpected error's traceback goes to a log file, and the user gets one
line saying what failed and where that file is."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from talent.display import safe_string


def _open_log() -> tuple[Path, int]:
    folder = platformdirs.user_log_path("talent-tui")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / "crash.log"
        return path, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        # A read-only home still gets a log: a private file in the temporary folder.
        fd, name = tempfile.mkstemp(prefix="talent-tui-crash-", suffix=".log")
        return Path(name), fd


def record_crash(error: BaseException) -> Path:
    """Append the error's traceback, with the time, to the crash log; return the log's path."""
    path, fd = _open_log()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as log:
        log.write(f"--- {stamp}\n")
        log.write("".join(traceback.format_exception(error)))
    return path


def crash_line(error: BaseException, log: Path) -> str:
    """The one line a user sees for an unexpected error."""
    what = safe_string(f"{type(error).__name__}: {error}")[:300]
    return f"talent-tui: unexpected error: {what} (traceback in {safe_string(str(log))})"
