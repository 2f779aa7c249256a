"""The team's commands and screens: users and assign on the command line; an annotator's app
opens on their queue and `]` goes through it; a manager's T shows progress and disagreements,
read again while it is open; nobody else gets T."""

from __future__ import annotations

import io
import sys

from tui_helpers import footer_text

from store import actions
from store.annotations import spans_for_document
from store.assignments import Choice, assign, chosen_documents
from store.documents import document_titles
from store.layers import open_layer
from store.users import login
from tui.app import TalentApp
from tui.screens.team_screen import TeamScreen
from tui.widgets.row_table import RowTable


def test_users_add_list_remove_and_assign_from_the_command_line(cli, db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    status, out, err = cli("users", "add", "ana")
    assert status == 0, err
    assert "added ana (annotator)" in out and "now shared" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("another-password\n"))
    assert cli("users", "add", "meg", "--manager", "--password-stdin")[0] == 0
    assert login(db, "ana", "a-long-password") is not None
    status, out, err = cli("assign", "--to", "ana", "--annotator", "meg")
    assert status == 0, err
    assert "2 document(s), 1 annotator(s) each, dealt to ana: 2 new assignment(s)" in out
    status, out, _ = cli("users", "list")
    assert "ana" in out and "manager" in out
    status, _, err = cli("assign", "--to", "nobody")
    assert status == 1 and "no such user: nobody" in err
    status, out, _ = cli("users", "remove", "ana")
    assert status == 0 and login(db, "ana", "a-long-password") is None
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    status, _, err = cli("users", "add", "cy")
    assert status == 1 and "at least 8 characters" in err and "Traceback" not in err


def test_serve_refuses_an_open_address_and_a_database_nobody_can_log_in_to(cli, db):
    status, _, err = cli("serve", "--host", "0.0.0.0")
    assert status == 1 and "--public" in err and "TLS" in err
    status, _, err = cli("serve", "--port", "1")
    assert status == 1 and "users add" in err


