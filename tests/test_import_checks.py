"""Imports that refuse what the model cannot hold, wait for a busy database, say honestly when
suggestions come later, and leave no worker behind when killed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integrity import export_text, integrity

ENTITIES = [
    {"id": "p", "label": "PERSON", "name": "Jiahui Yu"},
    {"id": "o", "label": "ORG", "name": "Meta"},
    {"id": "d", "label": "DATE", "name": "July"},
]
TEXT = "Jiahui Yu joined Meta in July."


def line(**fields) -> str:
    return json.dumps({"text": TEXT, **fields}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"text": "Meta", "spans": [{"start": 0, "end": 4, "label": "MONEY", '
            '"value": {"amount": NaN}}]}',
            "NaN is not a JSON number",
        ),
        ('{"text": "Meta", "x": Infinity}', "Infinity is not a JSON number"),
        ('{"text": "Meta", "x": 1e400}', "1e400 is too large a number"),
        ('{"text": "Meta", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deeply"),
        ('{"text": "Meta", "title": "A\\ud800B"}', "\\ud800 at column 29 is a lone surrogate"),
        (
            line(spans=[{"start": 0, "end": 9, "label": "PERSON", "status": ""}]),
            "span 1: \"status\" is '', expected one of suggested, accepted, rejected",
        ),
        (
            line(entities=ENTITIES, links=[{"person": "d", "org": "o", "relation": "joined"}]),
            "link 1: \"person\" names entity 'd', a DATE; it must be a PERSON",
        ),
        (
            line(entities=ENTITIES, links=[{"person": "p", "org": "p", "relation": "joined"}]),
            "link 1: \"org\" names entity 'p', a PERSON; it must be a ORG",
        ),
        (
            line(entities=ENTITIES, spans=[{"start": 0, "end": 9, "label": "ORG", "entity": "p"}]),
            "span 1: \"entity\" names entity 'p', a PERSON; it must be a ORG",
        ),
        (line(lang="x" * 10_000), "\"lang\" is 'xxxxxxxxxxxxxxxxxxxx…', not a language tag"),
        (line(title="t" * 5_000), '"title" is 5,000 characters long; the most it may be is 1,000'),
        (
            line(entities=ENTITIES, links=[{"person": "p", "org": "o", "relation": ""}]),
            "link 1: \"relation\" is '', expected one of",
        ),
    ],
    ids=[
        "nan",
        "infinity",
        "overflow",
        "nesting",
        "surrogate",
        "empty-status",
        "date-person",
        "person-org",
        "span-entity-label",
        "long-lang",
        "long-title",
        "empty-relation",
    ],
)
def test_values_the_model_cannot_hold_are_refused_naming_the_line(
    cli, db, db_path, tmp_path, content, message
):
    before = export_text(db_path)
    path = tmp_path / "bad.jsonl"
    path.write_text(line() + "\n" + content + "\n", encoding="utf-8")
    status, out, err = cli("import", path)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and f"bad.jsonl, line 2: {message}" in err
    assert integrity(db_path) == "ok" and export_text(db_path) == before


def test_a_document_over_the_size_limit_names_the_option_that_raises_it(cli, db, db_path, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Meta hired a researcher. " * 50_000, encoding="utf-8")  # 1.25 MB
    feed = tmp_path / "feed.jsonl"
    feed.write_text(line() + "\n" + line(text="长" * 400_000) + "\n", encoding="utf-8")
    before = export_text(db_path)
    status, _, err = cli("import", "--max-document-mb", "1", big)
    assert status == 1
    assert "big.txt: a document of 1.2 MB, over the 1 MB limit" in err
    assert "(to import it: --max-document-mb 2)" in err
    status, _, err = cli("import", "--max-document-mb", "1", feed)
    assert status == 1 and "feed.jsonl, line 2: a document of 1.2 MB" in err
    assert export_text(db_path) == before
    status, out, _ = cli("import", "--max-document-mb", "2", big, feed)
    assert status == 0 and "imported 3 document(s)" in out


def test_suggestions_that_fail_after_the_documents_are_in_are_promised_honestly(
    cli, db, db_path, tmp_path, monkeypatch
):
    from store.suggestions import pending_documents, recognizer_for
    from tui.cli import importing

    def locked(*_args):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(importing, "refresh_pending", locked)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    status, out, err = cli("import", article)
    assert (status, err) == (0, "")
    assert "imported 1 document(s)" in out
    assert "suggestions not made now (database is locked); the app makes them when it opens" in out
    assert len(pending_documents(db, recognizer_for(db))) == 1


def _spawn_import(db_path: Path, *paths: Path) -> subprocess.Popen:
    code = "import sys; from tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [sys.executable, "-c", code, "import", *map(str, paths), "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )


def test_a_busy_database_is_waited_for_with_a_note(db, db_path, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, for as long as it likes
    importer = _spawn_import(db_path, article)
    note = importer.stderr.readline()
    assert "waiting for the database: another program is writing to it" in note
    holder.execute("COMMIT")
    out, err = importer.communicate(timeout=60)
    assert importer.returncode == 0, err
    assert "imported 1 document(s)" in out
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def _descendants(pid: int) -> set[int]:
    """Every living process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _workers(pid: int) -> set[int]:
    """The recognition workers below `pid` (multiprocessing's spawned children)."""
    found = set()
    for child in _descendants(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
        except OSError:
            continue
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for(condition, seconds: float):
    """Poll until `condition()` is truthy; return its value (falsy when time ran out)."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_sigkill_of_an_import_leaves_no_worker_running(db, db_path, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(40):  # enough text for the two-core recognition
        (folder / f"{n}.txt").write_text(f"{n} 于佳慧离开OpenAI加入Meta。" * 4_000, "utf-8")
    importer = _spawn_import(db_path, folder)
    workers = _wait_for(
        lambda: _workers(importer.pid) if len(_workers(importer.pid)) == 2 else None, 120
    )
    assert workers, "the import never started its two workers"
    everything = _descendants(importer.pid)  # the workers and multiprocessing's helper
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()
    _wait_for(lambda: not _alive(everything), 30)
    assert _alive(everything) == set()
    assert integrity(db_path) == "ok"
