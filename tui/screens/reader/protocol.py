"""What the dialogs and the annotator may ask of the reader. They know it by this protocol, not
by its class, so the reader can open them without either module importing the other."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from textual.app import App

from store.history import UserAction

if TYPE_CHECKING:
    from tui.widgets.article_pane import ArticlePane


class RunsActions(Protocol):
    """The reader's annotator, as a dialog that makes changes uses it."""

    def run(self, call: Callable[[], UserAction]) -> bool: ...


class Reader(Protocol):
    """The reader screen, as the screens it opens see it."""

    app: App
    last_message: str
    annotator: RunsActions
    flows_state: object | None  # what the flows screen left (filter, view, order), kept for F

    @property
    def panes(self) -> tuple[ArticlePane, ArticlePane]: ...

    @property
    def focused_pane(self) -> ArticlePane: ...

    def show_status(self, message: str = "", error: bool = False) -> None: ...

    def schedule_panel_refresh(self) -> None: ...

    def changed(self, tables: set[str]) -> None: ...

    def open_document(self, doc_id: str, cursor: int = 0) -> None: ...

    def show_at(
        self, doc_id: str, offset: int, message: str, mark: tuple[int, int] | None = None
    ) -> None: ...

    def reload_annotations(self) -> None: ...

    def annotators_of(self, doc_id: str) -> list[str]: ...
