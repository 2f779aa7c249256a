"""Shared fixtures: a fresh database in tmp_path and a way to run the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.workspace import open_store
from tui.cli.main import main


@pytest.fixture(autouse=True)
def no_user_keymap(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own keymap.toml never changes a test's keys (a test that wants one
    writes it under a config folder of its own)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(Path.home() / ".config-of-no-test"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "talent.db"


@pytest.fixture
def db(db_path: Path):
    database = open_store(db_path)
    yield database
    database.close()


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]):
    """Run `talent-tui ARGS --db db_path`; return (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        status = main([*map(str, args), "--db", str(db_path)])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture
def team(db):
    """The seeds' database shared by two annotators (ana, ben) and a manager (meg)."""
    from store.users import add_user

    add_user(db, "ana", "ana-secret")
    add_user(db, "ben", "ben-secret")
    add_user(db, "meg", "meg-secret", "manager")
    return db
