"""One way to fail: an unexpected error is one line naming a log file, and a non-zero exit;
and jieba's cache is never read from the shared temporary folder."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.workspace import open_store


def corrupt_database(path: Path) -> None:
    """Overwrite the start of the page holding the Chinese seed's text."""
    db = open_store(path, suggest=False)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    page = data.find("在全球范围内".encode()) // 4096
    data[page * 4096 : page * 4096 + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def test_an_unexpected_error_in_a_command_is_one_line_and_a_log(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    corrupt_database(tmp_path / "talent.db")
    status, out, err = cli("stats")
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "unexpected error" in lines[0], err
    log = Path(lines[0].split("traceback in ")[1].rstrip(")"))
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert oct(log.stat().st_mode & 0o777) == "0o600"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_an_unexpected_error_in_the_app_is_one_line_and_a_non_zero_exit(tmp_path):
    from tests.test_e2e_tmux import capture, new_session, talent_tui, tmux, wait_for

    db_path = tmp_path / "talent.db"
    corrupt_database(db_path)
    exit_file = tmp_path / "exit-status"
    session = f"talent-crash-{os.getpid()}"
    command = (
        f"XDG_STATE_HOME={tmp_path / 'state'} TALENT_TUI_DB={db_path} {talent_tui()}; "
        f"echo $? > {exit_file}; read keep_the_pane_open"
    )
    new_session(session, 250, 30, "sh", "-c", command)
    try:
        assert wait_for(exit_file.exists, timeout=30)
        screen = capture(session)
    finally:
        subprocess.run(tmux(session, "kill-server"), capture_output=True)
    assert exit_file.read_text().strip() == "1"
    shown = [line for line in screen.splitlines() if line.strip()]
    assert len(shown) == 1, screen
    assert "unexpected error" in shown[0] and "crash.log" in shown[0]
    assert "Traceback" not in screen and "\x1b[?1049h" not in screen


def test_jieba_cache_in_the_shared_temporary_folder_is_never_read(tmp_path):
    shared, cache = tmp_path / "shared-tmp", tmp_path / "cache"
    shared.mkdir()
    # A planted cache that, if read, would make every character its own word.
    (shared / "jieba.cache").write_bytes(marshal.dumps(({"x": 1}, 1)))
    code = (
        "from talent.segment import words; t = '在全球范围内'; print([t[s:e] for s, e in words(t)])"
    )
    env = {**os.environ, "TMPDIR": str(shared), "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['在', '全球', '范围', '内']"
    written = cache / "talent-tui" / "jieba.cache"
    assert written.exists()
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    assert oct(written.parent.stat().st_mode & 0o777) == "0o700"
