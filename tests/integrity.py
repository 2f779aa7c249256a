"""Checking that a database is intact and unchanged: its integrity check and its export."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store.export import iter_lines
from store.workspace import open_store


def export_text(db_path: Path) -> str:
    """The database's whole export, to compare before and after."""
    db = open_store(db_path, suggest=False, create=False)
    try:
        return "\n".join(iter_lines(db))
    finally:
        db.close()


def integrity(db_path: Path) -> str:
    """SQLite's own verdict on the file: 'ok' when intact."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
