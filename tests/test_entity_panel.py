"""The entity panel on a long document: redrawn in slices after a burst of keys, so a key
pressed meanwhile is handled before the redraw ends, and the rows are the same as at once."""

from __future__ import annotations

from contextlib import asynccontextmanager
from types import SimpleNamespace

from store.suggestions import store_suggestions
from talent.recognize.base import Mention
from tests.tui_helpers import make_app
from tui.widgets import entity_panel
from tui.widgets.entity_panel import EntityPanel

NAMES = ["于佳慧", "刘鹏飞", "张伟", "李娜", "王芳", "陈杰"]
SLICE = 100  # spans a slice in these tests: forty slices without a 1 MB document


@asynccontextmanager
async def long_document_open(tmp_path, monkeypatch):
    """(app, pilot, number of spans) with a long document open, one of forty slices' worth of
    suggestions (slices made small, so it need not be 1 MB)."""
    monkeypatch.setattr(entity_panel, "SLICE", SLICE)
    sentence = "".join(f"{name}加入了公司。" for name in NAMES)
    repeats = 40 * SLICE // len(NAMES) + 1
    app = make_app(tmp_path, {"long.txt": sentence * repeats})
    db = app.db
    doc_id = db.execute("SELECT id FROM documents ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    mentions, offset = [], 0
    for _ in range(repeats):
        for name in NAMES:
            mentions.append(Mention(offset, offset + len(name), "PERSON", "test"))
            offset += len(name) + len("加入了公司。")
    store_suggestions(db, doc_id, mentions, SimpleNamespace(name="test", version="1"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.reader.open_document(doc_id)
        await pilot.pause()
        yield app, pilot, len(mentions)


def rows(app) -> list[str]:
    panel = app.reader.query_one(EntityPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_a_key_pressed_during_the_panel_redraw_is_handled_before_it_ends(
    tmp_path, monkeypatch
):
    async with long_document_open(tmp_path, monkeypatch) as (app, pilot, count):
        view = app.reader.focused_pane.view
        await pilot.press("a")  # accept the first 于佳慧
        await pilot.pause()
        cursor_before = view.cursor
        panel = app.reader.query_one(EntityPanel)
        seen_when_drawn = []
        show = panel.replace_options
        panel.replace_options = lambda options: (seen_when_drawn.append(view.cursor), show(options))
        worker = app.reader.refresh_panel_in_slices()
        await pilot.press("l")
        await worker.wait()
        assert view.cursor == cursor_before + 1
        # The panel finished after the key moved the cursor: the key did not wait for it.
        assert seen_when_drawn == [cursor_before + 1]
        panel.replace_options = show
        in_slices = rows(app)
        app.reader.refresh_panel()
        assert rows(app) == in_slices
        per_name = count // len(NAMES)
        # One accepted (the gazetteer names the entity), the rest still suggested.
        assert f"  Jiahui Yu (于佳慧) ×{per_name} ·" in in_slices


async def test_a_redraw_at_once_replaces_one_in_slices_that_would_show_older_rows(
    tmp_path, monkeypatch
):
    async with long_document_open(tmp_path, monkeypatch) as (app, pilot, count):
        worker = app.reader.refresh_panel_in_slices()
        app.reader.refresh_panel()
        await pilot.pause()
        assert worker.is_cancelled
        assert rows(app)[0].startswith(f"PERSON ({count})")
