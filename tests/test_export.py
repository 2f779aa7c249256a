"""Native JSONL export: the contract's shape, atomic writes, and a lossless round trip."""

import json
import signal
import subprocess
import sys
import time

from store.annotations import add_span, insert_claim, insert_link, spans_for_document, upsert_entity
from store.documents import list_documents
from store.history import user_action
from store.importer import import_paths
from store.workspace import open_store
from talent.model import Claim, Entity, Link, Span
from tests.integrity import export_text, integrity
from tui.cli.main import main


def annotate(db):
    """Give the Chinese seed an entity-linked span, a claim and a link."""
    doc = next(d for d in list_documents(db) if d.lang == "zh")
    start = doc.text.index("于佳慧")
    org_start = doc.text.index("OpenAI")
    money = doc.text.index("8000万美元")
    with user_action(db, "annotate", "ana") as action:
        upsert_entity(action, Entity("e1", "PERSON", "于佳慧", ("于佳慧", "Jiahui Yu")))
        upsert_entity(action, Entity("e2", "ORG", "OpenAI", ("OpenAI",)))
        claim_id = insert_claim(
            action,
            Claim(
                0,
                doc.id,
                money,
                money + 30,
                doc.text[money : money + 30],
                "compensation",
                entities=("e1",),
                note="sign-on bonus",
                annotator="ana",
            ),
        )
        insert_link(
            action, Link(0, doc.id, "e1", "e2", "formerly_at", evidence=claim_id, annotator="ana")
        )
    add_span(
        db,
        Span(
            0, doc.id, start, start + 3, "PERSON", "于佳慧", "accepted", "user", "e1", None, "ana"
        ),
    )
    add_span(
        db,
        Span(
            0,
            doc.id,
            org_start,
            org_start + 6,
            "ORG",
            "OpenAI",
            "rejected",
            "user",
            "e2",
            None,
            "ana",
        ),
    )
    add_span(
        db,
        Span(
            0,
            doc.id,
            money,
            money + 7,
            "MONEY",
            "8000万美元",
            "accepted",
            "user",
            None,
            {"amount": 80000000, "currency": "USD", "per": None},
            "ana",
        ),
    )
    return doc


def test_export_follows_the_contract(tmp_path, db_path, db):
    doc = annotate(db)
    out = tmp_path / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db_path)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "于佳慧" in raw  # UTF-8, not \u escapes
    records = [json.loads(line) for line in raw.splitlines()]
    assert len(records) == 2
    zh = next(r for r in records if r["id"] == doc.id)
    assert list(zh) == [
        "id",
        "title",
        "lang",
        "source",
        "sha256",
        "review_state",
        "supersedes",
        "text",
        "spans",
        "entities",
        "claims",
        "links",
        "reviews",
        "claim_relations",
    ]
    for span in zh["spans"]:
        assert zh["text"][span["start"] : span["end"]] == span["text"]
    money = next(s for s in zh["spans"] if s["label"] == "MONEY" and s["annotator"] == "ana")
    assert money["value"] == {"amount": 80000000, "currency": "USD", "per": None}
    assert {e["id"] for e in zh["entities"]} == {"e1", "e2"}
    assert zh["claims"][0]["entities"] == ["e1"] and zh["claims"][0]["category"] == "compensation"
    assert zh["links"][0]["evidence"] == zh["claims"][0]["id"]


def test_round_trip_is_identical(tmp_path, db_path, db):
    annotate(db)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    other_db = tmp_path / "other.db"
    assert main(["export", "--format", "jsonl", "--out", str(first), "--db", str(db_path)]) == 0
    assert main(["import", str(first), "--db", str(other_db)]) == 0
    assert main(["export", "--format", "jsonl", "--out", str(second), "--db", str(other_db)]) == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_importing_into_a_database_that_has_the_documents_merges(tmp_path, db_path, db):
    annotate(db)
    exported = tmp_path / "exported.jsonl"
    main(["export", "--format", "jsonl", "--out", str(exported), "--db", str(db_path)])
    other = tmp_path / "seeded.db"
    open_store(other, suggest=False).close()  # a fresh database with the seeds
    assert main(["import", str(exported), "--db", str(other)]) == 0
    again = open_store(other)
    zh = next(d for d in list_documents(again) if d.lang == "zh")
    decided = {
        (s.quote, s.label, s.status)
        for s in spans_for_document(again, zh.id)
        if s.annotator == "ana"
    }
    assert decided == {
        ("于佳慧", "PERSON", "accepted"),
        ("OpenAI", "ORG", "rejected"),
        ("8000万美元", "MONEY", "accepted"),
    }
    assert len(list_documents(again)) == 2
    assert again.execute("SELECT count(*) FROM claims").fetchone()[0] == 1


def test_failed_export_leaves_no_file(tmp_path, db_path, db, capsys):
    out = tmp_path / "missing-folder" / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db_path)]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert not out.exists()


def test_export_never_writes_over_the_database_even_with_force(tmp_path, db_path, db, capsys):
    annotate(db)
    before = export_text(db_path)
    for extra in ([], ["--force"]):
        args = ["export", "--format", "jsonl", "--out", str(db_path), "--db", str(db_path)]
        assert main(args + extra) == 1
        assert "is the database being read" in capsys.readouterr().err
    assert integrity(db_path) == "ok" and export_text(db_path) == before


def test_export_replaces_an_existing_file_only_with_force(tmp_path, db_path, db, capsys):
    out = tmp_path / "kept.jsonl"
    out.write_text("mine\n", encoding="utf-8")
    args = ["export", "--format", "jsonl", "--out", str(out), "--db", str(db_path)]
    assert main(args) == 1
    assert "already exists; add --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert main(args + ["--force"]) == 0
    assert out.read_text(encoding="utf-8").count("\n") == 2


def test_export_to_standard_output(db_path, db, capsys):
    assert main(["export", "--format", "jsonl", "--out", "-", "--db", str(db_path)]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["lang"] for line in captured.out.splitlines()] == ["en", "zh"]
    assert "exported 2 document(s) as jsonl to standard output" in captured.err


def test_a_killed_export_leaves_no_file_and_the_next_one_cleans_up(tmp_path):
    db_path = tmp_path / "big.db"
    news = tmp_path / "news.jsonl"
    body = "Meta hired researchers from OpenAI. " * 1500
    with news.open("w", encoding="utf-8") as handle:
        for number in range(400):
            handle.write(json.dumps({"title": f"n{number}", "text": f"{number} {body}"}) + "\n")
    big = open_store(db_path, suggest=False, seed=False)
    import_paths(big, [news])  # no recognition: the export is what is timed here
    big.close()
    out = tmp_path / "out.jsonl"
    program = "import sys; from tui.cli.main import main; sys.exit(main())"
    command = [sys.executable, "-c", program, "export", "--format", "jsonl"]
    child = subprocess.Popen([*command, "--out", str(out), "--db", str(db_path)])
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".out.jsonl.*.tmp")) and child.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the export finished before it could be killed"
    assert not out.exists() and list(tmp_path.glob(".out.jsonl.*.tmp"))
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db_path)]) == 0
    assert not list(tmp_path.glob(".out.jsonl.*.tmp"))
    assert out.read_text(encoding="utf-8").count("\n") == 400
