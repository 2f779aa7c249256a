"""Writing an output file safely: never over the database in use, never over an existing file
unless asked, always through a temporary file renamed into place when complete, and with
`-` meaning standard output. A temporary file left by a killed write is removed by the next one."""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")
STDOUT = Path("-")
# A database file and the files SQLite keeps beside it.
DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class OutputError(Exception):
    """An output that may not or cannot be written; the message is for the user."""


def check_output(
    out: Path,
    db_path: Path | None,
    force: bool,
    folder: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Refuse to write over the database (ever) or over an existing file or folder (unless
    `force`); a `folder` output is a folder, any other a file. Even with `force`, only a
    regular file is replaced, and only a folder that `replaceable` says is a previous export
    of the same kind (never one that holds the database)."""
    if out == STDOUT:
        if folder:
            raise OutputError("this format writes a folder of files: give a folder with --out")
        return
    if db_path is not None and _is_database_file(out, db_path):
        raise OutputError(f"{out}: is the database being read; choose another --out")
    if out.is_dir() and not folder:
        raise OutputError(f"{out}: is a folder; give a file name with --out")
    if out.exists() and not out.is_dir() and folder:
        raise OutputError(f"{out}: is a file; this format writes a folder")
    if not out.exists():
        return
    if not force:
        raise OutputError(f"{out}: already exists; add --force to replace it")
    if not folder and not out.is_file():
        raise OutputError(f"{out}: is not a regular file (a device or a pipe); not replaced")
    if folder:
        if db_path is not None and db_path.resolve().is_relative_to(out.resolve()):
            raise OutputError(f"{out}: holds the database being read; not replaced")
        if replaceable is None or not replaceable(out):
            raise OutputError(
                f"{out}: holds files that no export of this format writes; talent-tui "
                "replaces only a previous export of the same format (choose another --out)"
            )


def file_name_for(name: str, taken: set[str]) -> str:
    """A file name made from `name` (a document id from a file or a merge) that stays inside
    the output folder: only letters, digits, `-`, `_` and `.`, no leading dot, at most 80
    characters; a changed or already taken name gets a short hash of the original."""
    kept = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).lstrip(".")[:80]
    if not kept or kept != name or kept.casefold() in taken:
        kept = f"{kept or 'document'}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"
    taken.add(kept.casefold())
    return kept


def _is_database_file(out: Path, db_path: Path) -> bool:
    for suffix in DATABASE_COMPANIONS:
        companion = Path(f"{db_path}{suffix}")
        if out.exists() and companion.exists():
            if os.path.samefile(out, companion):
                return True
        elif out.resolve() == companion.resolve():
            return True
    return False


def write_output(out: Path, write: Callable[[IO[str]], T]) -> T:
    """Write UTF-8 text with LF line ends to `out` (standard output for `-`), atomically;
    return what `write` returns."""
    if out == STDOUT:
        return write(sys.stdout)

    def to_path(path: Path) -> T:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            return write(handle)

    return write_through_temporary(out, to_path)


def write_through_temporary(out: Path, write: Callable[[Path], T]) -> T:
    """Let `write` fill a temporary file beside `out`, renamed into place only when complete: a
    failed or killed write never leaves a half file at `out`."""
    temporary = _temporary_beside(out, folder=False)
    try:
        result = write(temporary)
        os.replace(temporary, out)
    except BaseException:
        # A database written there (a backup) may leave its journal beside it too.
        for suffix in DATABASE_COMPANIONS:
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
        raise
    return result


def write_folder_output(out: Path, fill: Callable[[Path], T]) -> T:
    """Let `fill` write files into a temporary folder beside `out`, moved into place only when
    complete (replacing an existing `out` folder, which check_output allowed)."""
    temporary = _temporary_beside(out, folder=True)
    try:
        result = fill(temporary)
        if out.exists():
            # Out of the way first, under a temporary name the next run would clean up.
            old = temporary.with_name(temporary.name.replace(".tmp", ".old.tmp"))
            os.replace(out, old)
            os.replace(temporary, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return result


def _temporary_beside(out: Path, folder: bool) -> Path:
    """A new temporary file (or folder) beside `out`, with the permissions any new one would
    have; leftovers of killed writes to `out` are removed first."""
    if not out.parent.is_dir():
        raise OutputError(f"{out.parent}: no such folder")
    remove_stale_temporaries(out)
    # The pid in the name lets a later write tell a killed write's leftover from a live one.
    naming = {"prefix": f".{out.name}.{os.getpid()}.", "suffix": ".tmp", "dir": out.parent}
    try:
        if folder:
            temporary = Path(tempfile.mkdtemp(**naming))
        else:
            descriptor, name = tempfile.mkstemp(**naming)
            os.close(descriptor)
            temporary = Path(name)
    except OSError as error:
        raise OutputError(f"{out}: cannot write there ({error.strerror})") from error
    # mkstemp and mkdtemp make them private; outputs get the permissions of any new one.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, (0o777 if folder else 0o666) & ~umask)
    return temporary


def remove_stale_temporaries(out: Path) -> None:
    """Remove temporary files of earlier writes to `out` whose process is gone (killed)."""
    for leftover in out.parent.glob(f".{glob.escape(out.name)}.*.tmp*"):
        pid = leftover.name[len(out.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
