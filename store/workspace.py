"""Opening the store as the command line and the app do: migrate, and seed a new database."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from store.connection import open_database
from store.seeds import load_seeds


def open_store(path: Path | str) -> Database:
    """Open the database at `path`; the first run there loads the bundled seeds."""
    db, is_new = open_database(path)
    if is_new:
        load_seeds(db)
    return db
