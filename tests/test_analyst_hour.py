"""The analyst's hour on appointment news: a first and last name in one motion, the link picker
takes what was typed, the link form cites the sentence naming both, long titles stay in the
header, options stand anywhere, honest import counts, and search by annotation."""

from __future__ import annotations

import json

import pytest

from store.annotations import links_for_document, spans_for_document
from store.documents import document_titles
from store.search import search
from talent.model import Claim
from talent.search_query import QueryError
from tests.tui_helpers import make_app
from tui.cli.main import main

# Written for this test: an appointment story, as business news tells it.
NEWS = (
    "Nedbank appointments\n\n"
    "Windhoek - Nedbank Namibia recently appointed Taleni Nengola as Head of Finance. "
    "Taleni Nengola previously worked at Bank Windhoek for six years. "
    "She holds a degree from the University of Namibia.\n"
)


def _app_on_news(tmp_path, extra_org: str | None = None):
    app = make_app(tmp_path, {"nedbank.txt": NEWS})
    doc_id = next(d.id for d in document_titles(app.db) if d.title == "Nedbank appointments")
    if extra_org:
        from store import actions

        at = NEWS.index("Bank Windhoek")
        actions.label_range(app.db, doc_id, at, at + len("Bank Windhoek"), "ORG", "ana")
        span = next(s for s in spans_for_document(app.db, doc_id) if s.quote == "Bank Windhoek")
        actions.edit_entity(app.db, span.entity, extra_org, [extra_org], annotator="ana")
    return app, doc_id


async def _open(pilot, app, doc_id, offset: int):
    app.reader.open_document(doc_id)
    await pilot.pause()
    view = app.reader.focused_pane.view
    assert view.document.id == doc_id
    view.move_to(offset)
    await pilot.pause()
    return view


