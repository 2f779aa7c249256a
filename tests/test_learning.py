"""Suggestions that learn: a model trained on the annotator's accepted spans of reviewed
documents suggests on the next ones; `talent-tui train` keeps it with the database and
suggests again on the documents not yet reviewed, decided spans untouched."""

from __future__ import annotations

import json

from store.actions import decide_span, label_range, set_review_state
from store.annotations import spans_for_document
from store.documents import document_titles
from store.suggestions import current_recognizer_identity, recognizer_for, refresh_pending
from store.training import due_for_training, set_train_every, trained_models
from talent.learned.crf import Example, TrainedRecognizer, train
from talent.recognize.base import Mention

# Made-up towns the engine below calls people: the annotator says they are places.
TOWNS = ["Varnholt", "Quillmere", "Estrebury", "Lodwen", "Carrowick", "Myrrhdale", "Tolvane"]


class PeopleEverywhere:
    """An engine that calls every capitalised word after "in" or "to" a person."""

    name, version, engine = "people-everywhere", "1", "test"
    learned = ()

    def recognize(self, text: str, lang: str) -> list[Mention]:
        import re

        return [
            Mention(m.start(1), m.end(1), "PERSON", "test")
            for m in re.finditer(r"\b(?:in|to) ([A-Z][a-z]+)", text)
        ]


def example(town: str, other: str) -> Example:
    text = f"The mayor moved to {town} last spring. Later she opened a school in {other}."
    spans = ((text.index(town), text.index(town) + len(town), "LOCATION"),)
    spans += ((text.index(other), text.index(other) + len(other), "LOCATION"),)
    return Example(text, "en", spans)


def test_a_model_learns_what_the_annotator_accepted_where_the_engine_was_wrong():
    engine = PeopleEverywhere()
    examples = [example(TOWNS[i % 5], TOWNS[(i + 1) % 5]) for i in range(20)]
    seen = []
    models = train(examples, engine, lambda stage, done: seen.append((stage, done)))
    assert [m.lang for m in models] == ["en"] and models[0].documents == 20
    assert seen[-1][1] == 1.0  # progress reaches the end
    text = "Her brother moved to Tolvane, and then to Myrrhdale."  # towns it never saw
    before = {(text[m.start : m.end], m.label) for m in engine.recognize(text, "en")}
    after = {
        (text[m.start : m.end], m.label)
        for m in TrainedRecognizer(engine, models).recognize(text, "en")
    }
    assert before == {("Tolvane", "PERSON"), ("Myrrhdale", "PERSON")}
    assert after == {("Tolvane", "LOCATION"), ("Myrrhdale", "LOCATION")}


