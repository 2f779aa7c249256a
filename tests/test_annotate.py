"""Annotating with keys only, through Textual's pilot: decisions, labels, everywhere, claims,
links, entities, resizing, undo and redo (also after a restart), and form validation."""

from __future__ import annotations

import pytest
from textual import events

from store.annotations import claims_for_document, links_for_document, spans_for_document
from store.workspace import open_store
from tests.tui_helpers import make_app
from tui.app import TalentApp

pytestmark = pytest.mark.asyncio


def status(app) -> str:
    return str(app.reader.query_one("#status").render())


async def focus_chinese(pilot, app, text: str, occurrence: int = 0):
    """Focus the Chinese pane with the cursor on an occurrence of text."""
    await pilot.press("tab")
    view = app.reader.panes[1].view
    offset = -1
    for _ in range(occurrence + 1):
        offset = view.text.index(text, offset + 1)
    view.move_to(offset)
    await pilot.pause()
    return view


def type_at_once(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the app handles the first."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def open_link_form_to_meta(pilot, app):
    """The link form for 于佳慧 joining Meta."""
    view = await open_link_picker_on_yu_jiahui(pilot, app)
    await pilot.press(*"Meta", "enter")
    await pilot.pause()
    assert type(app.screen).__name__ == "LinkForm"
    return view


async def open_link_picker_on_yu_jiahui(pilot, app):
    """Put the cursor on 于佳慧 in the Chinese seed and press L: the organization picker."""
    view = await focus_chinese(pilot, app, "仅于佳慧")
    view.move_to(view.cursor + 1)
    await pilot.press("L")
    await pilot.pause()
    assert type(app.screen).__name__ == "EntityPicker"
    return view


async def test_a_accepts_saves_says_so_and_moves_to_the_next_suggestion(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "于佳慧")
        await pilot.press("a")
        await pilot.pause()
        saved = [s for s in spans_for_document(app.db, view.document.id) if s.quote == "于佳慧"]
        assert saved[0].status == "accepted" and saved[0].entity
        assert "accepted PERSON 于佳慧 · saved" in status(app)
        assert view.cursor > saved[0].start
        assert view.span_at(view.cursor).status == "suggested"
        header = str(app.reader.panes[1].query_one(".pane-header").render())
        assert "1/" in header


async def test_x_rejects_and_u_undoes_and_ctrl_r_redoes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "OpenAI")
        span = view.span_at(view.cursor)
        await pilot.press("x")
        await pilot.pause()
        assert view.marks._by_id[span.id].status == "rejected"
        await pilot.press("u")
        await pilot.pause()
        assert view.marks._by_id[span.id].status == "suggested"
        assert "undid" in status(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert view.marks._by_id[span.id].status == "rejected"


async def test_v_w_and_a_digit_label_a_new_span(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.reader.panes[0].view
        view.move_to(view.text.index("generative"))
        # With a selection, each w takes in the next word whole.
        await pilot.press("v", "w", "w", "1")
        await pilot.pause()
        new = [s for s in spans_for_document(app.db, view.document.id) if s.origin == "user"]
        assert [s.quote for s in new] == ["generative artificial intelligence"]
        assert new[0].label == "PERSON" and new[0].status == "accepted"
        assert view.selection() is None
        await pilot.press("u")
        await pilot.pause()
        assert not [s for s in spans_for_document(app.db, view.document.id) if s.origin == "user"]


async def test_a_digit_on_a_word_labels_it_and_on_a_span_relabels_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "高新技术")
        await pilot.press("2")
        await pilot.pause()
        labelled = [s for s in spans_for_document(app.db, view.document.id) if s.origin == "user"]
        assert labelled and labelled[0].label == "ORG" and labelled[0].quote == "高新技术"
        view.move_to(labelled[0].start)
        await pilot.press("3")
        await pilot.pause()
        assert view.span_at(labelled[0].start).label == "LOCATION"


async def test_shift_a_accepts_every_occurrence_as_one_undo_step(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "扎克伯格", occurrence=1)
        await pilot.press("A")  # first, the places it would accept
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceScreen"
        await pilot.press("enter")
        await pilot.pause()
        spans = [s for s in view.spans if s.quote == "扎克伯格"]
        assert len(spans) > 5 and all(s.status == "accepted" for s in spans)
        assert len({s.entity for s in spans}) == 1
        assert "occurrence(s)" in status(app)
        await pilot.press("u")
        await pilot.pause()
        assert all(s.status == "suggested" for s in view.spans if s.quote == "扎克伯格")


async def test_resize_keys_move_the_edges(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "于佳慧")
        start = view.cursor
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert view.span_at(start).quote == view.text[start : start + 4]
        await pilot.press("full_stop", "less_than_sign", "comma")
        await pilot.pause()
        assert view.span_at(start).quote == "于佳慧"


async def test_c_then_enter_tags_the_sentence_as_a_claim(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "8000万美元")
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClaimForm"
        await pilot.press("enter")
        await pilot.pause()
        claims = claims_for_document(app.db, view.document.id)
        assert len(claims) == 1
        assert claims[0].quote.startswith("仅于佳慧的招募") and claims[0].quote.endswith(
            "4亿美元。"
        )
        assert claims[0].category == "compensation" and claims[0].status == "unverified"
        assert view.marks.claim_at(view.cursor) is not None
        # On a claim, c edits it; escape cancels; D deletes it.
        await pilot.press("c")
        await pilot.pause()
        assert "Edit claim" in str(app.screen.query_one(".form-title").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert claims_for_document(app.db, view.document.id) == []


async def test_l_links_a_person_to_an_organization_with_the_sentence_money(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await open_link_form_to_meta(pilot, app)
        # The sentence gives 8000万美元 and 3.2亿美元, then 4亿美元 in all: the total is proposed.
        assert app.screen.query_one("#amount").value == "4亿美元"
        await pilot.press("enter")
        await pilot.pause()
        links = links_for_document(app.db, view.document.id)
        assert len(links) == 1
        link = links[0]
        assert link.relation == "joined"
        assert link.amount == {"amount": 400000000, "currency": "USD", "per": None}
        assert link.evidence is not None  # the sentence, tagged as a claim
        entities = app.reader.annotator.entities
        assert "于佳慧" in entities[link.person].aliases and entities[link.org].name == "Meta"
        assert f"linked {entities[link.person].name} joined Meta" in status(app)
        await pilot.press("u")
        await pilot.pause()
        assert links_for_document(app.db, view.document.id) == []
        assert claims_for_document(app.db, view.document.id) == []


async def test_enter_in_the_picker_chooses_what_was_typed_even_before_the_input_caught_up(
    tmp_path,
):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await open_link_picker_on_yu_jiahui(pilot, app)
        type_at_once(app, *"Meta", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LinkForm"
        assert "→ Meta" in app.screen.TITLE_TEXT


async def test_enter_in_a_form_saves_everything_typed_before_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await open_link_form_to_meta(pilot, app)
        app.screen.query_one("#note").focus()
        await pilot.pause()
        type_at_once(app, *"signed", "enter")
        await pilot.pause()
        assert [link.note for link in links_for_document(app.db, view.document.id)] == ["signed"]


async def test_a_bad_amount_is_a_message_in_the_form_and_nothing_is_saved(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "于佳慧")
        await pilot.press("L", *"OpenAI", "enter")
        await pilot.pause()
        app.screen.query_one("#amount").value = "a lot"
        app.screen.query_one("#date").value = "2025-13-01"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LinkForm"
        assert "is not a date" in str(app.screen.query_one(".form-error").render())
        app.screen.query_one("#date").value = "2025-07"
        await pilot.press("enter")
        await pilot.pause()
        assert "is not an amount" in str(app.screen.query_one(".form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert links_for_document(app.db, view.document.id) == []


def panel_rows(app) -> list[str]:
    app.reader.refresh_panel()
    panel = app.reader.query_one("#entity-list")
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_entity_form_renames_and_the_panel_lists_entities_not_strings(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "马克·扎克伯格")
        mentions = view.text.count("扎克伯格")
        # Before anything is accepted, both names are one person (the gazetteer's).
        zuckerberg = [r for r in panel_rows(app) if "Zuckerberg" in r or "扎克伯格" in r]
        assert [r.strip() for r in zuckerberg] == [
            f"Mark Zuckerberg (扎克伯格, 马克·扎克伯格) ×{mentions} ·"
        ]
        await pilot.press("a")
        await pilot.pause()
        view.move_to(view.text.index("马克·扎克伯格"))
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one("#name").value = "马克·扎克伯格 (Meta)"
        await pilot.press("enter")
        await pilot.pause()
        rows = [r.strip() for r in panel_rows(app)]
        # The accepted mention's entity takes in the other names it goes by, under its new name.
        assert f"马克·扎克伯格 (Meta) (扎克伯格, 马克·扎克伯格) ×{mentions} ·" in rows, rows
        assert not [r for r in rows if r.startswith(("扎克伯格", "Mark Zuckerberg"))]


async def test_undo_after_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "任泓宇")
        await pilot.press("a")
        await pilot.pause()
        doc_id = view.document.id
    app.db.close()
    again = TalentApp(open_store(tmp_path / "talent.db", suggest=False))
    async with again.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert "undid accept PERSON 任泓宇" in status(again)
    spans = [s for s in spans_for_document(again.db, doc_id) if s.quote == "任泓宇"]
    assert all(s.status == "suggested" for s in spans)


async def test_review_state_cycles_and_shows_in_the_header(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        header = str(app.reader.panes[0].query_one(".pane-header").render())
        assert "[in progress]" in header


async def test_two_instances_on_one_database_wait_refuse_cleanly_and_see_each_other(tmp_path):
    from store.actions import decide_span
    from store.connection import open_database

    app = make_app(tmp_path)
    other, _ = open_database(tmp_path / "talent.db")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "于佳慧")
        # The other instance is mid-write for longer than this one waits.
        app.db.execute("PRAGMA busy_timeout = 50")
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("a")
        await pilot.pause()
        assert "database is busy" in status(app)
        assert view.span_at(view.cursor).status == "suggested"
        other.execute("ROLLBACK")
        await pilot.press("a")
        await pilot.pause()
        assert "accepted PERSON 于佳慧 · saved" in status(app)
        # The other instance rejects a span; this one shows it when it next reads the document.
        span = next(s for s in view.spans if s.quote == "赵盛佳")
        decide_span(other, span.id, "rejected", "colleague")
        app.reader.open_document(view.document.id, span.start)
        await pilot.pause()
        assert app.reader.focused_pane.view.span_at(span.start).status == "rejected"
    other.close()
