"""One keymap: every binding has an id, a user's keymap.toml changes keys by id, and the footer
and help show the keys in force; what a keymap gets wrong is named in one line at start."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from store.annotations import spans_for_document
from tests.test_annotate import focus_chinese, status
from tests.tui_helpers import footer_text, make_app
from tui.keymap import GROUPS
from tui.user_keymap import keymap_path, read_keymap


def write_keymap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = keymap_path()
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_binding_has_an_id_of_its_own():
    ids = [binding.id for group in GROUPS.values() for binding in group]
    assert all(ids)
    # A binding shared by two groups (the panes' motions) is one binding, not two ids.
    distinct = {id(binding): binding.id for group in GROUPS.values() for binding in group}
    assert len(set(distinct.values())) == len(distinct)


async def test_rebinding_accept_to_y_accepts_with_y_and_shows_y(monkeypatch, tmp_path):
    write_keymap(monkeypatch, tmp_path, 'reading.accept = "y"\n')
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await focus_chinese(pilot, app, "于佳慧")
        await pilot.press("a")  # no longer accepts
        await pilot.pause()
        assert view.span_at(view.cursor).status == "suggested"
        await pilot.press("y")
        await pilot.pause()
        saved = [s for s in spans_for_document(app.db, view.document.id) if s.quote == "于佳慧"]
        assert saved[0].status == "accepted"
        assert "accepted PERSON 于佳慧 · saved" in status(app)
        footer = footer_text(app.screen)
        assert "y Accept" in footer and "a/x" not in footer
        await pilot.press("question_mark")
        await pilot.pause()
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query(Static)[-1].content)
        help_text = console.export_text()
        accept_line = next(line for line in help_text.splitlines() if "reading.accept " in line)
        assert accept_line.split()[0] == "y"


async def test_a_keymap_with_an_unknown_id_and_a_clash_says_so_once_and_keeps_the_rest(
    monkeypatch, tmp_path
):
    path = write_keymap(
        monkeypatch,
        tmp_path,
        '[reading]\nacept = "y"\nclaim = "a"\n\n[reader]\nundo = "U"\n',
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1
        assert str(path) in messages[0]
        assert "unknown id 'reading.acept'" in messages[0]
        assert "'reading.claim' = 'a' is reading.accept's key" in messages[0]
        view = await focus_chinese(pilot, app, "于佳慧")
        await pilot.press("a")  # still accept: the clashing change was left out
        await pilot.pause()
        assert view.span_at(view.document.text.index("于佳慧")).status == "accepted"
        await pilot.press("u")  # undo moved to U: u does nothing now
        await pilot.pause()
        assert view.span_at(view.document.text.index("于佳慧")).status == "accepted"
        await pilot.press("U")  # the good line applies
        await pilot.pause()
        assert view.span_at(view.document.text.index("于佳慧")).status == "suggested"


def test_a_keymap_that_is_not_toml_is_one_problem_and_no_keys(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text("reading.accept = \n", encoding="utf-8")
    keymap = read_keymap(path)
    assert keymap.keys == {}
    assert len(keymap.problems) == 1 and keymap.problems[0].startswith("not read")


def test_keys_are_written_as_textual_binds_them(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('"app.help" = ["?", "f1"]\nreader.search = "ctrl+f"\n', encoding="utf-8")
    assert read_keymap(path).keys == {"app.help": "question_mark,f1", "reader.search": "ctrl+f"}


def test_a_key_a_binding_already_has_by_default_is_no_clash(tmp_path):
    path = tmp_path / "keymap.toml"
    # `e` is both the export key and, while selecting, the end of a word: by design.
    path.write_text('reader.export = "e,ctrl+e"\n', encoding="utf-8")
    assert read_keymap(path).problems == []


def test_every_annotation_key_has_its_handler():
    """The reading pane's keys post intents by name; each name is one the annotator handles."""
    from textual.actions import parse

    from tui.keymap import READING
    from tui.screens.reader.annotator import Annotator

    intents = [parse(b.action)[2][0] for b in READING if b.action.startswith("intent(")]
    assert intents and all(callable(getattr(Annotator, f"_{name}", None)) for name in intents)


def test_every_dialog_the_reader_opens_has_its_opener():
    from importlib import import_module

    from tui.screens.reader.screen import DIALOGS

    for target in DIALOGS.values():
        module, opener = target.split(":")
        assert callable(getattr(import_module(module), opener))


def test_the_keymap_in_the_readme_applies_whole(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    path = tmp_path / "keymap.toml"
    path.write_text(readme.split("```toml\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    keymap = read_keymap(path)
    assert keymap.problems == [] and keymap.keys["reading.accept"] == "y"