def write_documents(tmp_path, count: int) -> list:
    """English news-like documents naming made-up towns, as files to import."""
    paths = []
    for i in range(count):
        town, other = TOWNS[i % 5], TOWNS[(i + 2) % 5]
        path = tmp_path / f"news{i:02}.txt"
        path.write_text(
            f"Report {i}\nThe council of {town} met on Monday. Residents travelled to {other} "
            f"for the vote, and the mayor of {town} spoke.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def review(db, doc_id: str, text: str) -> None:
    """The annotator's decisions: each town a LOCATION, everything else suggested rejected."""
    for span in spans_for_document(db, doc_id):
        if span.status == "suggested" and span.quote not in TOWNS:
            decide_span(db, span.id, "rejected", "ana")
    for town in TOWNS:
        start = text.find(town)
        while start != -1:
            label_range(db, doc_id, start, start + len(town), "LOCATION", "ana")
            start = text.find(town, start + 1)
    set_review_state(db, doc_id, "done", "ana")


def test_train_keeps_the_model_and_suggests_again_on_unreviewed_documents_only(cli, db, tmp_path):
    status, _, err = cli("train")
    assert status == 1 and "no reviewed document to learn from" in err
    status, _, err = cli("import", *write_documents(tmp_path, 12), "--engine", "rules")
    assert status == 0, err
    titles = [t for t in document_titles(db) if t.title.startswith("Report")]
    for title in titles[:10]:
        text = db.execute("SELECT text FROM documents WHERE id = ?", [title.id]).fetchone()[0]
        review(db, title.id, text)
    last = titles[-1].id
    accepted = [s for s in spans_for_document(db, last) if s.status == "suggested"][0]
    decide_span(db, accepted.id, "accepted", "ana")  # a decision on a document not reviewed
    reviewed_before = {s.id: s for s in spans_for_document(db, titles[0].id)}

    status, out, err = cli("train", "--every", "3")
    assert status == 0, err
    assert "en: learned from 10 reviewed document(s)" in out
    assert "after every 3 more reviewed document(s)" in out
    (model,) = trained_models(db)
    name, version = current_recognizer_identity(db)
    assert name.endswith("+trained") and f"en:{model.identity}/10" in version
    runs = dict(db.execute("SELECT document_id, version FROM suggestion_runs").fetchall())
    assert model.identity in runs[last]  # suggested again, by the model
    assert model.identity not in runs[titles[0].id]  # a reviewed document is left as it was
    assert {s.id: s for s in spans_for_document(db, titles[0].id)} == reviewed_before
    assert next(s for s in spans_for_document(db, last) if s.id == accepted.id).status == "accepted"
    towns = {(s.quote, s.label) for s in spans_for_document(db, last) if s.quote in TOWNS}
    assert towns and all(label == "LOCATION" for _, label in towns)
    assert not due_for_training(db)
    set_train_every(db, 1)
    set_review_state(db, titles[10].id, "done", "ana")
    assert due_for_training(db)


def test_the_trained_engine_is_the_databases_recognizer_also_in_bulk(db, tmp_path):
    examples = [example(TOWNS[i % 5], TOWNS[(i + 1) % 5]) for i in range(8)]
    from store.training import save_models

    save_models(db, train(examples, recognizer_for(db)))
    assert isinstance(recognizer_for(db), TrainedRecognizer)
    refresh_pending(db)
    versions = {row[0] for row in db.execute("SELECT version FROM suggestion_runs")}
    assert versions and all("+en:" in v for v in versions)
    assert json.dumps(sorted(versions))  # plain strings, recorded with each document


async def test_marking_the_nth_document_done_trains_in_the_background(db, db_path, tmp_path):
    from store.importer import import_paths
    from store.suggestions import refresh_pending
    from tui.app import TalentApp

    import_paths(db, write_documents(tmp_path, 6))
    refresh_pending(db)
    titles = [t for t in document_titles(db) if t.title.startswith("Report")]
    for title in titles[:2]:
        text = db.execute("SELECT text FROM documents WHERE id = ?", [title.id]).fetchone()[0]
        review(db, title.id, text)
    set_train_every(db, 3)
    app = TalentApp(db, db_path, refresh_suggestions=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.reader.open_document(titles[2].id)
        await pilot.pause()
        await pilot.press("R")  # in progress: nothing to learn yet
        await app.workers.wait_for_complete()
        assert trained_models(db) == []
        await pilot.press("R")  # done: the third reviewed document
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()  # the suggestions made again after training
        (model,) = trained_models(db)
        assert model.documents == 3
        runs = dict(db.execute("SELECT document_id, version FROM suggestion_runs").fetchall())
        assert model.identity in runs[titles[5].id]
        assert model.identity not in runs[titles[0].id]


def test_a_chinese_model_learns_the_annotators_convention_for_names_never_seen():
    # Weibo NER marks a surname with its form of address whole (江小姐) where the engine, as
    # People's Daily does, marks the surname alone; the model reads the engine's words too.
    from talent.recognize.engines import build_recognizer

    engine = build_recognizer("lac")
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭"
    examples = []
    for i, surname in enumerate(surnames):
        text = f"昨天我和{surname}小姐去吃饭了，{surnames[i - 1]}老师也来了。"
        spans = (
            (text.index(surname), text.index(surname) + 3, "PERSON"),
            (text.index("老师") - 1, text.index("老师") + 2, "PERSON"),
        )
        examples.append(Example(text, "zh", spans))
    trained = TrainedRecognizer(engine, train(examples, engine))
    text = "今天我和谢小姐去吃饭了，高老师也来了。"  # surnames it never saw
    before = {text[m.start : m.end] for m in engine.recognize(text, "zh")}
    after = {text[m.start : m.end] for m in trained.recognize(text, "zh")}
    assert "谢小姐" not in before
    assert {"谢小姐", "高老师"} <= after
