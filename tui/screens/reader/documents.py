"""Which documents the reader's panes show: the first two on opening, the next or previous,
one chosen in the palette, search or a dialog; and their annotations reloaded when suggestions
arrive. A part of ReaderScreen, kept apart from its layout and status line."""

from __future__ import annotations

from store.annotations import claims_for_document, spans_for_document
from store.assignments import queue
from store.connection import READ_ONLY_REFUSAL
from store.documents import DocumentTitle, document_titles
from store.layers import document_in_layer, open_layer
from store.versions import version_state
from tui.widgets.article_pane import ArticlePane
from tui.widgets.article_view import ArticleView


def initial_documents(titles: list[DocumentTitle]) -> tuple[str | None, str | None]:
    """An English document on the left and a Chinese one on the right, when there are."""
    if not titles:
        return None, None
    left = next((t.id for t in titles if t.lang == "en"), titles[0].id)
    right = next((t.id for t in titles if t.lang == "zh" and t.id != left), None)
    if right is None:
        right = next((t.id for t in titles if t.id != left), left)
    return left, right


class ReaderDocuments:
    """The reader's document handling (mixed into ReaderScreen)."""

    def start_reading(self) -> None:
        """Fill the panes once the reader is mounted; then bring suggestions up to date."""
        app = self.app
        titles = self.current_documents()
        if app.queued:  # the queue's next document first, and the one after it beside it
            left_id, right_id = ([title.id for title in titles[:2]] + [None, None])[:2]
        else:
            left_id, right_id = initial_documents(titles)
        self.show_empty(left_id is None)
        if left_id is None:
            return
        left, right = self.panes
        self.annotator.load_entities()
        self.show_document(left, left_id)
        if right_id:
            self.show_document(right, right_id)
        left.view.focus()
        self.show_status()
        # After the first paint: loading jieba in a thread beside it would share the
        # interpreter with the drawing of the first screen.
        self.call_after_refresh(app.suggestions.warm_word_boundaries)
        app.flows_warmer.warm_soon()
        if app.refresh_suggestions and app.db_path is not None and not app.read_only:
            # After the first paint: recognition loads jieba, which takes a second.
            self.call_after_refresh(app.suggestions.refresh)

    def action_add_seeds(self) -> None:
        """Put the seed articles into this (empty) database and open them."""
        from store.seeds import load_seeds

        if self.app.read_only:
            self.show_status(READ_ONLY_REFUSAL, error=True)
            return
        report = load_seeds(self.app.db)
        self.start_reading()
        self.show_status(f"added {report.documents} seed article(s) · saved")

    def current_documents(self) -> list[DocumentTitle]:
        """What `[ ]` goes through: an annotator's queue (assigned and not done), else every
        document but the versions a newer one replaced."""
        titles = [title for title in document_titles(self.app.db) if not title.superseded]
        if self.app.queued:
            waiting = set(queue(self.app.db, self.app.annotator))
            titles = [title for title in titles if title.id in waiting]
        return titles

    def show_document(self, pane: ArticlePane, doc_id: str, cursor: int = 0) -> None:
        """Load a document and its annotations (the annotator's layer of them, in a shared
        database) into a pane."""
        app = self.app
        db, layer = app.db, app.layer
        if layer and not app.read_only:
            open_layer(db, doc_id, layer)
        document = document_in_layer(db, doc_id, layer)
        if document is None:
            return
        pane.version = version_state(db, doc_id)
        # The other pane showing this very document holds its annotations, kept current change
        # by change: reading them again would double the opening of a large document.
        twin = next(
            (p.view for p in self.panes if p is not pane and p.view.document == document), None
        )
        if twin is not None:
            spans, claims = twin.spans, twin.claims
        else:
            spans, claims = (
                spans_for_document(db, doc_id, layer),
                claims_for_document(db, doc_id, layer),
            )
        pane.show(document, spans, claims, cursor)
        if pane.view.has_focus:
            self.refresh_panel()
            self.refresh_bindings()  # O applies to documents with orphans only

    def reload_annotations(self) -> None:
        """Redraw both panes' annotations from the store (new suggestions arrived)."""
        db, layer = self.app.db, self.app.layer
        for pane in self.panes:
            document = pane.view.document
            if document:
                pane.update_annotations(
                    spans_for_document(db, document.id, layer),
                    claims_for_document(db, document.id, layer),
                )
                # What is under the cursor may have changed: the status line and keys follow.
                pane.view.post_message(ArticleView.CursorMoved(pane.view))
        self.refresh_panel()

    def open_document(self, doc_id: str, cursor: int = 0) -> None:
        """Open a document in the focused pane (from the palette or search)."""
        pane = self.focused_pane
        self.show_document(pane, doc_id, cursor)
        pane.view.focus()

    def action_cycle_document(self, step: int) -> None:
        """The previous or next document, in import order, in the focused pane."""
        pane = self.focused_pane
        ids = [title.id for title in self.current_documents()]
        current = pane.view.document.id if pane.view.document else None
        if not ids:
            if self.app.queued:
                self.show_status("nothing left in your queue: every document assigned is done")
            return
        index = (ids.index(current) + step) % len(ids) if current in ids else 0
        self.show_document(pane, ids[index])

    def show_at(
        self, doc_id: str, offset: int, message: str, mark: tuple[int, int] | None = None
    ) -> None:
        """Open a document at an offset and focus it there (with `mark` drawn as a search hit
        is): in the pane that already shows it, else in the pane that is not focused."""
        left, right = self.panes
        showing = [p for p in (left, right) if p.view.document and p.view.document.id == doc_id]
        pane = showing[0] if showing else right if self.focused_pane is left else left
        if showing:
            pane.view.move_to(offset)
        else:
            self.show_document(pane, doc_id, offset)
        pane.view.focus()
        if mark is not None:
            pane.view.found = mark
            pane.view.refresh()
        self.show_status(message)

    def annotators_of(self, doc_id: str) -> list[str]:
        """Who made decisions on a document (asked each time the keys are shown: kept until
        an action changes something)."""
        from store.adjudication import document_annotators

        if doc_id not in self._annotators:
            self._annotators[doc_id] = document_annotators(self.app.db, doc_id)
        return self._annotators[doc_id]

    def changed(self, tables: set[str]) -> None:
        """A user action changed these tables: what is derived from them is derived again."""
        self._annotators.clear()
        self.app.flows_warmer.changed(tables)
