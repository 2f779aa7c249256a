"""What goes out comes back: a native export imported into an empty database exports to the
same bytes, with every annotation the first database had (two offers between one pair, two
claims on one sentence, review states, versions, claim relations, a document without spans)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dataset_corpus import records as corpus_records

from store.workspace import open_store
from tui.cli.main import main

SENTENCE = "Meta offered Jiahui Yu $400 million."


def rich_records() -> list[dict]:
    """The dataset corpus, with what a lossy importer would fold together."""
    en, zh = corpus_records()
    en["spans"] = [{"id": n, **span} for n, span in enumerate(en["spans"], start=1)]
    claim = en["claims"][0]
    claim["attributed_to"] = "p2"  # Sam Altman says so
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


# A document whose traps each format must handle: a text a spreadsheet would run as a formula,
# names holding characters that end a line for Python's splitlines, and a rejected span.
TRAP_TEXT = "-1 is a bullet.\nOpen\u2028AI hired Ma\x0cx and Ki\x85m from Meta."


def _trap_record() -> dict:
    def span(quote: str, label: str, **extra) -> dict:
        start = TRAP_TEXT.index(quote)
        return {"start": start, "end": start + len(quote), "label": label, **extra}

    return {
        "id": "trap1",
        "title": "Traps",
        "text": TRAP_TEXT,
        "entities": [
            {"id": "tp", "label": "PERSON", "name": "Ma\x0cx \uffff\x01"},
            {"id": "to", "label": "ORG", "name": "Meta"},
        ],
        "spans": [
            span("Open\u2028AI", "ORG"),
            span("Ma\x0cx", "PERSON", entity="tp"),
            span("Ki\x85m", "PERSON"),
            span("Meta", "ORG", entity="to"),
            span("bullet", "ORG", status="rejected"),
            span("-1", "NUMBER", status="suggested"),
        ],
        "links": [{"person": "tp", "org": "to", "relation": "joined"}],
    }


@pytest.fixture
def rich_db(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TALENT_TUI_ANNOTATOR", "ana")
    rich = tmp_path / "rich.jsonl"
    lines = [*rich_records(), _trap_record()]
    rich.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8"
    )
    db_path = tmp_path / "rich.db"
    _cli("import", rich, "--db", db_path)
    return db_path


def _spans_by_text(db_path: Path, statuses=("accepted", "rejected", "suggested")) -> set:
    db = open_store(db_path, suggest=False, create=False)
    try:
        rows = db.execute(
            'SELECT d.text, s.start, s."end", s.label, s.status FROM spans s '
            "JOIN documents d ON d.id = s.document_id "
            "WHERE s.status IN (SELECT value FROM json_each(?))",
            [json.dumps(statuses)],
        ).fetchall()
        return {tuple(row) for row in rows}
    finally:
        db.close()


def _export_as(db_path: Path, fmt: str, out: Path, capsys) -> str:
    capsys.readouterr()
    _cli("export", "--format", fmt, "--status", "all", "--out", out, "--db", db_path)
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_brat_carries_every_span_status_claim_and_empty_document_back(rich_db, tmp_path, capsys):
    out = tmp_path / "brat"
    _export_as(rich_db, "brat", out, capsys)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    relations = conf.split("[relations]")[1].split("[events]")[0]
    assert "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>" in relations
    assert (out / "empty1.ann").read_bytes() == b""
    for ann in out.glob("*.ann"):
        content = ann.read_text(encoding="utf-8")
        # brat's reader splits with splitlines: every line must be a line to it too.
        assert content.splitlines() == content.split("\n")[:-1], ann.name
    again = tmp_path / "again.db"
    _cli("import", out, "--format", "brat", "--db", again)
    assert _spans_by_text(again) == _spans_by_text(rich_db)


def test_csv_keeps_the_text_and_its_offsets_consistent(rich_db, tmp_path, capsys):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "csv"
    _export_as(rich_db, "csv", out, capsys)
    documents = pandas.read_csv(out / "documents.csv", encoding="utf-8-sig", keep_default_na=False)
    spans = pandas.read_csv(out / "spans.csv", encoding="utf-8-sig", keep_default_na=False)
    trap = documents[documents["id"] == "trap1"].iloc[0]
    assert trap["text"] == "'" + TRAP_TEXT and trap["text_offset"] == 1
    for _, span in spans[spans["document_id"] == "trap1"].iterrows():
        base = trap["text_offset"]
        quote = trap["text"][base + span["start"] : base + span["end"]]
        assert quote == TRAP_TEXT[span["start"] : span["end"]]
    assert set(documents[documents["id"] != "trap1"]["text_offset"]) == {0}


def test_label_studio_never_gives_a_rejection_as_a_persons_label(rich_db, tmp_path, capsys):
    out = tmp_path / "tasks.json"
    said = _export_as(rich_db, "labelstudio", out, capsys)
    assert "1 rejected span(s) left out" in said
    tasks = json.loads(out.read_text(encoding="utf-8"))
    trap = next(task for task in tasks if task["data"]["talent_id"] == "trap1")
    labelled = [
        r["value"]["text"] for a in trap["annotations"] for r in a["result"] if "value" in r
    ]
    assert "bullet" not in labelled and "Meta" in labelled
    predicted = [r["value"]["text"] for p in trap["predictions"] for r in p["result"]]
    assert predicted == ["-1"]
    # Label Studio's own export lists predictions by id and keeps drafts: both read.
    for task in tasks:
        task["predictions"] = [7]
        task["drafts"] = [{"result": []}]
    own = tmp_path / "own.json"
    own.write_text(json.dumps(tasks), encoding="utf-8")
    again = tmp_path / "again.db"
    _cli("import", own, "--format", "labelstudio", "--db", again)
    assert _spans_by_text(again) == _spans_by_text(rich_db, ("accepted",))


@pytest.mark.parametrize("fmt", ["doccano", "conll", "spacy"])
def test_formats_without_a_status_leave_rejections_out_and_say_so(rich_db, tmp_path, capsys, fmt):
    pytest.importorskip("spacy")
    out = tmp_path / f"out.{fmt}"
    said = _export_as(rich_db, fmt, out, capsys)
    assert "1 rejected span(s) left out" in said
    if fmt == "doccano":
        assert "overlap another" in said  # Jiahui inside Jiahui Yu
        trap = next(
            r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
            if r["meta"]["talent_id"] == "trap1"
        )  # fmt: skip
        labelled = [TRAP_TEXT[e["start_offset"] : e["end_offset"]] for e in trap["entities"]]
        assert "bullet" not in labelled


def test_graphml_parses_with_any_character_in_a_name(rich_db, tmp_path, capsys):
    networkx = pytest.importorskip("networkx")
    out = tmp_path / "talent.graphml"
    _cli("export", "--format", "graphml", "--out", out, "--db", rich_db)
    graph = networkx.read_graphml(out)
    names = {data.get("name") for _, data in graph.nodes(data=True)}
    assert "Ma\x0cx \ufffd\ufffd" not in names  # \x0c is no XML character either
    assert any(name and name.startswith("Ma") and "\ufffd" in name for name in names)


def test_xmi_is_read_by_cassis_with_utf16_offsets_and_imports_back(rich_db, tmp_path, capsys):
    cassis = pytest.importorskip("cassis")
    from talent.formats.xmi import CLAIM, LINK, NAMED_ENTITY

    out = tmp_path / "xmi"
    said = _export_as(rich_db, "xmi", out, capsys)
    assert "1 rejected span(s) left out" in said
    types = cassis.load_typesystem((out / "typesystem.xml").read_bytes().decode())
    cas = cassis.load_cas_from_xmi((out / "en1.xmi").read_text(encoding="utf-8"), typesystem=types)
    text = cas.sofa_string
    names = {(ne.get_covered_text(), ne.value) for ne in cas.select(NAMED_ENTITY)}
    assert ("Sam Altman", "PERSON") in names  # after an astral character
    raw = (out / "en1.xmi").read_text(encoding="utf-8")
    utf16 = len(text[: text.index("Sam Altman")].encode("utf-16-le")) // 2
    assert f'begin="{utf16}"' in raw and utf16 == text.index("Sam Altman") + 1
    claims = {(c.category, c.status) for c in cas.select(CLAIM)}
    assert claims == {("compensation", "supported"), ("compensation", "disputed")}
    links = sorted(
        (link.relation, link.Governor.get_covered_text(), link.Dependent.get_covered_text())
        for link in cas.select(LINK)
    )
    assert ("offered_by", "Jiahui Yu", "Meta") in links and len(links) == 5
    again = tmp_path / "again.db"
    _cli("import", out, "--format", "xmi", "--db", again)
    # The trap's text holds \x0c, which XML 1.0 cannot: left out, and said.
    assert "1 document(s) left out: their text holds control characters" in said
    assert _spans_by_text(again) == {
        (*span[:4], "accepted")
        for span in _spans_by_text(rich_db, ("accepted", "suggested"))
        if span[0] != TRAP_TEXT
    }
    db = open_store(again, suggest=False, create=False)
    offers = db.execute(
        "SELECT amount FROM links WHERE relation = 'offered_by' ORDER BY amount"
    ).fetchall()
    assert len(offers) == 2
    db.close()


def test_an_xmi_file_with_entities_is_refused(cli, db, db_path, tmp_path):
    folder = tmp_path / "xmi"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE", encoding="utf-8")
    (folder / "doc.xmi").write_text(
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore">'
        '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&s;"/></xmi:XMI>',
        encoding="utf-8",
    )
    status, _, err = cli("import", folder, "--format", "xmi")
    assert status == 1 and "declares a DTD or entities" in err


def test_doccano_carries_spans_and_links_back(rich_db, tmp_path, capsys):
    out = tmp_path / "doccano.jsonl"
    _export_as(rich_db, "doccano", out, capsys)
    again = tmp_path / "again.db"
    _cli("import", out, "--format", "doccano", "--db", again)
    assert _spans_by_text(again) == {
        (*span[:4], "accepted") for span in _spans_by_text(rich_db, ("accepted", "suggested"))
    }
    db = open_store(again, suggest=False, create=False)
    relations = sorted(row[0] for row in db.execute("SELECT relation FROM links"))
    db.close()
    assert relations == ["joined", "joined", "leads", "left", "left", "offered_by", "offered_by"]


def test_the_history_goes_out_on_request_and_an_import_starts_its_own(rich_db, tmp_path, capsys):
    from store import actions

    db = open_store(rich_db, suggest=False, create=False)
    july = db.execute("SELECT id FROM spans WHERE quote = 'July'").fetchone()[0]
    actions.decide_span(db, july, "accepted", "bob")
    db.close()
    out = tmp_path / "with-history.jsonl"
    _cli("export", "--format", "jsonl", "--history", "--out", out, "--db", rich_db)
    en = next(
        r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if r["id"] == "en1"
    )
    accepted = [h for h in en["history"] if h["annotator"] == "bob" and h["table"] == "spans"]
    assert accepted and accepted[0]["before"]["status"] == "suggested"
    assert accepted[0]["after"]["status"] == "accepted"
    plain = _export(rich_db, tmp_path / "plain.jsonl")
    again = tmp_path / "again.db"
    _cli("import", out, "--db", again)
    assert _export(again, tmp_path / "again.jsonl") == plain
    assert (
        main(
            [
                "export",
                "--format",
                "brat",
                "--history",
                "--out",
                str(tmp_path / "b"),
                "--db",
                str(rich_db),
            ]
        )
        == 1
    )
    assert "--history is part of the native jsonl export only" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "suffix"), [("brat", ""), ("labelstudio", ".json"), ("xmi", "")])
def test_who_asserts_a_claim_goes_out_and_comes_back(rich_db, tmp_path, capsys, fmt, suffix):
    if fmt == "xmi":
        pytest.importorskip("cassis")
    out = tmp_path / f"out{suffix}"
    _export_as(rich_db, fmt, out, capsys)
    again = tmp_path / "again.db"
    _cli("import", out, "--format", fmt, "--db", again)
    db = open_store(again, suggest=False, create=False)
    said = db.execute(
        "SELECT e.label, e.name FROM claims c JOIN entities e ON e.id = c.attributed_to"
    ).fetchall()
    db.close()
    assert {tuple(row) for row in said} == {("PERSON", "Sam Altman")} and len(said) == 2


def test_formats_that_cannot_hold_claims_count_what_they_leave_out(rich_db, tmp_path, capsys):
    said = _export_as(rich_db, "conll", tmp_path / "out.conll", capsys)
    assert "3 claim(s) left out: not part of the conll format" in said
    said = _export_as(rich_db, "spacy", tmp_path / "out.spacy", capsys)
    assert "who asserts 2 claim(s) left out" in said
