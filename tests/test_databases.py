"""Opening databases safely: nothing is created by a typo, nothing foreign or newer is touched,
read-only files open read-only, racing creators and interrupted seed loads end well, and
migrations are all or nothing with a backup made first."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store import connection, migrations
from store.connection import is_read_only, open_database
from store.documents import list_documents
from store.workspace import open_store
from tests.integrity import export_text, integrity
from tui.cli.main import main


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "jsonl", "--out", "-"], []])
def test_a_mistyped_db_is_an_error_and_creates_nothing(tmp_path, capsys, command):
    typo = tmp_path / "nope" / "deep" / "typo.db"
    assert main([*command[:1], "--db", str(typo), *command[1:]]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such database" in err and "--create" in err
    assert not (tmp_path / "nope").exists()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path, capsys):
    foreign = tmp_path / "notes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = fingerprint(foreign)
    for command in (["stats"], ["import", str(tmp_path / "missing.txt")], []):
        assert main([*command[:1], "--db", str(foreign), *command[1:]]) == 1
        assert "another program (tables: notes)" in capsys.readouterr().err
    assert fingerprint(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_database_from_a_newer_talent_tui_is_refused_naming_its_version(tmp_path, capsys):
    path = tmp_path / "newer.db"
    db, _ = open_database(path)
    db.execute(
        "INSERT INTO _migrations (number, name, applied_at, version) "
        "VALUES (99, 'm099_future', 'later', 'talent-tui 9.0')"
    )
    db.close()
    before = fingerprint(path)
    assert main(["stats", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "written by a newer talent-tui (talent-tui 9.0)" in err and "m099_future" in err
    assert fingerprint(path) == before


def test_a_database_this_user_cannot_write_opens_read_only(tmp_path, monkeypatch, capsys):
    path = tmp_path / "shared.db"
    open_store(path, suggest=False).close()
    before = export_text(path)
    # Tests may run as root, whom file modes do not stop: the check itself is replaced.
    monkeypatch.setattr(connection, "_writable", lambda _path: False)
    db = open_store(path, suggest=False, create=False)
    assert is_read_only(db) and len(list_documents(db)) == 2
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM documents")
    db.close()
    assert main(["stats", "--db", str(path)]) == 0 and "2 documents" in capsys.readouterr().out
    assert export_text(path) == before


def test_six_processes_creating_one_database_at_once_all_succeed(tmp_path):
    path = tmp_path / "raced.db"
    program = "import sys; from store.workspace import open_store; open_store(sys.argv[1], suggest=False).close()"
    children = [
        subprocess.Popen([sys.executable, "-c", program, str(path)], stderr=subprocess.PIPE)
        for _ in range(6)
    ]
    errors = [child.communicate()[1].decode() for child in children]
    assert [child.returncode for child in children] == [0] * 6, errors
    db = open_store(path, suggest=False)
    assert sorted(d.lang for d in list_documents(db)) == ["en", "zh"]
    assert integrity(path) == "ok"


def test_a_seed_load_cut_short_is_finished_on_the_next_open(tmp_path):
    path = tmp_path / "cut.db"
    db, is_new = open_database(path, seed_new=True)  # then killed before the seeds went in
    assert is_new and list_documents(db) == []
    db.close()
    db = open_store(path, suggest=False)
    assert sorted(d.lang for d in list_documents(db)) == ["en", "zh"]
    db.close()
    db = open_store(path, suggest=False)
    assert len(list_documents(db)) == 2  # loaded once


def test_a_failing_migration_changes_nothing_and_a_backup_was_made_first(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    open_store(path, suggest=False).close()
    before = export_text(path)
    broken = [*migrations.MIGRATIONS, ("m900_broken", "CREATE TABLE fine (x);\nNOT SQL;")]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(connection.StoreError):
        open_database(path)
    monkeypatch.undo()
    assert "fine" not in open_database(path)[0].table_names()
    assert integrity(path) == "ok" and export_text(path) == before
    backup = tmp_path / "old.db.before-m900_broken.bak"
    assert export_text(backup) == before


SLOW_MIGRATION = """
import sys
from store import connection, migrations

slow = "CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;"
migrations.MIGRATIONS = [*migrations.MIGRATIONS, ("m900_slow", slow)]
statements = migrations._statements


def announcing(script):
    if "big" in script:
        print("migrating", flush=True)
    return statements(script)


migrations._statements = announcing
connection.open_database(sys.argv[1])
"""


def test_a_migration_killed_midway_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "old.db"
    open_store(path, suggest=False).close()
    before = export_text(path)
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_MIGRATION, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    try:
        announced = child.stdout.readline()  # the child is inside the migration's transaction
    finally:
        child.send_signal(signal.SIGKILL)  # its migration never ends by itself
        child.wait()
    assert announced == "migrating\n"
    db, _ = open_database(path)
    assert "big" not in db.table_names() and "m900_slow" not in migrations.applied_migrations(db)
    db.close()
    assert integrity(path) == "ok" and export_text(path) == before


def test_backup_copies_a_database_in_use(tmp_path, db_path, db, capsys):
    writer = sqlite3.connect(db_path)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    writer.execute("UPDATE documents SET title = 'half written'")
    out = tmp_path / "copy.db"
    assert main(["backup", "--out", str(out), "--db", str(db_path)]) == 0
    writer.rollback()
    writer.close()
    assert "backed up the database to" in capsys.readouterr().out
    assert integrity(out) == "ok" and export_text(out) == export_text(db_path)
    assert main(["backup", "--out", str(out), "--db", str(db_path)]) == 1
    assert "already exists; add --force" in capsys.readouterr().err


async def test_the_app_on_a_read_only_database_says_so_and_saves_nothing(tmp_path, monkeypatch):
    from tui.app import TalentApp

    path = tmp_path / "shared.db"
    open_store(path).close()
    before = export_text(path)
    monkeypatch.setattr(connection, "_writable", lambda _path: False)
    app = TalentApp(open_store(path, suggest=False, create=False), path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        status = app.reader.query_one("#status")
        assert str(status.render()).startswith(" read-only ")
        await pilot.press("a")
        await pilot.pause()
        assert "this database is read-only: nothing was saved" in str(status.render())
    assert export_text(path) == before
