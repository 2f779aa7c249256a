"""Migrations build the schema from an empty file, are recorded, and re-opening applies nothing."""

from store.connection import open_database
from store.migrations import MIGRATIONS, applied_migrations, apply_migrations


def test_migrations_from_empty_file_create_every_table(tmp_path):
    db, is_new = open_database(tmp_path / "new.db")
    assert is_new
    assert applied_migrations(db) == [name for name, _ in MIGRATIONS]
    tables = set(db.table_names())
    assert {
        "documents",
        "spans",
        "entities",
        "claims",
        "claim_entities",
        "links",
        "events",
    } <= tables


def test_reopening_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "again.db"
    db, _ = open_database(path)
    db.execute(
        "INSERT INTO documents (id, title, lang, text, sha256, imported_at) "
        "VALUES ('d1', 't', 'en', 'x', 'h', 'now')"
    )
    db.close()
    db, is_new = open_database(path)
    assert not is_new
    assert apply_migrations(db) == []
    assert db.execute("SELECT title FROM documents").fetchall() == [("t",)]


def test_every_connection_has_wal_foreign_keys_and_busy_timeout(tmp_path):
    db, _ = open_database(tmp_path / "pragmas.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_a_file_that_is_not_a_database_is_refused(tmp_path, capsys):
    from tui.cli.main import main

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    assert main(["stats", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "not a talent-tui database" in err
    assert "Traceback" not in err
