"""End to end: the installed `talent-tui` in a real terminal (tmux), as a user starts it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
# Underline (SGR 4), perhaps more SGR sequences, then an entity: a suggestion drawn highlighted.
HIGHLIGHTED = re.compile(
    r"\x1b\[(?:[0-9;]*;)?4(?:;[0-9;]*)?m(?:\x1b\[[0-9;]*m)*(美国|Liu Pengfei|Caixin)"
)


def tmux(session: str, *arguments: str) -> list[str]:
    """A tmux command on the session's own server: when a test kills its session the default
    server exits, and a next test starting a session on it meanwhile fails ("server exited
    unexpectedly")."""
    return [TMUX, "-L", session, *arguments]


def new_session(session: str, width: int, height: int, *command: str) -> None:
    """Start a detached session of that size on its own server, running the command."""
    subprocess.run(
        tmux(session, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height))
        + list(command),
        check=True,
    )


def talent_tui() -> str:
    beside_python = Path(sys.executable).with_name("talent-tui")
    found = str(beside_python) if beside_python.exists() else shutil.which("talent-tui")
    assert found, "talent-tui is not installed"
    return found


def capture(session: str) -> str:
    return subprocess.run(
        tmux(session, "capture-pane", "-p", "-e", "-t", session), capture_output=True, text=True
    ).stdout


def screen_text(session: str) -> str:
    """The screen as plain text, as a user reads it."""
    return subprocess.run(
        tmux(session, "capture-pane", "-p", "-t", session), capture_output=True, text=True
    ).stdout


def wait_for(predicate, timeout: float = 60.0):
    """Poll the terminal until the predicate holds (tmux offers no event to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.05)
    return predicate()


def test_installed_command_shows_both_seeds_highlighted_and_quits_cleanly(tmp_path):
    session = f"talent-e2e-{os.getpid()}"
    exit_file = tmp_path / "exit-status"
    command = f"TALENT_TUI_DB={tmp_path / 'talent.db'} {talent_tui()}; echo $? > {exit_file}"
    new_session(session, 160, 48, "sh", "-c", command)
    try:

        def highlighted_screen() -> str | None:
            screen = capture(session)
            return screen if HIGHLIGHTED.search(screen) else None

        screen = wait_for(highlighted_screen)
        assert screen, capture(session)
        assert "OpenAI's talent changes" in screen
        assert "美国一周内吸引4位中国顶尖AI人才" in screen
        subprocess.run(tmux(session, "send-keys", "-t", session, "q"), check=True)
        assert wait_for(exit_file.exists, timeout=20)
        assert exit_file.read_text().strip() == "0"
    finally:
        subprocess.run(tmux(session, "kill-server"), capture_output=True)


def start(session: str, db_path: Path, width: int = 160, height: int = 48) -> None:
    """Run the installed talent-tui as the pane's own process (so its pid is the pane's)."""
    command = f"exec env TALENT_TUI_DB={db_path} TALENT_TUI_ANNOTATOR=ana {talent_tui()}"
    new_session(session, width, height, command)


def keys(session: str, *names: str, until: str | None = None, literal: bool = False) -> str:
    """Send keys; then wait until the screen matches the pattern `until`."""
    subprocess.run(
        tmux(session, "send-keys", "-t", session, *(["-l"] if literal else []), *names), check=True
    )
    if until is None:
        return screen_text(session)
    screen = wait_for(
        lambda: (lambda s: s if re.search(until, s) else None)(screen_text(session)), 30
    )
    assert screen, f"never showed {until!r}:\n{screen_text(session)}"
    return screen


def jump_to(session: str, text: str) -> None:
    """Search for text and jump there in the focused pane."""
    keys(session, "/", until="Search all documents")
    keys(session, text, literal=True)
    keys(session, "Enter", until=r"hit\(s\)")
    keys(session, "Enter")
    assert wait_for(
        lambda: "Search all documents" not in screen_text(session) and text in screen_text(session),
        10,
    )


def test_annotating_with_keys_only_survives_quit_and_reopen(tmp_path):
    from store.annotations import claims_for_document, links_for_document, spans_for_document
    from store.documents import list_documents
    from store.workspace import open_store

    db_path = tmp_path / "talent.db"
    session = f"talent-annotate-{os.getpid()}"
    start(session, db_path)
    try:
        # The first run recognises the seeds after the first paint: wait for the suggestions.
        keys(session, until=r"zh\s+0/[1-9]\d* reviewed")
        keys(session, "Tab")
        jump_to(session, "于佳慧的招募")
        keys(session, until="PERSON suggested")
        keys(session, "L", until="Link 于佳慧 to an organization")
        keys(session, "Meta", literal=True)
        keys(session, "Enter", until="relation")
        keys(session, "Enter", until="joined Meta .* · saved")
        keys(session, "n", until="MONEY suggested")
        keys(session, "a", until="accepted MONEY 8000万美元 · saved")
        keys(session, "x", until=r"rejected [A-Z]+ \S+ · saved")
        keys(session, "g", "j", "j")
        keys(session, "c", until="Tag a claim")
        keys(session, "Enter", until=r"tagged \w+ claim #\d+ · saved")
        keys(session, "w", "v", "w", "2", until="labelled ORG .* · saved")
        keys(session, "q")
        assert wait_for(lambda: "reviewed" not in screen_text(session), 20)
    finally:
        subprocess.run(tmux(session, "kill-server"), capture_output=True)
    db = open_store(db_path, suggest=False)
    zh = next(d for d in list_documents(db) if d.lang == "zh")
    spans = spans_for_document(db, zh.id)
    statuses = {s.status for s in spans if s.annotator == "ana"}
    assert {"accepted", "rejected"} <= statuses
    # The selection may coincide with a suggestion (then relabelled, keeping its origin).
    assert any(s.label == "ORG" and s.status == "accepted" for s in spans if s.annotator == "ana")
    assert len(claims_for_document(db, zh.id)) == 2
    assert [link.relation for link in links_for_document(db, zh.id)] == ["joined"]
    db.close()
    session = f"talent-reopen-{os.getpid()}"
    start(session, db_path)
    try:
        screen = keys(session, until="reviewed")
        assert re.search(r"zh\s+[1-9]\d*/\d+ reviewed", screen), screen
        keys(session, "Tab")
        keys(session, "u", until="undid")
    finally:
        subprocess.run(tmux(session, "kill-server"), capture_output=True)


def test_an_action_is_saved_before_the_screen_says_so_even_under_sigkill(tmp_path):
    import signal

    from store.annotations import spans_for_document
    from store.documents import list_documents
    from store.workspace import open_store

    db_path = tmp_path / "talent.db"
    session = f"talent-kill-{os.getpid()}"
    start(session, db_path)
    try:
        keys(session, until=r"zh\s+0/[1-9]\d* reviewed")
        keys(session, "Tab")
        jump_to(session, "任泓宇则")
        keys(session, until="PERSON suggested")
        keys(session, "a", until="accepted PERSON 任泓宇 · saved")
        pid = subprocess.run(
            tmux(session, "display-message", "-p", "-t", session, "#{pane_pid}"),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        os.kill(int(pid), signal.SIGKILL)
    finally:
        subprocess.run(tmux(session, "kill-server"), capture_output=True)
    db = open_store(db_path, suggest=False)
    zh = next(d for d in list_documents(db) if d.lang == "zh")
    assert any(
        s.quote == "任泓宇" and s.status == "accepted" for s in spans_for_document(db, zh.id)
    )
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
