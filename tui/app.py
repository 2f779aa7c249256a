"""The Textual app: opens the store and shows the reader."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from store.documents import document_titles


class TalentApp(App):
    """talent-tui: read and annotate news about AI talent."""

    TITLE = "talent-tui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        yield Header()
        titles = "\n".join(f"{lang}  {title}" for _, title, lang in document_titles(self.db))
        yield Static(titles, markup=False)
        yield Footer()


def run_app(db_path: Path) -> int:
    """Open the database (seeding a new one) and run the app until the user quits."""
    from store.workspace import open_store

    TalentApp(open_store(db_path, suggest=False)).run()
    return 0
