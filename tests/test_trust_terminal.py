"""No string from data reaches the terminal raw: every screen and form that shows names, notes,
titles and annotators is drawn with the hostile ones, and the bytes it would write are read."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from store.annotations import claims_for_document, links_for_document
from store.importer import import_paths
from tests.hostile import CSI_COLOUR, OSC_CLIPBOARD, OSC_TITLE, RESET, leaked
from tests.tui_helpers import make_app
from tui.screens.agreement_screen import open_agreement

ANNOTATORS = (f"ana{OSC_TITLE}", f"bob{RESET}[link=https://evil]x[/link]")
TEXT = "Evil Corp hired Eve last week.\nEve joined Evil Corp from Good Lab."


def _hostile_feed(folder: Path) -> Path:
    """One article whose names, notes, title and annotators all carry escape sequences."""
    entities = [
        {"id": "p", "label": "PERSON", "name": f"Eve {OSC_CLIPBOARD}", "aliases": [f"E{RESET}"]},
        {"id": "o", "label": "ORG", "name": f"Evil Corp {CSI_COLOUR}"},
    ]
    eve, corp, again = TEXT.index("Eve"), TEXT.index("Evil Corp"), TEXT.index("Eve joined")
    spans = [
        {
            "start": eve,
            "end": eve + 3,
            "label": "PERSON",
            "entity": "p",
            "annotator": ANNOTATORS[0],
        },
        {
            "start": again,
            "end": again + 3,
            "label": "PERSON",
            "entity": "p",
            "annotator": ANNOTATORS[1],
        },
        {"start": corp, "end": corp + 9, "label": "ORG", "entity": "o", "annotator": ANNOTATORS[0]},
    ]
    second = TEXT.index("Eve joined")
    claim = {
        "id": 1,
        "start": second,
        "end": len(TEXT),
        "category": "hiring",
        "note": f"note {OSC_TITLE} {CSI_COLOUR}",
        "annotator": ANNOTATORS[0],
    }
    link = {
        "person": "p",
        "org": "o",
        "relation": "joined",
        "evidence": 1,
        "date": f"2025{RESET}",
        "note": f"link note {OSC_CLIPBOARD}",
        "annotator": ANNOTATORS[0],
    }
    record = {
        "id": "hostile",
        "title": f"[link=https://evil]click[/link] {OSC_TITLE}",
        "text": TEXT,
        "entities": entities,
        "spans": spans,
        "claims": [claim],
        "links": [link],
    }
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def raw_frame(app) -> bytes:
    """The bytes the app would write to the terminal for the whole screen as it is now."""
    update = app.screen._compositor.render_full_update()
    return update.render_segments(app.console).encode()


async def _shown_safely(pilot, app, screen: str, marker: str) -> None:
    """The screen is open, shows the marker, and nothing hostile reaches its raw bytes."""
    await pilot.pause()
    raw = raw_frame(app)
    assert type(app.screen).__name__ == screen
    assert marker.encode() in raw, f"{screen} did not show {marker}"
    assert not leaked(raw), (screen, leaked(raw))


async def test_every_form_and_screen_draws_hostile_data_as_placeholders(tmp_path):
    app = make_app(tmp_path)
    import_paths(app.db, [_hostile_feed(tmp_path)])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.reader.open_document("hostile")
        await _shown_safely(pilot, app, "ReaderScreen", "click")  # the title in the pane header
        view = app.reader.focused_pane.view
        view.move_to(TEXT.index("Eve"))
        await pilot.press("E")  # the entity editor: name and aliases in input fields
        await _shown_safely(pilot, app, "EntityForm", "UFdORUQ")
        await pilot.press("escape")
        view.move_to(TEXT.index("Eve joined") + 1)
        await pilot.press("c")  # the claim form, its note in an input field
        await _shown_safely(pilot, app, "ClaimForm", "PWNED-TITLE")
        await pilot.press("escape")
        link = links_for_document(app.db, "hostile")[0]
        app.reader.annotator.edit_link(link)  # the link form: date and note in input fields
        await _shown_safely(pilot, app, "LinkForm", "link note")
        await pilot.press("escape")
        open_agreement(app.reader)  # its title names the annotators
        await _shown_safely(pilot, app, "AgreementScreen", "Agreement among")
        await pilot.press("escape")
        for key, screen, marker in (
            ("F", "FlowsScreen", "Eve"),
            ("J", "AdjudicationScreen", "Eve"),
            ("C", "ClaimRelationsScreen", "claim"),
            ("M", "IdentityScreen", ""),
            ("e", "ExportForm", "jsonl"),
        ):
            await pilot.press(key)
            await _shown_safely(pilot, app, screen, marker)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")  # the palette: each annotator's progress beside a document
        await pilot.press(*"click")
        await _shown_safely(pilot, app, "CommandPalette", "decided")
        assert b"\x1b]8;" not in raw_frame(app)  # no markup made a hyperlink
        await pilot.press("escape")
    assert claims_for_document(app.db, "hostile")[0].note.startswith("note \x1b]0;")


def test_the_import_progress_line_shows_file_names_as_text(tmp_path):
    """A file named like a hyperlink, with a reset in it, is a name on the progress bar."""
    from rich.console import Console

    from tui.cli.importing import reading
    from tui.cli.progress import progress_bar

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120, color_system="truecolor")
    name = tmp_path / f"zz_[link=https:__evil]click[_link]{RESET}.txt"
    with progress_bar(console) as progress:
        progress.add_task(reading(name), total=3, completed=1)
        progress.refresh()
    raw = screen.getvalue().encode()
    assert b"[link=https:__evil]click[_link]" in raw
    assert b"\x1b]8;" not in raw and not leaked(raw)


@pytest.mark.parametrize("command", [["stats"], ["agreement"], ["flows"]])
def test_commands_print_hostile_names_as_text(tmp_path, command):
    db_path = tmp_path / "talent.db"
    app = make_app(tmp_path)
    import_paths(app.db, [_hostile_feed(tmp_path)])
    app.db.close()
    from tests.test_hostile import _run_in_pty

    env = {**os.environ, "TERM": "xterm-256color", "TALENT_TUI_DB": str(db_path)}
    talent_tui = str(Path(sys.executable).with_name("talent-tui"))
    raw = _run_in_pty([talent_tui, *command], env)
    assert not leaked(raw) and b"\x1b]8;" not in raw, raw[-400:]
