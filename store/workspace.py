"""Opening the store as the command line and the app do: migrate, and seed a new database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from store.connection import (
    check_intact,
    check_writable,
    mark_seeded,
    needs_seeds,
    open_database,
)
from store.outputs import DATABASE_COMPANIONS


def open_store(
    path: Path | str, suggest: bool = True, seed: bool = True, create: bool = True
) -> Database:
    """Open the database at `path` (creating it only with `create`); with `seed`, a new one gets
    the bundled seeds, also when an earlier load was cut short. With `suggest`, documents without
    current suggestions get them now (the app does that in a worker instead)."""
    db, _ = open_database(path, create=create, seed_new=seed)
    if needs_seeds(db):
        # Imported here: the importer and its formats are 0.05 s of a start, and an existing
        # database (every start but the first) needs none of them before the first paint.
        from store.seeds import load_seeds

        load_seeds(db)
        mark_seeded(db)
    if suggest:
        # Imported here: the recognizer is not needed before the app's first paint.
        from store.suggestions import refresh_pending

        refresh_pending(db)
    return db


@contextmanager
def store_for_import(path: Path | str) -> Iterator[Database]:
    """The store an import (or merge) writes to, without seeds, refused when read-only or
    damaged. One the import created is removed again if the import fails: a failure leaves no
    empty database behind to open later."""
    created = not Path(path).exists()
    db = open_store(path, suggest=False, seed=False)
    try:
        # Before anything is written: not into a file that cannot take it, nor a damaged one.
        check_writable(db, Path(path))
        check_intact(db, Path(path))
        yield db
    except BaseException:
        db.close()
        if created:
            for suffix in DATABASE_COMPANIONS:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
