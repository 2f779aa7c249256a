"""Opening the database: where it lives, the pragmas every connection needs, and transactions."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from store.migrations import SchemaError, apply_migrations, check_known, pending_migrations
from store.outputs import write_through_temporary

DB_ENV_VAR = "TALENT_TUI_DB"


class StoreError(Exception):
    """A database that cannot be opened or used; the message is for the user."""


def default_db_path() -> Path:
    """The database file: $TALENT_TUI_DB if set, else talent.db in the user data folder."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("talent-tui") / "talent.db"


def open_database(
    path: Path | str, create: bool = True, seed_new: bool = False
) -> tuple[Database, bool]:
    """Open and migrate the database; return it and whether this call created it.

    Nothing is written to a file that is not ours (another program's SQLite file, or a schema a
    newer talent-tui wrote). Without `create` a missing file is an error, not a new database. A
    file this user may not write opens read-only (`is_read_only`). With `seed_new`, a database
    this call creates is marked to receive the seed articles (`needs_seeds`)."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if not path.exists():
        if not create:
            raise StoreError(
                f"{path}: no such database (to make one: talent-tui --db {path} --create, "
                f"or talent-tui import FILES --db {path})"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    read_only = path.exists() and not _writable(path)
    try:
        conn = _connect(path, read_only)
        db = Database(conn)
        _check_ours(db, path)
        if read_only:
            if pending_migrations(db):
                raise StoreError(f"{path}: read-only, and it needs an upgrade this cannot write")
            return db, False
        # In WAL mode NORMAL survives an application crash or kill -9; only power loss can cost.
        # Switching needs a lock: skipped when already done, so a busy database still opens.
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        pending = pending_migrations(db)
        if pending and "documents" in db.table_names():
            # An existing database about to change shape: keep a copy of it as it was.
            backup_database(db, Path(f"{path}.before-{pending[0]}.bak"))
        applied = apply_migrations(db, {"seeds": "pending"} if seed_new else {}) if pending else []
        is_new = "m001_core_tables" in applied
    except sqlite3.OperationalError as error:
        if not is_busy_error(error):
            raise StoreError(f"{path}: cannot be opened ({error})") from error
        raise StoreError(
            f"{path}: busy (another program held it for over 5 seconds); try again"
        ) from error
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a talent-tui database ({error})") from error
    except SchemaError as error:
        raise StoreError(f"{path}: {error}") from error
    return db, is_new


def _writable(path: Path) -> bool:
    # SQLite writes its journal (-wal, -shm) beside the file: the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection with the pragmas every one needs (autocommit: writes go through
    `transaction`)."""
    if read_only:
        # immutable: a WAL database in a folder we cannot write has no -shm file to share.
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1")
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_ours(db: Database, path: Path) -> None:
    """Refuse, before writing anything, an SQLite file that another program made."""
    tables = [name for name in db.table_names() if not name.startswith("sqlite_")]
    if tables and "_migrations" not in tables:
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(
            f"{path}: an SQLite database of another program (tables: {shown}); "
            "talent-tui leaves it untouched"
        )
    check_known(db)


def is_read_only(db: Database) -> bool:
    """Whether the database was opened read-only (nothing can be saved)."""
    return db.execute("PRAGMA query_only").fetchone()[0] == 1


def needs_seeds(db: Database) -> bool:
    """Whether this database was created to hold the seeds and has not got them yet (the load
    may have been interrupted)."""
    if is_read_only(db):
        return False
    row = db.execute("SELECT value FROM store_state WHERE key = 'seeds'").fetchone()
    return row is not None and row[0] == "pending"


def mark_seeded(db: Database) -> None:
    """Record that the seeds are in."""
    with transaction(db):
        db.execute("DELETE FROM store_state WHERE key = 'seeds'")


def backup_database(db: Database, out: Path) -> None:
    """A consistent copy of the database, also while others write to it (SQLite's online
    backup), written to a temporary file renamed into place."""

    def copy(temporary: Path) -> None:
        target = sqlite3.connect(temporary)
        try:
            db.conn.backup(target)
        finally:
            target.close()

    write_through_temporary(out, copy)


def row_dicts(cursor: sqlite3.Cursor) -> Iterator[dict]:
    """A query's rows as dicts of column name to value."""
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(columns, values, strict=True))


# Set by a command that would rather wait than fail while another program writes.
_busy_waiter: ContextVar[Callable[[float], None] | None] = ContextVar("busy_waiter", default=None)


def is_busy_error(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return "locked" in str(error) or "busy" in str(error)


@contextmanager
def waiting_when_busy(note: Callable[[float], None]) -> Iterator[None]:
    """Within the block, a transaction that finds the database busy for longer than the busy
    timeout waits on, calling `note` with the seconds waited so far, instead of failing."""
    token = _busy_waiter.set(note)
    try:
        yield
    finally:
        _busy_waiter.reset(token)


def _begin(db: Database) -> None:
    started = time.monotonic()
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            waiter = _busy_waiter.get()
            if waiter is None or not is_busy_error(error):
                raise
            # Each attempt has already waited the busy timeout: no sleep needed between them.
            waiter(time.monotonic() - started)


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """Run the block in one write transaction: all of it is committed, or none of it."""
    _begin(db)
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
