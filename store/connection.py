"""Opening the database: where it lives, the pragmas every connection needs, and transactions."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from store.migrations import SchemaError, apply_migrations, check_known, pending_migrations
from store.outputs import OutputError, write_through_temporary

DB_ENV_VAR = "TALENT_TUI_DB"


class StoreError(Exception):
    """A database that cannot be opened or used; the message is for the user."""


def default_db_path() -> Path:
    """The database file: $TALENT_TUI_DB if set, else talent.db in the user data folder."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("talent-tui") / "talent.db"


def database_on(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over a connection, without sqlite-utils' plugins: loading them reads every
    installed package's entry points (25 ms of each start), and a plugin installed for another
    program has no business running inside ours."""
    return Database(conn, execute_plugins=False)


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
    if path.exists() and not create and path.stat().st_size == 0:
        # Made by mistake (`touch`, a failed copy): reading it must not turn it into a database.
        raise StoreError(f"{path}: an empty file, not a talent-tui database")
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
        db = database_on(conn)
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
        _ensure_identity(db)
    except sqlite3.OperationalError as error:
        if not is_busy_error(error):
            raise StoreError(f"{path}: cannot be opened ({error})") from error
        raise StoreError(
            f"{path}: busy (another program held it for over 5 seconds); try again"
        ) from error
    except sqlite3.DatabaseError as error:
        if "malformed" in str(error):
            raise StoreError(
                f"{path}: the database is damaged ({error}); nothing was written"
            ) from error
        raise StoreError(f"{path}: not a talent-tui database ({error})") from error
    except SchemaError as error:
        raise StoreError(f"{path}: {error}") from error
    return db, is_new


def _ensure_identity(db: Database) -> None:
    """Give the database a lasting id of its own (kept in store_state), by which a team
    database knows which annotator's file a merge brings, whatever the file is called."""
    if database_id(db) is None:
        with transaction(db):
            db.execute(
                "INSERT OR IGNORE INTO store_state (key, value) VALUES ('database_id', ?)",
                [uuid.uuid4().hex],
            )


def database_id(db: Database) -> str | None:
    """The database's lasting id (None for one no writable talent-tui has opened since ids)."""
    if "store_state" not in db.table_names():
        return None
    row = db.execute("SELECT value FROM store_state WHERE key = 'database_id'").fetchone()
    return None if row is None else row[0]


def _writable(path: Path) -> bool:
    # SQLite writes its journal (-wal, -shm) beside the file: the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection with the pragmas every one needs (autocommit: writes go through
    `transaction`)."""
    conn = open_read_only(path) if read_only else _plain(path)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _plain(target: Path | str, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the file or anything beside it, and still sees every
    committed change: those still in a WAL that was never checkpointed included."""
    wal = Path(f"{path}-wal")
    base = path.resolve().as_uri()
    if not (wal.exists() and wal.stat().st_size):
        # immutable: no -shm needed (a folder we cannot write may have none), and no WAL to read.
        conn = _plain(f"{base}?mode=ro&immutable=1", uri=True)
    else:
        try:
            conn = _plain(f"{base}?mode=ro", uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # No -shm to share and none can be made beside it: read a private copy, WAL applied.
            conn = _private_copy(path, wal)
    conn.execute("PRAGMA query_only = 1")
    return conn


def _private_copy(path: Path, wal: Path) -> sqlite3.Connection:
    """An in-memory copy of a database and its WAL, as a checkpoint would have left it."""
    with tempfile.TemporaryDirectory(prefix="talent-tui-") as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, f"{copy}-wal")
        source = _plain(copy)
        memory = _plain(":memory:")
        try:
            source.backup(memory)
        finally:
            source.close()
    return memory


def check_intact(db: Database, path: Path) -> None:
    """Refuse a damaged database before anything writes to it or copies it: SQLite's quick
    check, its first complaint in the message."""
    try:
        verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.OperationalError:
        raise  # interrupted or busy: no verdict on the file
    except sqlite3.DatabaseError as error:
        verdict = str(error)
    if verdict != "ok":
        raise StoreError(
            f"{path}: the database is damaged ({verdict}); nothing was written "
            "(restore a backup, or export what still reads)"
        )


def check_writable(db: Database, path: Path) -> None:
    """Refuse, with one line, a command that writes into a database opened read-only."""
    if is_read_only(db):
        raise StoreError(f"{path}: is read-only (the file or its folder); nothing can be added")


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
        except sqlite3.OperationalError as error:
            raise OutputError(f"{out}: cannot be written ({error}); nothing was left") from error
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


READ_ONLY_REFUSAL = "this database is read-only: nothing was saved"
BUSY_REFUSAL = (
    "the database is busy (another talent-tui is writing): nothing was saved, press the key again"
)


def write_refusal(error: Exception) -> str | None:
    """What to tell the user when a write was refused for a reason of the file's, not a fault:
    it is read-only, or another writer held it past the busy timeout (the transaction was
    rolled back, so nothing is half saved). None for any other error."""
    if not isinstance(error, sqlite3.OperationalError):
        return None
    if "readonly" in str(error):
        return READ_ONLY_REFUSAL
    return BUSY_REFUSAL if is_busy_error(error) else None


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
        db.execute("COMMIT")
    except BaseException as error:
        # SQLite has already rolled back after some errors (a full disk): a second rollback
        # would hide the real error behind "no transaction is active".
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(error, sqlite3.OperationalError) and _is_disk_error(error):
            raise StoreError(
                f"the database could not be written ({error}: a full disk, or a file over its "
                "size limit); nothing of this was written"
            ) from error
        raise


def _is_disk_error(error: sqlite3.OperationalError) -> bool:
    return "full" in str(error) or "disk I/O" in str(error)
