"""Outputs stay inside --out and never replace what is not theirs; a read-only, damaged, empty
or full database gets one clear line and is left as it was."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store import connection
from tests.integrity import export_text, integrity

ARTICLE = "Jiahui Yu joined Meta from OpenAI."


def _line(doc_id: str) -> str:
    return json.dumps({"id": doc_id, "text": f"{ARTICLE} ({doc_id})"})


def test_document_ids_never_lead_a_brat_export_out_of_its_folder(cli, db, tmp_path):
    victim = tmp_path / "elsewhere" / "victim"
    victim.parent.mkdir()
    feed = tmp_path / "feed.jsonl"
    ids = [str(victim), "../../x", "..", ".hidden", "ok-id"]
    feed.write_text("\n".join(_line(doc_id) for doc_id in ids) + "\n", encoding="utf-8")
    assert cli("import", feed)[0] == 0
    out = tmp_path / "out" / "brat"
    out.parent.mkdir()
    status, _, err = cli("export", "--format", "brat", "--out", out, "--docs", ",".join(ids))
    assert status == 0, err
    assert list(victim.parent.iterdir()) == [] and not (tmp_path / "x.txt").exists()
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 2 * len(ids) + 1 and "ok-id.txt" in names
    assert all(not name.startswith(".") for name in names)


def test_force_never_removes_the_folder_that_holds_the_database(tmp_path, capsys):
    from tui.cli.main import main

    folder = tmp_path / "work"
    folder.mkdir()
    db_path = folder / "talent.db"
    assert main(["import", str(_article(tmp_path)), "--db", str(db_path)]) == 0
    before = export_text(db_path)
    capsys.readouterr()
    status = main(
        ["export", "--format", "csv", "--out", str(folder), "--force", "--db", str(db_path)]
    )
    err = capsys.readouterr().err
    assert status == 1 and "holds the database being read; not replaced" in err
    assert export_text(db_path) == before


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE + "\n", encoding="utf-8")
    return path


def test_force_replaces_only_a_previous_export_of_the_same_format(cli, db, tmp_path):
    out = tmp_path / "brat"
    assert cli("export", "--format", "brat", "--out", out)[0] == 0
    assert cli("export", "--format", "brat", "--out", out, "--force")[0] == 0
    (out / "thesis.docx").write_text("a year of work", encoding="utf-8")
    status, _, err = cli("export", "--format", "brat", "--out", out, "--force")
    assert status == 1 and "holds files that no export of this format writes" in err
    assert (out / "thesis.docx").read_text(encoding="utf-8") == "a year of work"
    status, _, err = cli("export", "--format", "csv", "--out", out, "--force")
    assert status == 1 and (out / "thesis.docx").exists()


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="no /dev/null")
def test_force_never_replaces_a_device(cli, db):
    status, _, err = cli("export", "--format", "jsonl", "--out", "/dev/null", "--force")
    assert status == 1 and "not a regular file" in err
    assert Path("/dev/null").is_char_device()


def _left_with_a_wal(db_path: Path, tmp_path: Path) -> None:
    """A database whose last writes are only in its WAL: the writer was killed before any
    checkpoint, and its shared-memory file was not kept (as when the two are copied)."""
    script = (
        "import os, sys\n"
        "from store.workspace import open_store\n"
        "from store.importer import import_paths\n"
        "from pathlib import Path\n"
        "db = open_store(sys.argv[1], suggest=False)\n"
        "import_paths(db, [Path(sys.argv[2])])\n"
        "os._exit(0)\n"
    )
    feed = tmp_path / "feed.jsonl"
    spans = [{"start": 0, "end": 9, "label": "PERSON"}, {"start": 17, "end": 21, "label": "ORG"}]
    feed.write_text(json.dumps({"text": ARTICLE, "spans": spans}) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-c", script, str(db_path), str(feed)], check=True)
    assert Path(f"{db_path}-wal").stat().st_size > 0
    Path(f"{db_path}-shm").unlink(missing_ok=True)


def test_a_read_only_database_shows_what_is_still_in_its_wal(cli, db_path, tmp_path, monkeypatch):
    _left_with_a_wal(db_path, tmp_path)
    monkeypatch.setattr(connection, "_writable", lambda path: False)
    status, out, _ = cli("stats")
    assert status == 0
    assert "PERSON" in out and "ORG" in out  # the two spans only the WAL holds
    db, _ = connection.open_database(db_path, create=False)
    assert connection.is_read_only(db)
    assert db.execute("SELECT count(*) FROM spans WHERE origin = 'import'").fetchone()[0] == 2


def test_a_read_only_database_without_shared_memory_reads_a_private_copy(
    db_path, tmp_path, monkeypatch
):
    _left_with_a_wal(db_path, tmp_path)
    real_plain = connection._plain

    def no_shared_memory(target, uri=False):
        # SQLite cannot open it read-only: no -shm file, and the folder cannot take one.
        if str(target).endswith("?mode=ro"):
            return real_plain(f"file:{tmp_path}/no-such-folder/x.db?mode=ro", uri=True)
        return real_plain(target, uri)

    monkeypatch.setattr(connection, "_plain", no_shared_memory)
    conn = connection.open_read_only(db_path)
    assert conn.execute("SELECT count(*) FROM spans WHERE origin = 'import'").fetchone()[0] == 2
    assert conn.execute("PRAGMA query_only").fetchone()[0] == 1


def test_importing_into_a_read_only_database_is_refused(cli, db, db_path, tmp_path, monkeypatch):
    before = export_text(db_path)
    monkeypatch.setattr(connection, "_writable", lambda path: False)
    status, out, err = cli("import", _article(tmp_path))
    assert status == 1 and out == ""
    assert "is read-only" in err and err.count("\n") == 1
    monkeypatch.undo()
    assert export_text(db_path) == before


def _damage(db_path: Path) -> bytes:
    """Random bytes over the pages of the spans table (the file's header stays whole)."""
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    at = (root - 1) * page_size
    data[at : at + page_size] = os.urandom(page_size)
    db_path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_database_is_refused_for_import_and_backup(cli, db, db_path, tmp_path):
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    damaged = _damage(db_path)
    status, _, err = cli("import", _article(tmp_path))
    assert status == 1 and "the database is damaged" in err and err.count("\n") == 1
    backup = tmp_path / "copy.db"
    status, _, err = cli("backup", "--out", backup)
    assert status == 1 and "the database is damaged" in err
    assert not backup.exists() and db_path.read_bytes() == damaged


def test_reading_an_empty_file_never_makes_it_a_database(tmp_path, capsys):
    from tui.cli.main import main

    empty = tmp_path / "empty.db"
    empty.touch()
    for command in (["stats"], ["export", "--format", "jsonl", "--out", "-"]):
        assert main([*command, "--db", str(empty)]) == 1
        assert "an empty file, not a talent-tui database" in capsys.readouterr().err
    assert empty.stat().st_size == 0


def _limited(megabytes: float):
    """A child process that may write no file larger than this (as on a full disk)."""
    limit = int(megabytes * 1_000_000)

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


def _talent_tui(*args: str, limit_mb: float) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("talent-tui")), *args]
    return subprocess.run(
        command, capture_output=True, text=True, preexec_fn=_limited(limit_mb), timeout=120
    )


def test_a_full_disk_during_import_leaves_the_database_as_it_was(db, db_path, tmp_path):
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = export_text(db_path)
    big = tmp_path / "big.txt"
    big.write_text("Meta hired a researcher from OpenAI. " * 60_000, encoding="utf-8")
    size_mb = db_path.stat().st_size / 1_000_000
    done = _talent_tui("import", str(big), "--db", str(db_path), limit_mb=size_mb + 0.5)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "unexpected error" not in done.stderr, done.stderr
    assert "nothing of this was written" in done.stderr
    assert integrity(db_path) == "ok" and export_text(db_path) == before


def test_a_backup_onto_a_full_disk_leaves_no_file_behind(db, db_path, tmp_path):
    db.close()
    out_folder = tmp_path / "backups"
    out_folder.mkdir()
    done = _talent_tui(
        "backup", "--out", str(out_folder / "copy.db"), "--db", str(db_path), limit_mb=0.05
    )
    assert done.returncode == 1 and "cannot be written" in done.stderr, done.stderr
    assert list(out_folder.iterdir()) == []
