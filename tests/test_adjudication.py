"""Adjudication: disagreements between two annotators, settled with keys into the gold layer,
which exports apart from each annotator's own work."""

from __future__ import annotations

import json

import pytest
from team_corpus import REJECTED_BY_BOB, RELABELLED_BY_BOB, SHORTENED_BY_BOB, annotate_seeds

from store.adjudication import layer
from store.documents import list_documents
from store.team import merge_databases
from store.workspace import open_store
from talent.adjudication import agreed, disagreements
from talent.model import GOLD_ANNOTATOR
from tui.app import TalentApp
from tui.cli.main import main
from tui.screens.adjudication_screen import AdjudicationScreen


def test_disagreements_cluster_what_only_one_annotator_gave():
    ana = [(0, 4, "ORG"), (10, 13, "PERSON"), (20, 30, "ORG")]
    bob = [(0, 4, "ORG"), (10, 13, "LOCATION"), (20, 25, "ORG"), (40, 44, "DATE")]
    assert agreed(ana, bob) == [(0, 4, "ORG")]
    found = disagreements(ana, bob)
    assert [(d.start, d.end) for d in found] == [(10, 13), (20, 30), (40, 44)]
    assert found[0].first == ((10, 13, "PERSON"),) and found[0].second == ((10, 13, "LOCATION"),)
    assert found[2].first == () and found[2].second == ((40, 44, "DATE"),)


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    folder = tmp_path_factory.mktemp("adjudication")
    annotate_seeds(folder / "ana.db", "ana")
    annotate_seeds(folder / "bob.db", "bob", differ=True)
    return folder


@pytest.fixture
def team_db(team, tmp_path):
    path = tmp_path / "team.db"
    db = open_store(path, suggest=False, seed=False)
    merge_databases(db, path, [team / "ana.db", team / "bob.db"])
    return path, db


def chinese(db):
    return next(d for d in list_documents(db) if d.lang == "zh")


async def open_adjudication(app, pilot, doc_id):
    await pilot.pause()
    app.reader.open_document(doc_id)
    await pilot.pause()
    assert app.screen.active_bindings["J"].enabled  # two annotators here: J shows
    await pilot.press("J")
    await pilot.pause()
    assert isinstance(app.screen, AdjudicationScreen)
    return app.screen


async def test_keys_settle_each_disagreement_into_gold(team_db):
    _, db = team_db
    doc = chinese(db)
    app = TalentApp(db)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_adjudication(app, pilot, doc.id)
        status = str(screen.query_one("#adjudication-status").render())
        total = len(screen.all)
        assert total >= 3 and f"0/{total} settled" in status
        said = {screen.panes[0].view.text[d.start : d.end] for d in screen.all}
        assert {REJECTED_BY_BOB, RELABELLED_BY_BOB[0], SHORTENED_BY_BOB} <= said
        first = screen.current
        await pilot.press("a")  # the left annotator's (ana's) spans
        await pilot.pause()
        gold = layer(db, doc.id, GOLD_ANNOTATOR)
        assert [(g.start, g.end, g.label) for g in gold] == list(first.first) or not first.first
        assert screen.current is not first and f"1/{total} settled" in str(
            screen.query_one("#adjudication-status").render()
        )
        await pilot.press("x")  # the next: no entity
        await pilot.press("2")  # the next: ORG over the whole stretch
        await pilot.press("u")  # undo the last one
        await pilot.pause()
        assert f"2/{total} settled" in str(screen.query_one("#adjudication-status").render())
        await pilot.press("A")  # everything both agree on, in one step
        await pilot.pause()
        gold = layer(db, doc.id, GOLD_ANNOTATOR)
        assert len(gold) > 50
        assert (
            db.execute(
                "SELECT count(*) FROM links WHERE annotator = ? AND document_id = ?",
                [GOLD_ANNOTATOR, doc.id],
            ).fetchone()[0]
            == 1
        )  # 于佳慧 joined Meta, which both made
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reader


async def test_j_is_not_offered_without_two_annotators(tmp_path):
    app = TalentApp(open_store(tmp_path / "one.db"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert "J" not in app.screen.active_bindings or not app.screen.active_bindings["J"].enabled


async def test_merge_adjudicate_and_export_the_gold(team, tmp_path, capsys):
    """End to end: merge two annotators' files, settle a difference with keys, export gold."""
    path = tmp_path / "team.db"
    assert main(["merge", str(team / "ana.db"), str(team / "bob.db"), "--into", str(path)]) == 0
    db = open_store(path, suggest=False, seed=False, create=False)
    doc = chinese(db)
    app = TalentApp(db)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_adjudication(app, pilot, doc.id)
        relabelled = next(
            d
            for d in screen.all
            if screen.panes[0].view.text[d.start : d.end] == RELABELLED_BY_BOB[0]
        )
        screen.go_to(relabelled)
        await pilot.press("b")  # bob's LOCATION
        await pilot.press("A")
        await pilot.press("escape")
        await pilot.pause()
    capsys.readouterr()
    out = tmp_path / "gold.jsonl"
    assert (
        main(["export", "--format", "jsonl", "--gold", "--out", str(out), "--db", str(path)]) == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    spans = [s for r in records for s in r["spans"]]
    assert spans and {s["annotator"] for s in spans} == {GOLD_ANNOTATOR}
    assert any(s["text"] == RELABELLED_BY_BOB[0] and s["label"] == "LOCATION" for s in spans)
    assert not any(s["text"] == REJECTED_BY_BOB for s in spans)  # still open: not in gold


async def test_k_shows_agreement_and_enter_adjudicates_the_worst_document(team_db):
    _, db = team_db
    app = TalentApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("K")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Agreement among ana, bob" in str(app.screen.query_one("#agreement-title").render())
        documents = app.screen.query_one("#agreement-documents")
        assert documents.count == 2
        worst = documents.row(0)
        assert worst[0] == chinese(db).title and float(worst[1]) < 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AdjudicationScreen)
        assert app.screen.doc_id == chinese(db).id


async def test_the_export_form_of_a_team_database_asks_whose_work(team_db, tmp_path):
    from store.adjudication import accept_agreed

    _, db = team_db
    doc = chinese(db)
    accept_agreed(db, doc.id, "ana", "bob", "judge")
    app = TalentApp(db)
    out = tmp_path / "gold.jsonl"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        whose = app.screen.query_one("#annotator")
        assert [str(prompt) for prompt, _ in whose._options] == [
            "everyone's", "ana", "bob", "the gold layer",
        ]  # fmt: skip
        whose.value = GOLD_ANNOTATOR
        app.screen.query_one("#out").value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {s["annotator"] for r in records for s in r["spans"]} == {GOLD_ANNOTATOR}
