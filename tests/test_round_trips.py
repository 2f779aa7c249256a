"""What goes out comes back: a native export imported into an empty database exports to the
same bytes, with every annotation the first database had (two offers between one pair, two
claims on one sentence, review states, versions, claim relations, a document without spans)."""

from __future__ import annotations

import json
from pathlib import Path

from dataset_corpus import records as corpus_records

from store.workspace import open_store
from tui.cli import main

SENTENCE = "Meta offered Jiahui Yu $400 million."


def rich_records() -> list[dict]:
    """The dataset corpus, with what a lossy importer would fold together."""
    en, zh = corpus_records()
    en["spans"] = [{"id": n, **span} for n, span in enumerate(en["spans"], start=1)]
    claim = en["claims"][0]
    en["claims"].append({**claim, "id": 2, "status": "disputed", "note": "only one source"})
    en["links"] += [
        {"person": "p1", "org": "o1", "relation": "offered_by", "note": "equity",
         "amount": {"amount": 320000000, "currency": "USD", "per": None}},
        {"person": "p1", "org": "o1", "relation": "offered_by", "note": "signing bonus",
         "amount": {"amount": 80000000, "currency": "USD", "per": None}},
    ]  # fmt: skip
    en["review_state"] = "done"
    en["reviews"] = [
        {"annotator": "ana", "state": "done"},
        {"annotator": "bob", "state": "in_progress"},
    ]
    zh["review_state"] = "in_progress"
    zh["claims"] = [
        {"id": 3, "start": 0, "end": 12, "category": "hiring", "status": "unverified", "note": ""}
    ]
    zh["claim_relations"] = [{"a": 3, "b": 1, "kind": "same", "annotator": "ana"}]
    empty = {"id": "empty1", "title": "Nothing", "text": "Nothing happened today.", "spans": []}
    old = {"id": "v1", "source": "story.txt", "text": "Meta hired Eve.", "spans": []}
    new = {
        "id": "v2",
        "source": "story.txt",
        "supersedes": "v1",
        "text": "Meta hired Eve in July.",
        "spans": [{"start": 0, "end": 4, "label": "ORG"}],
    }
    crlf = {
        "id": "crlf1",
        "text": "Line one.\r\nOpenAI on line two.",
        "spans": [{"start": 11, "end": 17, "label": "ORG", "text": "OpenAI"}],
    }
    return [en, zh, empty, old, new, crlf]


def _cli(*args) -> None:
    assert main([str(a) for a in args]) == 0


def _export(db_path: Path, out: Path) -> bytes:
    _cli("export", "--format", "jsonl", "--out", out, "--db", db_path)
    return out.read_bytes()


def test_a_native_export_imports_into_an_empty_database_and_exports_the_same_bytes(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("TALENT_TUI_ANNOTATOR", "ana")
    rich = tmp_path / "rich.jsonl"
    rich.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rich_records()), encoding="utf-8"
    )
    first_db, second_db = tmp_path / "first.db", tmp_path / "second.db"
    _cli("import", rich, "--db", first_db)
    first = _export(first_db, tmp_path / "first.jsonl")
    _cli("import", tmp_path / "first.jsonl", "--db", second_db)
    second = _export(second_db, tmp_path / "second.jsonl")
    assert first == second

    lines = {record["id"]: record for record in map(json.loads, first.decode().splitlines())}
    en = lines["en1"]
    offers = [link for link in en["links"] if link["relation"] == "offered_by"]
    assert sorted(link["amount"]["amount"] for link in offers) == [80_000_000, 320_000_000]
    assert sorted(claim["status"] for claim in en["claims"]) == ["disputed", "supported"]
    assert en["review_state"] == "done"
    assert en["reviews"] == [
        {"annotator": "ana", "state": "done"},
        {"annotator": "bob", "state": "in_progress"},
    ]
    assert en["claim_relations"] == [{"a": 1, "b": 3, "kind": "same", "annotator": "ana"}]
    assert lines["zh1"]["review_state"] == "in_progress"
    assert lines["v2"]["supersedes"] == "v1" and lines["v1"]["supersedes"] is None
    assert lines["empty1"]["spans"] == []
    crlf = lines["crlf1"]
    assert crlf["text"] == "Line one.\nOpenAI on line two."
    assert [s["text"] for s in crlf["spans"]] == ["OpenAI"]
    db = open_store(second_db, suggest=False, create=False)
    assert db.execute("SELECT count(*) FROM spans WHERE document_id = 'empty1'").fetchone()[0] == 0
    db.close()


def test_importing_the_same_export_twice_adds_nothing(tmp_path):
    rich = tmp_path / "rich.jsonl"
    rich.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rich_records()), encoding="utf-8"
    )
    db_path = tmp_path / "t.db"
    _cli("import", rich, "--db", db_path)
    before = _export(db_path, tmp_path / "a.jsonl")
    _cli("import", rich, "--db", db_path)
    assert _export(db_path, tmp_path / "b.jsonl") == before
