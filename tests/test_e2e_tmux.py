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


def talent_tui() -> str:
    beside_python = Path(sys.executable).with_name("talent-tui")
    found = str(beside_python) if beside_python.exists() else shutil.which("talent-tui")
    assert found, "talent-tui is not installed"
    return found


def capture(session: str) -> str:
    return subprocess.run(
        [TMUX, "capture-pane", "-p", "-e", "-t", session], capture_output=True, text=True
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
    subprocess.run(
        [TMUX, "new-session", "-d", "-s", session, "-x", "160", "-y", "48", "sh", "-c", command],
        check=True,
    )
    try:

        def highlighted_screen() -> str | None:
            screen = capture(session)
            return screen if HIGHLIGHTED.search(screen) else None

        screen = wait_for(highlighted_screen)
        assert screen, capture(session)
        assert "OpenAI's talent changes" in screen
        assert "美国一周内吸引4位中国顶尖AI人才" in screen
        subprocess.run([TMUX, "send-keys", "-t", session, "q"], check=True)
        assert wait_for(exit_file.exists, timeout=20)
        assert exit_file.read_text().strip() == "0"
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)
