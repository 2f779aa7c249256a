"""Snapshots of the main screens: the reader at 80x24 and 160x48, help, forms, search results,
the empty database, the synchronised-scrolling indicator and a manager's team screen."""

from pathlib import Path

from tests.tui_helpers import make_app


async def settle(pilot) -> None:
    await pilot.pause()


def test_main_screen_80x24(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settle)


def test_main_screen_160x48(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=(160, 48), run_before=settle)


def test_help_screen(snap_compare, tmp_path, monkeypatch):
    # The title names the keymap's path as a user's own machine would: ~/.config/talent-tui.
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert snap_compare(
        make_app(tmp_path), terminal_size=(100, 40), press=["question_mark"], run_before=settle
    )


async def on_yu_jiahui(pilot) -> None:
    """Focus the Chinese pane with the cursor on 于佳慧 in the sentence with the money."""
    await pilot.pause()
    await pilot.press("tab")
    view = pilot.app.reader.panes[1].view
    view.move_to(view.text.index("于佳慧的招募"))
    await pilot.pause()


def test_claim_form(snap_compare, tmp_path):
    async def open_form(pilot) -> None:
        await on_yu_jiahui(pilot)
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(100, 32), run_before=open_form)


def test_link_picker(snap_compare, tmp_path):
    async def open_picker(pilot) -> None:
        await on_yu_jiahui(pilot)
        await pilot.press("L", "M")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(100, 32), run_before=open_picker)


def empty_app(tmp_path):
    """The app over a database without documents."""
    from store.workspace import open_store
    from tui.app import TalentApp

    return TalentApp(open_store(tmp_path / "empty.db", suggest=False, seed=False))


def test_empty_database_80x24(snap_compare, tmp_path):
    assert snap_compare(empty_app(tmp_path), terminal_size=(80, 24), run_before=settle)


def test_search_results(snap_compare, tmp_path):
    async def search(pilot) -> None:
        await pilot.pause()
        await pilot.press("slash", *"OpenAI", "enter")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(100, 32), run_before=search)


def test_synchronised_scrolling_shows_in_both_headers(snap_compare, tmp_path):
    async def sync(pilot) -> None:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(160, 48), run_before=sync)


def flows_app(tmp_path):
    """The app over the seeds annotated with the four moves from OpenAI to Meta."""
    from store.workspace import open_store
    from tests.seed_moves import annotate_seed_moves
    from tui.app import TalentApp

    db = open_store(tmp_path / "flows.db")
    annotate_seed_moves(db)
    return TalentApp(db)


async def open_flows(pilot) -> None:
    await pilot.pause()
    await pilot.press("F")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down")  # 于佳慧: the total and its parts in the detail
    await pilot.pause()


def test_flows_screen_80x24(snap_compare, tmp_path):
    assert snap_compare(flows_app(tmp_path), terminal_size=(80, 24), run_before=open_flows)


def test_flows_screen_160x48(snap_compare, tmp_path):
    assert snap_compare(flows_app(tmp_path), terminal_size=(160, 48), run_before=open_flows)


def test_flows_chart_80x24(snap_compare, tmp_path):
    async def open_chart(pilot) -> None:
        await open_flows(pilot)
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(flows_app(tmp_path), terminal_size=(80, 24), run_before=open_chart)


def test_side_panel_80x24(snap_compare, tmp_path):
    """On a narrow screen `o` keeps the pane read last above the panel, whose lists keep rows."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), press=["o"], run_before=settle)


def test_claim_form_80x24(snap_compare, tmp_path):
    """The claim form with Chinese text, on the smallest screen."""

    async def open_form(pilot) -> None:
        await on_yu_jiahui(pilot)
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=open_form)


def test_link_form_160x48(snap_compare, tmp_path):
    """The link form with Chinese evidence, its status drop-down open over the labels."""

    async def open_form(pilot) -> None:
        await on_yu_jiahui(pilot)
        await pilot.press("L", *"Meta", "enter")
        await pilot.pause()
        await pilot.press("tab", "space")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(160, 48), run_before=open_form)


def test_team_screen_80x24(snap_compare, tmp_path):
    """A manager's T on a shared database: ana and ben assigned both seeds, one decided apart."""
    from store import actions
    from store.annotations import spans_for_document
    from store.assignments import Choice, assign, chosen_documents
    from store.layers import open_layer
    from store.users import add_user
    from tui.app import TalentApp

    db = make_app(tmp_path).db
    for name, role in (("ana", "annotator"), ("ben", "annotator"), ("meg", "manager")):
        add_user(db, name, f"{name}-secret", role)
    docs = chosen_documents(db, Choice())
    assign(db, docs, ["ana", "ben"], 2, "meg")
    for who, status in (("ana", "accepted"), ("ben", "rejected")):
        open_layer(db, docs[0], who)
        span = spans_for_document(db, docs[0], who)[0]
        actions.decide_span(db, span.id, status, who)
        actions.set_review_state(db, docs[0], "done", who)

    async def open_team(pilot) -> None:
        await pilot.pause()
        await pilot.press("T")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = TalentApp(db, annotator="meg")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_team)
