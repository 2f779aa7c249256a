"""Proposals that two entities are one, confirmed as a merge (or a move within a document) and
refused for good."""

from __future__ import annotations

from store import actions
from store.annotations import spans_for_document
from store.identity import confirm, proposals, refuse
from store.importer import import_paths
from store.suggestions import refresh_pending


def import_text(db, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    import_paths(db, [path])
    refresh_pending(db)
    doc_id = db.execute("SELECT id FROM documents WHERE source = ?", [name]).fetchone()[0]
    return doc_id


def label(db, doc_id, text, quote, kind, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    actions.label_range(db, doc_id, start, start + len(quote), kind, "ana")


def entity_of(db, doc_id, quote):
    return {s.entity for s in spans_for_document(db, doc_id) if s.quote == quote and s.entity}


def test_a_surname_alone_is_proposed_within_its_document_and_confirmed_there(db, tmp_path):
    text = "Alexandra Petrovna left Acme Robotics. Later Petrovna said she wanted a change.\n"
    doc = import_text(db, tmp_path, "a.txt", text)
    label(db, doc, text, "Alexandra Petrovna", "PERSON")
    label(db, doc, text, "Petrovna", "PERSON", nth=1)
    other_text = "Petrovna, a chess player, won.\n"
    other = import_text(db, tmp_path, "b.txt", other_text)
    label(db, other, other_text, "Petrovna", "PERSON")
    [proposal] = [p for p in proposals(db) if p.document_id]
    assert (proposal.keep.name, proposal.other.name, proposal.document_id) == (
        "Alexandra Petrovna", "Petrovna", doc,
    )  # fmt: skip
    confirm(db, proposal, "ana")
    assert entity_of(db, doc, "Petrovna") == entity_of(db, doc, "Alexandra Petrovna")
    # Only in that document: the chess player elsewhere stays who she was.
    assert entity_of(db, other, "Petrovna") == {proposal.other.id}


def test_organizations_with_the_same_name_but_a_company_suffix_are_proposed(db, tmp_path):
    text = "Moonshot Labs Inc. hired two. Moonshot Labs grew.\n"
    doc = import_text(db, tmp_path, "m.txt", text)
    label(db, doc, text, "Moonshot Labs Inc.", "ORG")
    label(db, doc, text, "Moonshot Labs", "ORG", nth=1)
    [proposal] = [p for p in proposals(db) if p.keep.label == "ORG"]
    assert {proposal.keep.name, proposal.other.name} == {"Moonshot Labs Inc.", "Moonshot Labs"}
    refuse(db, proposal, "ana")
    assert [p for p in proposals(db) if p.keep.label == "ORG"] == []