async def test_v_w_1_labels_a_first_and_last_name(tmp_path):
    app, doc_id = _app_on_news(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _open(pilot, app, doc_id, NEWS.index("Taleni"))
        await pilot.press("v", "w", "1")
        await pilot.pause()
    people = [
        (s.quote, s.status) for s in spans_for_document(app.db, doc_id) if s.label == "PERSON"
    ]
    assert ("Taleni Nengola", "accepted") in people
    starts = {s.start for s in spans_for_document(app.db, doc_id) if s.label == "PERSON"}
    assert NEWS.index("Nengola") not in starts  # no separate surname inside the name


async def test_a_selection_ending_inside_a_suggestion_takes_it_in_and_e_ends_the_word(tmp_path):
    app, doc_id = _app_on_news(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = await _open(pilot, app, doc_id, NEWS.index("Nedbank Namibia"))
        await pilot.press("v", "e")
        assert view.selection() == (view.cursor - 6, view.cursor + 1)  # "Nedbank"
        await pilot.press("w")  # selecting: to the end of the next word
        start, end = view.selection()
        assert NEWS[start:end] == "Nedbank Namibia"
        await pilot.press("escape", "e")  # without a selection, e is still export
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportForm"


async def test_in_chinese_the_same_keys_move_by_word(tmp_path):
    from talent.segment import words

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        view = app.reader.panes[1].view
        at = view.text.index("扎克伯格宣布")
        bounds = [(s, e) for s, e in words(view.text) if e > at]
        view.move_to(at)
        await pilot.pause()
        await pilot.press("v", "e")
        assert view.selection() == (at, bounds[0][1])  # this jieba word
        await pilot.press("w")
        assert view.selection() == (at, bounds[1][1])  # and the next one


async def _picker_typed(pilot, app, doc_id, link_from: str, typed: str):
    """Label Taleni Nengola with `v w 1`, press L on the mention at `link_from`, type `typed`:
    the picker's options."""
    await pilot.pause()
    await _open(pilot, app, doc_id, NEWS.index("Taleni"))
    await pilot.press("v", "w", "1")
    await pilot.pause()
    app.reader.focused_pane.view.move_to(NEWS.index(link_from))
    await pilot.press("L")
    await pilot.pause()
    await pilot.press(*typed)
    await pilot.pause()
    return app.screen.query_one("#picker-options")


async def test_typing_a_new_organizations_exact_name_links_to_a_new_one(tmp_path):
    app, doc_id = _app_on_news(tmp_path, extra_org="Nedbank Namibia Finance Department")
    async with app.run_test(size=(80, 24)) as pilot:
        # L on the later mention: its sentence does not name the bank.
        options = await _picker_typed(
            pilot, app, doc_id, "Taleni Nengola previously", "Nedbank Namibia"
        )
        assert options.highlighted == 0
        assert "+ new ORG Nedbank Namibia" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LinkForm"
        await pilot.press("enter")
        await pilot.pause()
    (link,) = links_for_document(app.db, doc_id)
    org = app.db.execute("SELECT name FROM entities WHERE id = ?", [link.org]).fetchone()[0]
    assert org == "Nedbank Namibia"
    # The evidence proposed, and saved, is the sentence naming both: the appointment itself.
    claim = app.db.execute("SELECT quote FROM claims WHERE id = ?", [link.evidence]).fetchone()
    assert claim[0].startswith("Windhoek - Nedbank Namibia recently appointed Taleni Nengola")


async def test_an_exact_name_wins_over_fuzzy_matches_in_the_picker(tmp_path):
    app, doc_id = _app_on_news(tmp_path, extra_org="Nedbank Namibia Finance Department")
    async with app.run_test(size=(80, 24)) as pilot:
        options = await _picker_typed(
            pilot, app, doc_id, "Taleni", "nedbank namibia finance department"
        )
        first = str(options.get_option_at_index(0).prompt)
        assert first.startswith("Nedbank Namibia Finance Department")


async def test_a_long_chinese_title_stays_in_the_header_at_80x24(tmp_path):
    title = (
        "美国一周内吸引4位中国顶尖AI人才其中一位获得了Meta超级智能实验室的巨额薪酬邀约并已入职" * 2
    )
    app = make_app(tmp_path, {"long.txt": title + "\n\n于佳慧离开OpenAI加入Meta。\n"})
    doc_id = next(
        d.id
        for d in document_titles(app.db)
        if d.title.startswith("美国一周内吸引4位中国顶尖AI人才其中")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.reader.open_document(doc_id)
        await pilot.pause()
        header = app.reader.focused_pane.query_one(".pane-header").render_line(0).text
        assert "美国一周内吸引" in header and header.rstrip().endswith("…")


def test_global_options_stand_before_or_after_the_command(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TALENT_TUI_ANNOTATOR", raising=False)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": "Meta hired Eve.", "spans": [{"start": 0, "end": 4, "label": "ORG"}]})
        + "\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "t.db"
    argv = ["import", str(feed), "--engine", "rules", "--annotator", "ana", "--db", str(db_path)]
    assert main(argv) == 0
    assert main(["stats", "--engine", "rules", "--db", str(db_path)]) == 0
    from store.workspace import open_store

    db = open_store(db_path, suggest=False, create=False)
    assert db.execute("SELECT annotator FROM spans WHERE origin = 'import'").fetchone()[0] == "ana"
    db.close()


def test_the_import_summary_counts_the_suggestions_stored(tmp_path, capsys):
    article = tmp_path / "zh.txt"
    article.write_text("于佳慧离开OpenAI加入Meta，获得8000万美元签约奖金。\n", encoding="utf-8")
    db_path = tmp_path / "t.db"
    assert main(["import", str(article), "--db", str(db_path)]) == 0  # the default engine
    said = capsys.readouterr().out
    from store.workspace import open_store

    db = open_store(db_path, suggest=False, create=False)
    stored = db.execute("SELECT count(*) FROM spans WHERE status = 'suggested'").fetchone()[0]
    db.close()
    assert stored > 0 and f"; {stored} suggestion(s)" in said


def test_search_finds_annotations_by_label_status_claim_entity_and_annotator(db):
    from store import actions, claim_link_actions

    found = search(db, "label:PERSON status:suggested")
    assert found.total > 5 and all(h.kind == "PERSON suggested" for h in found.hits)
    zh_id = db.execute("SELECT id FROM documents WHERE lang = 'zh'").fetchone()[0]
    text = db.execute("SELECT text FROM documents WHERE id = ?", [zh_id]).fetchone()[0]
    span = next(s for s in spans_for_document(db, zh_id) if s.quote == "于佳慧")
    actions.decide_span(db, span.id, "accepted", "ana")
    assert [h.match for h in search(db, "label:PERSON status:accepted annotator:ana").hits] == [
        "于佳慧"
    ]
    assert search(db, "entity:Jiahui Yu").total == 0  # a name with a space is quoted
    assert [h.match for h in search(db, 'entity:"Jiahui Yu"').hits] == ["于佳慧"]
    start = text.index("仅于佳慧")
    claim = Claim(0, zh_id, start, start + 20, text[start : start + 20], "compensation", "disputed")
    claim_link_actions.save_claim(db, claim, "ana")
    hits = search(db, "claim:compensation status:disputed").hits
    assert [(h.kind, h.start) for h in hits] == [("compensation disputed", start)]
    assert search(db, "claim:any 于佳慧").total == 1
    with pytest.raises(QueryError, match="status:done is not a claim's status"):
        search(db, "claim:any status:done")


async def test_slash_searches_by_annotation_in_the_app(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"label:PERSON status:suggested", "enter")
        await pilot.pause()
        count = str(app.screen.query_one("#search-count").render())
        assert "hit(s) for 'label:PERSON status:suggested'" in count
        await pilot.press("enter")
        await pilot.pause()
        view = app.reader.focused_pane.view
        span = view.span_at(view.cursor)
        assert span is not None and span.label == "PERSON" and span.status == "suggested"


def test_search_on_the_command_line_as_json(db_path, db, capsys):
    db.close()
    assert main(["search", "label:ORG", "entity:OpenAI", "--json", "--db", str(db_path)]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits and all(h["text"] == "OpenAI" and h["kind"].startswith("ORG") for h in hits)
    assert main(["search", "label:PERSN", "--db", str(db_path)]) == 1
    assert "label:PERSN is no label" in capsys.readouterr().err
