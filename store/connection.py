"""Opening the database: where it lives, the pragmas every connection needs, and transactions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from store.migrations import apply_migrations

DB_ENV_VAR = "TALENT_TUI_DB"


class StoreError(Exception):
    """A database that cannot be opened or used; the message is for the user."""


def default_db_path() -> Path:
    """The database file: $TALENT_TUI_DB if set, else talent.db in the user data folder."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("talent-tui") / "talent.db"


def open_database(path: Path | str) -> tuple[Database, bool]:
    """Open (creating if needed) and migrate the database; return it and whether it is new."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Autocommit mode: every write goes through an explicit transaction() below.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL survives an application crash or kill -9; only power loss can cost.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        applied = apply_migrations(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a talent-tui database ({error})") from error
    return db, "m001_core_tables" in applied


def row_dicts(cursor: sqlite3.Cursor) -> Iterator[dict]:
    """A query's rows as dicts of column name to value."""
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(columns, values, strict=True))


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """Run the block in one write transaction: all of it is committed, or none of it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