async def test_an_annotator_opens_on_their_queue_and_brackets_go_through_it(team):
    docs = chosen_documents(team, Choice())
    assign(team, docs, ["ana"], 1, "meg")
    open_layer(team, docs[0], "ana")
    actions.set_review_state(team, docs[0], "done", "ana")  # done: out of the queue
    app = TalentApp(team, annotator="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        left, right = app.reader.panes
        assert left.view.document.id == docs[1]
        assert right.view.document is None
        # Only ana's own layer shows, taken from the machine's suggestions on opening.
        assert {s.annotator for s in left.view.spans} == {"ana"}
        await pilot.press("right_square_bracket")
        assert left.view.document.id == docs[1]  # the queue has one document left
        await pilot.press("R", "R")  # in progress, then done
        await pilot.pause()
        assert left.view.document.review_state == "done"
        assert team.execute(
            "SELECT state FROM reviews WHERE document_id = ? AND annotator = 'ana'", [docs[1]]
        ).fetchone() == ("done",)
        await pilot.press("right_square_bracket")
        assert "nothing left in your queue" in str(app.reader.query_one("#status").render())
        assert "T" not in footer_text(app.screen).split()


async def test_an_annotator_whose_queue_is_done_is_told_so(team):
    docs = chosen_documents(team, Choice())
    assign(team, docs[:1], ["ana"], 1, "meg")
    open_layer(team, docs[0], "ana")
    actions.set_review_state(team, docs[0], "done", "ana")
    app = TalentApp(team, annotator="ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.reader.is_empty
        text = str(app.reader.query_one("#empty").render())
        assert "Nothing left in ana's queue" in text
        assert "S" not in footer_text(app.screen).split()  # no seeds to add here


async def test_a_managers_team_screen_shows_progress_and_disagreements_live(team):
    docs = chosen_documents(team, Choice())
    assign(team, docs, ["ana", "ben"], 2, "meg")
    app = TalentApp(team, annotator="meg")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Team" in footer_text(app.screen)
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamScreen)
        progress = screen.query_one("#team-progress", RowTable)
        assert progress.row(0) == ("ana", "annotator", "2", "0", "0")
        assert screen.query_one("#team-disagreements", RowTable).count == 0
        # Ana and Ben decide the same document differently, in their own apps' layers.
        doc = docs[0]
        for who, status in (("ana", "accepted"), ("ben", "rejected")):
            open_layer(team, doc, who)
            span = spans_for_document(team, doc, who)[0]
            actions.decide_span(team, span.id, status, who)
            actions.set_review_state(team, doc, "done", who)
        screen.compute()  # what the screen's timer does every few seconds
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert progress.row(0)[-1] == "1"
        disagreements = screen.query_one("#team-disagreements", RowTable)
        assert disagreements.count == 1
        titles = {t.id: t.title for t in document_titles(team)}
        assert disagreements.row(0)[0] == titles[doc]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_the_team_key_is_a_managers_only(team):
    app = TalentApp(team, annotator="ben")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        assert app.screen is app.reader


async def test_in_a_browser_an_export_downloads_and_never_names_a_server_path(
    team, monkeypatch, tmp_path
):
    from textual.app import App
    from textual.widgets import Input

    delivered = []
    monkeypatch.setattr(App, "is_web", property(lambda app: True))
    monkeypatch.setattr(App, "deliver_binary", lambda app, path, **kw: delivered.append((path, kw)))
    app = TalentApp(team, db_path=None, annotator="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#out", Input)
        field.value = str(tmp_path / "elsewhere.jsonl")  # a path on the server: refused
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportForm"
        assert "give a file name, not a path" in str(app.screen.query_one(".form-error").render())
        field.value = "mine.jsonl"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        ((path, options),) = delivered
        assert path.name == "mine.jsonl" and path.stat().st_size > 0
        assert options["save_filename"] == "mine.jsonl"
        assert not (tmp_path / "elsewhere.jsonl").exists()
        assert "downloaded by the browser" in str(app.reader.query_one("#status").render())


def decide_apart(team) -> None:
    """Ana accepts and Ben rejects the first suggestion of every document, each in their layer."""
    for doc in chosen_documents(team, Choice()):
        for who, status in (("ana", "accepted"), ("ben", "rejected")):
            open_layer(team, doc, who)
            span = spans_for_document(team, doc, who)[0]
            actions.decide_span(team, span.id, status, who)


async def refreshed_keeps_cursor(pilot, key: str, table_id: str) -> None:
    """Open a live screen with `key`, move to its table's second row, read it again (what its
    timer does every few seconds): the cursor is still on that row."""
    app = pilot.app
    await pilot.pause()
    await pilot.press(key)
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    table = screen.query_one(table_id, RowTable)
    assert table.count == 2
    table.focus()
    await pilot.press("down")
    chosen = table.row(1)
    screen.compute()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert table.cursor == 1 and table.row(table.cursor) == chosen and table.has_focus


async def test_the_team_screens_refresh_keeps_the_cursor_on_its_document(team):
    assign(team, chosen_documents(team, Choice()), ["ana", "ben"], 2, "meg")
    decide_apart(team)
    app = TalentApp(team, annotator="meg")
    async with app.run_test(size=(120, 36)) as pilot:
        await refreshed_keeps_cursor(pilot, "T", "#team-disagreements")


async def test_agreement_on_a_shared_database_is_read_again_with_the_cursor_kept(team):
    decide_apart(team)
    app = TalentApp(team, annotator="meg")
    async with app.run_test(size=(120, 36)) as pilot:
        await refreshed_keeps_cursor(pilot, "K", "#agreement-documents")


async def test_assigning_on_a_file_that_refuses_writes_says_so_and_goes_on(team):
    from store.connection import READ_ONLY_REFUSAL

    team.execute("PRAGMA query_only = ON")  # as a file opened read-only is
    app = TalentApp(team, annotator="meg")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the defaults: every document to ana and ben
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        assert READ_ONLY_REFUSAL in [n.message for n in app._notifications]
