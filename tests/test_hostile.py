"""Nothing in a document reaches the terminal raw or crashes the app: the hostile corpus through
both import paths, every screen, search, the palette and `stats`."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.console import Console

from store.importer import import_paths
from talent.display import safe_string
from tests.hostile import OSC_TITLE, leaked, write_hostile_corpus
from tests.tui_helpers import make_app, screen_text
from tui.safe import safe


def test_placeholders_stand_in_for_controls_and_markup_stays_literal():
    assert safe_string(f"a{OSC_TITLE}b") == "a␛]0;PWNED-TITLE␇b"
    assert safe_string("x\u202ey\x9b") == "x\\u202ey\\x9b"
    assert safe_string("line\nnext", keep_newlines=True) == "line\nnext"
    assert safe("[b]bold[/b] OpenAI [/b]").plain == "[b]bold[/b] OpenAI [/b]"
    console = Console(record=True, width=200, force_terminal=True)
    console.print(safe(f"title {OSC_TITLE} \x1bc \u202e"))
    assert not leaked(console.export_text(styles=True).encode())


def test_txt_and_jsonl_accept_the_same_characters(tmp_path, cli):
    paths = write_hostile_corpus(tmp_path / "in")
    status, out, err = cli("import", *paths)
    assert status == 0, err
    assert "imported 3 document(s)" in out


def test_nul_is_refused_naming_line_and_column(tmp_path, cli):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "ok\nab\u0000c"}) + "\n", encoding="utf-8")
    status, _, err = cli("import", bad)
    assert status == 1
    assert "U+0000" in err and "line 2, column 3" in err


def test_stats_output_carries_no_escape_from_the_data(tmp_path, cli):
    cli("import", *write_hostile_corpus(tmp_path / "in"))
    status, out, _ = cli("stats")
    assert status == 0
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert "[/quote]" in out  # markup in a title is shown, not read


def _run_in_pty(args: list[str], env: dict[str, str]) -> bytes:
    """Run a command in a pseudo-terminal (so it prints as it would to a user); its raw output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    raw = b""
    try:
        while select.select([master], [], [], 30)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the command exited and closed the terminal
                break
            if not chunk:
                break
            raw += chunk
    finally:
        process.wait(timeout=30)
        os.close(master)
    return raw


def _installed(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_stats_in_a_terminal_carries_no_escape_from_the_data(tmp_path, cli, db_path):
    cli("import", *write_hostile_corpus(tmp_path / "in"))
    env = {**os.environ, "TERM": "xterm-256color", "TALENT_TUI_DB": str(db_path)}
    raw = _run_in_pty([_installed("talent-tui"), "stats"], env)
    assert b"Forum repost" in raw
    assert not leaked(raw)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_app_in_a_terminal_shows_hostile_documents_without_leaking(tmp_path, db_path):
    from store.workspace import open_store
    from tests.test_e2e_tmux import new_session, screen_text, talent_tui, tmux, wait_for

    db = open_store(db_path)
    import_paths(db, write_hostile_corpus(tmp_path / "in"))
    db.close()
    session, raw_file = f"talent-hostile-{os.getpid()}", tmp_path / "raw"
    exit_file = tmp_path / "exit-status"
    command = f"TALENT_TUI_DB={db_path} {talent_tui()}; echo $? > {exit_file}"
    new_session(session, 120, 40)
    try:
        # pipe-pane hands over the bytes the app writes, before tmux interprets any of them.
        subprocess.run(
            tmux(session, "pipe-pane", "-t", session, "-o", f"cat >> {raw_file}"), check=True
        )
        subprocess.run(tmux(session, "send-keys", "-t", session, command, "Enter"), check=True)

        def keys_then(keys: list[str], shown) -> None:
            subprocess.run(tmux(session, "send-keys", "-t", session, *keys), check=True)
            assert wait_for(lambda: shown(screen_text(session))), screen_text(session)

        assert wait_for(lambda: "reviewed" in screen_text(session)), screen_text(session)
        keys_then(["]", "]"], lambda screen: "Forum repost" in screen)
        keys_then(["C-p"], lambda screen: "Exclusive" in screen)
        keys_then(["Escape"], lambda screen: "Exclusive" not in screen)
        keys_then(["/"], lambda screen: "Search all documents" in screen)
        keys_then(["-l", "OpenAI [/b]"], lambda screen: "OpenAI [/b]" in screen)
        keys_then(["Enter"], lambda screen: "hit(s)" in screen)
        keys_then(["Escape"], lambda screen: "hit(s)" not in screen)
        # Annotate across the control sequences: the status line, the panels, the claim form
        # and the entity picker all draw the hostile quote.
        keys_then(["/"], lambda screen: "Search all documents" in screen)
        keys_then(["-l", "Title sequence"], lambda screen: "Title sequence" in screen)
        keys_then(["Enter"], lambda screen: "hit(s)" in screen)
        keys_then(["Enter"], lambda screen: "Search all documents" not in screen)
        keys_then(["v", "w", "w", "w", "w", "w", "1"], lambda s: "labelled PERSON" in s)
        # The cursor went on to the next suggestion: N comes back to the new PERSON.
        keys_then(["N"], lambda screen: "PERSON accepted" in screen)
        keys_then(["c"], lambda screen: "Tag a claim" in screen)
        keys_then(["Enter"], lambda screen: "claim #" in screen and "claims (1)" in screen)
        keys_then(["L"], lambda screen: "to an organization" in screen)
        keys_then(["Escape"], lambda screen: "to an organization" not in screen)
        subprocess.run(tmux(session, "send-keys", "-t", session, "q"), check=True)
        assert wait_for(exit_file.exists, timeout=20)
        assert exit_file.read_text().strip() == "0"
    finally:
        subprocess.run(tmux(session, "kill-server"), capture_output=True)
    raw = raw_file.read_bytes()
    assert b"Forum repost" in raw
    assert not leaked(raw)
    assert b"Traceback" not in raw


async def test_hostile_documents_open_in_every_screen_of_the_app(tmp_path):
    app = make_app(tmp_path)
    import_paths(app.db, write_hostile_corpus(tmp_path / "in"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        left = app.reader.panes[0]
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            shown = screen_text(left.view)
            assert "\x1b" not in shown and "\u202e" not in shown
        await pilot.press("slash")
        await pilot.press(*"OpenAI [/b]", "enter")
        await pilot.pause()
        assert "hit(s)" in str(app.screen.query_one("#search-count").render())
        await pilot.press("escape", "ctrl+p")
        await pilot.press(*"Exclusive")
        await pilot.pause()
        await pilot.press("escape")
        assert app.return_code is None  # still running: nothing crashed
