"""A shared database: users and their passwords, assignments and queues, and a layer per
annotator so that two people's decisions on one document stay apart (and agreement reads them
live, no merge)."""

from __future__ import annotations

import pytest

from store import actions
from store.agreement import team_corpus
from store.annotations import get_span, spans_for_document
from store.assignments import Choice, assign, chosen_documents, progress, queue
from store.connection import StoreError
from store.documents import document_titles
from store.history import redo, undo
from store.layers import document_in_layer, is_shared, open_layer
from store.users import add_user, get_user, list_users, login, remove_user


def test_passwords_are_stored_as_salted_scrypt_hashes_and_checked(team):
    stored = [row[0] for row in team.execute("SELECT password FROM users")]
    assert all(p.startswith("scrypt$") and "secret" not in p for p in stored)
    assert len(set(stored)) == 3
    assert login(team, "ana", "ana-secret").role == "annotator"
    assert login(team, "meg", "meg-secret").role == "manager"
    assert login(team, "ana", "ben-secret") is None
    assert login(team, "nobody", "ana-secret") is None


@pytest.mark.parametrize("name", ["", "gold", "ana smith", "-x", "a;rm -rf", "名字"])
def test_names_that_cannot_be_users(db, name):
    with pytest.raises(StoreError):
        add_user(db, name, "long enough")
    assert list_users(db) == []


def test_a_taken_name_and_a_short_password_are_refused(team):
    with pytest.raises(StoreError, match="already a user"):
        add_user(team, "ana", "another-one")
    with pytest.raises(StoreError, match="at least 8"):
        add_user(team, "cy", "short")


def test_removing_a_user_ends_their_login_and_keeps_their_work(team):
    doc = document_titles(team)[0].id
    assign(team, [doc], ["ana"], 1, "meg")
    open_layer(team, doc, "ana")
    span = spans_for_document(team, doc, "ana")[0]
    actions.decide_span(team, span.id, "accepted", "ana")
    remove_user(team, "ana")
    assert get_user(team, "ana") is None and login(team, "ana", "ana-secret") is None
    assert queue(team, "ana") == []
    assert spans_for_document(team, doc, "ana")[0].status == "accepted"


def test_documents_are_dealt_round_robin_with_as_many_annotators_as_each_needs(team):
    docs = chosen_documents(team, Choice())
    assert assign(team, docs, ["ana", "ben"], 1, "meg") == 2
    assert len(queue(team, "ana")) == 1 and len(queue(team, "ben")) == 1
    assert set(queue(team, "ana")) != set(queue(team, "ben"))
    assert assign(team, docs, ["ana", "ben"], 2, "meg") == 2  # the missing halves only
    assert assign(team, docs, ["ana", "ben"], 2, "meg") == 0
    assert queue(team, "ana") == queue(team, "ben") == docs
    with pytest.raises(StoreError, match="1 to 2"):
        assign(team, docs, ["ana", "ben"], 3, "meg")
    with pytest.raises(StoreError, match="no such user: zed"):
        assign(team, docs, ["ana", "zed"], 1, "meg")


def test_documents_are_chosen_by_title_glob_review_state_and_folder(team):
    titles = document_titles(team)
    english = next(t for t in titles if t.lang == "en")
    assert chosen_documents(team, Choice(title=english.title[:6] + "*")) == [english.id]
    assert chosen_documents(team, Choice(state="done")) == []
    assert len(chosen_documents(team, Choice(state="new"))) == 2
    sources = dict(team.execute("SELECT id, source FROM documents"))
    team.execute("UPDATE documents SET source = 'week1/' || source WHERE id = ?", [english.id])
    assert chosen_documents(team, Choice(folder="week1")) == [english.id]
    assert chosen_documents(team, Choice(folder="week")) == []
    assert sources  # the seeds have sources to be under a folder
    with pytest.raises(StoreError, match="unknown review state"):
        chosen_documents(team, Choice(state="finished"))


def test_two_annotators_decide_the_same_suggestion_apart(team):
    assert is_shared(team)
    doc = document_titles(team)[0].id
    suggestions = len(spans_for_document(team, doc))
    for who in ("ana", "ben"):
        open_layer(team, doc, who)
        open_layer(team, doc, who)  # the second opening takes nothing again
    ana, ben = spans_for_document(team, doc, "ana"), spans_for_document(team, doc, "ben")
    assert len(ana) == len(ben) == suggestions
    actions.decide_span(team, ana[0].id, "accepted", "ana")
    actions.decide_span(team, ben[0].id, "rejected", "ben")
    assert spans_for_document(team, doc, "ana")[0].status == "accepted"
    assert spans_for_document(team, doc, "ben")[0].status == "rejected"
    # The machine's suggestion itself is untouched: the next annotator still gets it.
    assert {s.status for s in spans_for_document(team, doc, "")} == {"suggested"}
    corpus = team_corpus(team)
    assert set(corpus.worked) == {"ana", "ben"}
    assert corpus.spans["ana"][doc] and doc not in corpus.spans.get("ben", {})


def test_labelling_in_a_layer_leaves_the_others_suggestions_alone(team):
    doc = document_titles(team)[0].id
    open_layer(team, doc, "ana")
    open_layer(team, doc, "ben")
    target = spans_for_document(team, doc, "ana")[0]
    actions.label_range(team, doc, target.start, target.end + 1, "ORG", "ana")
    ben = [s for s in spans_for_document(team, doc, "ben") if s.start == target.start]
    assert [s.status for s in ben] == ["suggested"]
    assert [s.start for s in spans_for_document(team, doc, "")].count(target.start) == 1


