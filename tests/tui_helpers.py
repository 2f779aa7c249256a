"""Building the app on a fresh, fully recognised database in tmp_path."""

from __future__ import annotations

from pathlib import Path

from store.workspace import open_store
from tui.app import TalentApp


def make_app(tmp_path: Path, extra: dict[str, str] | None = None) -> TalentApp:
    """The app over a new database (seeds plus `extra` files), suggestions already stored."""
    db_path = tmp_path / "talent.db"
    db = open_store(db_path)
    if extra:
        from store.importer import import_paths
        from store.suggestions import refresh_pending

        paths = []
        for name, text in extra.items():
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        import_paths(db, paths)
        refresh_pending(db)
    # No db_path: the background refresh is not needed, and snapshots stay deterministic.
    return TalentApp(db)


def screen_text(view, lines: int = 40) -> str:
    """What a reading view shows, line by line, as plain text."""
    return "\n".join(view.render_line(y).text.rstrip() for y in range(lines))


def footer_text(screen) -> str:
    """The keys a screen's footer shows, as plain text."""
    from textual.widgets import Footer

    return " ".join(str(key.render()) for key in screen.query_one(Footer).query("*"))
