"""User actions in the store: labels, decisions, entities, claims, links, and undo/redo of each
as one step, including after the database is closed and opened again."""

from __future__ import annotations

import pytest

from store import actions, claim_link_actions
from store.annotations import claims_for_document, links_for_document, spans_for_document
from store.documents import list_documents
from store.history import HistoryError, redo, undo
from store.workspace import open_store
from talent.model import Claim, Link


def seed(db, lang):
    return next(d for d in list_documents(db) if d.lang == lang)


def spans_at(db, doc, text):
    return [s for s in spans_for_document(db, doc.id) if s.quote == text]


def snapshot(db):
    """Everything a user could see change, to compare before and after undo."""
    rows = {}
    for table in ("spans", "entities", "claims", "claim_entities", "links", "lexicon"):
        rows[table] = db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    rows["states"] = db.execute("SELECT id, review_state FROM documents").fetchall()
    return rows


def test_openai_in_both_seeds_is_one_entity_and_facebook_joins_meta(db):
    zh, en = seed(db, "zh"), seed(db, "en")
    for doc in (zh, en):
        span = spans_at(db, doc, "OpenAI")[0]
        actions.decide_span(db, span.id, "accepted", "ana")
    ids = {spans_at(db, doc, "OpenAI")[0].entity for doc in (zh, en)}
    assert len(ids) == 1 and None not in ids
    facebook = spans_at(db, zh, "Facebook")[0]
    actions.decide_span(db, facebook.id, "accepted", "ana")
    meta = spans_at(db, zh, "Meta")[0]
    actions.decide_span(db, meta.id, "accepted", "ana")
    assert spans_at(db, zh, "Facebook")[0].entity == spans_at(db, zh, "Meta")[0].entity


def test_every_action_is_undone_and_redone_as_one_step(db):
    zh = seed(db, "zh")
    before = snapshot(db)
    start = zh.text.index("于佳慧")
    actions.label_range(db, zh.id, start, start + 3, "PERSON", "ana")
    after_label = snapshot(db)
    span = spans_at(db, zh, "于佳慧")[0]
    assert span.status == "accepted" and span.entity
    everywhere = actions.decide_everywhere(db, span.id, "accepted", "ana")
    assert "occurrence" in everywhere.message
    assert all(s.status == "accepted" for s in spans_at(db, zh, "于佳慧"))
    undo(db, "ana")
    assert snapshot(db) == after_label
    undo(db, "ana")
    assert snapshot(db) == before
    redo(db, "ana")
    assert snapshot(db) == after_label
    with pytest.raises(HistoryError):
        redo(db, "bob")  # each annotator has their own history


def test_undo_works_after_a_restart(db_path):
    db = open_store(db_path)
    zh = seed(db, "zh")
    before = snapshot(db)
    start = zh.text.index("任泓宇")
    actions.label_range(db, zh.id, start, start + 3, "PERSON", "ana")
    db.close()
    again = open_store(db_path)
    message = undo(again, "ana").message
    assert "任泓宇" in message
    assert snapshot(again) == before


def test_claims_links_entities_and_review_state_undo(db):
    zh = seed(db, "zh")
    for name in ("于佳慧", "OpenAI"):
        actions.decide_everywhere(db, spans_at(db, zh, name)[0].id, "accepted", "ana")
    person = spans_at(db, zh, "于佳慧")[0].entity
    org = spans_at(db, zh, "OpenAI")[0].entity
    before = snapshot(db)
    start = zh.text.index("仅于佳慧的招募")
    end = zh.text.index("总计达到4亿美元。") + 9
    claim = claim_link_actions.save_claim(
        db, Claim(0, zh.id, start, end, zh.text[start:end], "compensation"), "ana"
    )
    claim_id = claim.changes[0].after["id"]
    assert claims_for_document(db, zh.id)[0].entities == (person,)
    amount = {"amount": 80000000, "currency": "USD", "per": None}
    claim_link_actions.save_link(
        db, Link(0, zh.id, person, org, "formerly_at", claim_id, None, amount), "ana"
    )
    assert links_for_document(db, zh.id)[0].amount == amount
    actions.set_review_state(db, zh.id, "done", "ana")
    actions.edit_entity(db, person, "于佳慧", ["Jiahui Yu", "Yu Jiahui"], None, "ana")
    for _ in range(4):
        undo(db, "ana")
    assert snapshot(db) == before


def test_a_link_must_go_from_a_person_to_an_organization(db):
    zh = seed(db, "zh")
    actions.decide_span(db, spans_at(db, zh, "OpenAI")[0].id, "accepted", "ana")
    org = spans_at(db, zh, "OpenAI")[0].entity
    with pytest.raises(HistoryError, match="PERSON to an ORG"):
        claim_link_actions.save_link(db, Link(0, zh.id, org, org, "joined"), "ana")
    assert links_for_document(db, zh.id) == []


def test_a_gazetteer_alias_and_its_full_name_are_one_entity(db):
    zh = seed(db, "zh")
    actions.decide_span(db, spans_at(db, zh, "扎克伯格")[0].id, "accepted", "ana")
    actions.decide_span(db, spans_at(db, zh, "马克·扎克伯格")[0].id, "accepted", "ana")
    assert spans_at(db, zh, "扎克伯格")[0].entity == spans_at(db, zh, "马克·扎克伯格")[0].entity


def test_merging_entities_moves_mentions_and_is_undone(db):
    zh = seed(db, "zh")
    actions.decide_span(db, spans_at(db, zh, "赵盛佳")[0].id, "accepted", "ana")
    actions.decide_span(db, spans_at(db, zh, "毕树超")[0].id, "accepted", "ana")
    first = spans_at(db, zh, "赵盛佳")[0].entity
    second = spans_at(db, zh, "毕树超")[0].entity
    assert first != second
    before = snapshot(db)
    actions.edit_entity(db, first, "赵盛佳", ["赵盛佳"], second, "ana")
    assert spans_at(db, zh, "赵盛佳")[0].entity == second
    undo(db, "ana")
    assert snapshot(db) == before


def test_undo_refuses_when_a_row_changed_since(db):
    zh = seed(db, "zh")
    span = spans_at(db, zh, "OpenAI")[0]
    actions.decide_span(db, span.id, "accepted", "ana")
    actions.decide_span(db, span.id, "rejected", "bob")
    with pytest.raises(HistoryError, match="changed since"):
        undo(db, "ana")


def test_every_change_of_an_action_is_logged_with_before_and_after(db):
    zh = seed(db, "zh")
    span = spans_at(db, zh, "于佳慧")[0]
    action = actions.decide_everywhere(db, span.id, "accepted", "ana")
    logged = db.execute(
        "SELECT COUNT(*) FROM events WHERE action_id = ?", [action.action_id]
    ).fetchone()[0]
    assert logged == len(action.changes) > 1
