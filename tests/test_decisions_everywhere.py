"""`A` decides whole mentions only and shows them before it does; resizing a suggestion makes
no entity and learns no word until the span is accepted."""

from __future__ import annotations

from store import actions
from store.annotations import spans_for_document
from store.documents import document_titles
from tests.tui_helpers import make_app

# Written for this test: a surname alone, and the same surname inside a longer name.
FAMILY = (
    "Mistry family feud\n\n"
    "Cyrus Mistry led Tata Sons until 2016. Mistry then left. "
    "His father Shapoorji Mistry built the family firm. Mistry said little.\n"
)


def _app(tmp_path):
    app = make_app(tmp_path, {"family.txt": FAMILY})
    doc_id = next(d.id for d in document_titles(app.db) if d.title == "Mistry family feud")
    return app, doc_id


async def test_a_shows_the_places_first_and_leaves_a_name_inside_a_longer_one(tmp_path):
    app, doc_id = _app(tmp_path)
    longer = FAMILY.index("Shapoorji Mistry")
    actions.label_range(app.db, doc_id, longer, longer + len("Shapoorji Mistry"), "PERSON")
    alone = FAMILY.index("Mistry then")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.reader.open_document(doc_id)
        await pilot.pause()
        view = app.reader.focused_pane.view
        view.move_to(alone)
        await pilot.press("1")  # label this Mistry a PERSON
        await pilot.pause()
        view.move_to(alone)
        await pilot.press("A")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceScreen"
        places = app.screen.query_one("OptionList").option_count
        await pilot.press("escape")  # nothing decided yet
        await pilot.pause()
        inside = [s for s in spans_for_document(app.db, doc_id) if s.start == longer + 10]
        assert not [s for s in inside if s.status == "accepted"]
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    mistry = [
        (s.start, s.status)
        for s in spans_for_document(app.db, doc_id)
        if s.quote == "Mistry" and s.status == "accepted"
    ]
    starts = {start for start, _ in mistry}
    assert FAMILY.index("Mistry said") in starts and FAMILY.index("Cyrus Mistry") + 6 not in starts
    assert longer + len("Shapoorji ") not in starts  # inside the longer name: left alone
    assert places == len(mistry) - 1  # every place listed was decided, and only those


async def test_growing_a_suggestion_makes_no_entity_until_it_is_accepted(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        view = app.reader.panes[1].view
        view.move_to(view.text.index("于佳慧"))
        await pilot.pause()
        before = app.db.execute("SELECT count(*) FROM entities").fetchone()[0]
        learned = app.db.execute("SELECT count(*) FROM lexicon").fetchone()[0]
        start = view.cursor
        await pilot.press(*["greater_than_sign"] * 4)
        await pilot.pause()
        span = view.span_at(start)
        assert span.status == "suggested" and span.quote == view.text[start : start + 7]
        assert app.db.execute("SELECT count(*) FROM entities").fetchone()[0] == before
        assert app.db.execute("SELECT count(*) FROM lexicon").fetchone()[0] == learned
        await pilot.press(*["full_stop"] * 4, "a")
        await pilot.pause()
        span = next(s for s in spans_for_document(app.db, view.document.id) if s.start == start)
        assert span.status == "accepted" and span.quote == "于佳慧" and span.entity


def test_an_entity_left_with_no_mention_is_not_offered(db):
    from store.entities import entities_matching, entity_ids_in_use

    doc_id = db.execute("SELECT id FROM documents WHERE lang = 'zh'").fetchone()[0]
    span = next(s for s in spans_for_document(db, doc_id) if s.quote == "于佳慧")
    actions.decide_span(db, span.id, "accepted", "ana")
    entity = next(s.entity for s in spans_for_document(db, doc_id) if s.id == span.id)
    assert entity in entity_ids_in_use(db)
    actions.delete_span(db, span.id, "ana")
    assert entity not in entity_ids_in_use(db)
    assert entity not in {e.id for e, _ in entities_matching(db, "PERSON")}