def test_accepting_everywhere_stays_in_the_annotators_layer(team):
    doc = document_titles(team)[0].id
    open_layer(team, doc, "ana")
    open_layer(team, doc, "ben")
    span = spans_for_document(team, doc, "ana")[0]
    actions.decide_everywhere(team, span.id, "accepted", "ana")
    ben = [s for s in spans_for_document(team, doc, "ben") if s.quote == span.quote]
    assert ben and {s.status for s in ben} == {"suggested"}


def test_each_annotator_has_their_own_review_state_and_queue(team):
    docs = chosen_documents(team, Choice())
    assign(team, docs, ["ana", "ben"], 2, "meg")
    open_layer(team, docs[0], "ana")
    actions.set_review_state(team, docs[0], "done", "ana")
    assert queue(team, "ana") == docs[1:]
    assert queue(team, "ben") == docs
    assert document_in_layer(team, docs[0], "ana").review_state == "done"
    assert document_in_layer(team, docs[0], "ben").review_state == "new"
    assert document_in_layer(team, docs[0], None).review_state == "new"
    ana = next(p for p in progress(team) if p.annotator == "ana")
    assert (ana.assigned, ana.done) == (2, 1)


def test_a_database_without_users_has_no_layers(db):
    doc = document_titles(db)[0].id
    span = spans_for_document(db, doc)[0]
    actions.decide_span(db, span.id, "accepted", "ana")
    assert spans_for_document(db, doc)[0].status == "accepted"  # the suggestion itself
    actions.set_review_state(db, doc, "done", "ana")
    assert document_in_layer(db, doc, None).review_state == "done"


def test_undoing_an_accept_keeps_the_entity_another_annotator_now_uses(team):
    doc = document_titles(team)[0].id
    open_layer(team, doc, "ana")
    open_layer(team, doc, "ben")
    ana = next(s for s in spans_for_document(team, doc, "ana") if s.label == "ORG")
    ben = next(s for s in spans_for_document(team, doc, "ben") if s.start == ana.start)
    # No entity yet: ana's accept makes it, and ben's finds it.
    if ana.entity:
        team.execute("UPDATE spans SET entity_id = NULL WHERE entity_id = ?", [ana.entity])
        team.execute("DELETE FROM entities WHERE id = ?", [ana.entity])
    actions.decide_span(team, ana.id, "accepted", "ana")
    actions.decide_span(team, ben.id, "accepted", "ben")
    entity = get_span(team, ana.id).entity
    assert entity and get_span(team, ben.id).entity == entity
    undo(team, "ana")  # once an IntegrityError: the entity was deleted under ben's span
    assert get_span(team, ana.id).status == "suggested"
    assert get_span(team, ben.id).entity == entity
    redo(team, "ana")
    assert get_span(team, ana.id).entity == entity


def test_suggesting_again_renews_each_annotators_undecided_copies_only(team):
    from store.suggestions import engine_recognizer, store_suggestions
    from talent.recognize.base import Mention

    doc = document_titles(team)[0].id
    open_layer(team, doc, "ana")
    template = spans_for_document(team, doc, "")
    decided, dropped = template[0], template[1]
    mine = next(s for s in spans_for_document(team, doc, "ana") if s.start == decided.start)
    actions.decide_span(team, mine.id, "rejected", "ana")
    # The next run no longer suggests `dropped`, suggests `decided` again, and finds one more.
    text = team.execute("SELECT text FROM documents WHERE id = ?", [doc]).fetchone()[0]
    last = max(s.end for s in template)
    new = Mention(last + 1, last + 3, "ORG", "test") if last + 3 <= len(text) else None
    mentions = [Mention(s.start, s.end, s.label, s.origin) for s in template if s != dropped]
    store_suggestions(team, doc, mentions + ([new] if new else []), engine_recognizer(team))
    ana = {(s.start, s.end): s.status for s in spans_for_document(team, doc, "ana")}
    assert ana[(decided.start, decided.end)] == "rejected"  # her decision stays, alone
    assert (dropped.start, dropped.end) not in ana
    if new:
        assert ana[(new.start, new.end)] == "suggested"
    # The template still holds what ana rejected: ben has not decided it.
    assert (decided.start, decided.end) in {
        (s.start, s.end) for s in spans_for_document(team, doc, "")
    }


def test_a_shared_document_teaches_the_model_one_layer_not_a_tangle_of_two(team):
    from store.training import training_examples

    doc = document_titles(team)[0].id
    for who in ("ana", "ben"):
        open_layer(team, doc, who)
    ana = spans_for_document(team, doc, "ana")[0]
    actions.decide_span(team, ana.id, "accepted", "ana")
    ben = next(s for s in spans_for_document(team, doc, "ben") if s.start == ana.start)
    actions.label_range(team, doc, ben.start, ben.end + 2, "ORG", "ben")  # a longer one
    for who in ("ana", "ben"):
        actions.set_review_state(team, doc, "done", who)
    (example,) = training_examples(team)
    assert (ana.start, ana.end, ana.label) in example.spans  # ana's: first by name
    assert not any(s[0] == ben.start and s[1] == ben.end + 2 for s in example.spans)
