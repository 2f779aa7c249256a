"""A pane: a document's title, language and review progress above its reading view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from store.versions import VersionState
from talent.model import Claim, Document, Span
from tui.safe import safe
from tui.widgets.article_view import ArticleView


class ArticlePane(Vertical):
    """One document pane; the header never reads the title as markup."""

    def __init__(self, *, id: str, view: type[ArticleView] = ArticleView) -> None:
        super().__init__(id=id, classes="pane")
        # Set with each document: an old version, or orphans its predecessor left.
        self.version = VersionState()
        self._view_class = view

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.id}-header", classes="pane-header")
        yield self._view_class(id=f"{self.id}-view")

    @property
    def view(self) -> ArticleView:
        """The reading view inside the pane."""
        return self.query_one(ArticleView)

    def show(
        self, document: Document, spans: list[Span], claims: list[Claim], cursor: int = 0
    ) -> None:
        """Show a document and its annotations."""
        self.view.show(document, spans, claims, cursor)
        self.update_header()

    def update_annotations(self, spans: list[Span], claims: list[Claim]) -> None:
        """Redraw after the document's annotations changed."""
        self.view.set_annotations(spans, claims)
        self.update_header()

    def update_header(self) -> None:
        """Title, language and progress: decided spans out of all spans."""
        view = self.view
        document = view.document
        if document is None:
            return
        marks = view.marks
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append_text(safe(f" {document.lang} ", "reverse"))
        header.append(f" {marks.decided}/{marks.total} reviewed ", style="dim")
        if self.version.superseded:
            header.append("[old version] ", style="bold yellow")
        if self.version.orphans:
            header.append(f"[{self.version.orphans} orphaned: O] ", style="bold yellow")
        if document.review_state != "new":
            header.append(f"[{document.review_state.replace('_', ' ')}] ", style="bold")
        if getattr(self.screen, "synchronised", False):
            header.append("[sync] ", style="bold")
        header.append_text(safe(document.title, "bold"))
        # One fixed row: no layout pass after every decision.
        self.query_one(".pane-header", Static).update(header, layout=False)
