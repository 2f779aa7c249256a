"""The annotator's core: one store call a user action, its changes applied to the panes, and
what was saved (or why nothing was) on the status line. The span, claim and link actions build
on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from store import actions
from store.annotations import claims_for_document, entities_by_id
from store.connection import write_refusal
from store.entities import entities_matching
from store.history import HistoryError, UserAction, redo, undo
from store.layers import document_in_layer
from talent.model import REVIEW_STATES, Entity, Span
from tui.screens.reader.protocol import Reader
from tui.widgets.article_view import ArticleView

_ANNOTATION_TABLES = {
    "claims", "claim_entities", "claim_relations", "links", "entities", "documents", "reviews",
}  # fmt: skip


class ActionRunner:
    """Intents in, store calls, changes out."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.entities: dict[str, Entity] = {}

    @property
    def db(self):
        return self.reader.app.db

    @property
    def annotator(self) -> str | None:
        return self.reader.app.annotator

    @property
    def layer(self) -> str | None:
        """The annotator's own layer in a shared database, else None (every annotation)."""
        return self.reader.app.layer

    def load_entities(self) -> None:
        """Read every entity again (after an action changed one)."""
        self.entities = entities_by_id(self.db)

    def handle(self, intent: ArticleView.Intent) -> None:
        """Carry out an intent posted by a reading view (`label` calls `_label`)."""
        getattr(self, f"_{intent.name}")(intent.view, *intent.args)

    def run(self, call: Callable[[], UserAction]) -> bool:
        """Make one store call; show its changes and what was saved. False if it was refused."""
        try:
            action = call()
        except HistoryError as error:
            self.reader.show_status(str(error), error=True)
            return False
        except Exception as error:
            refusal = write_refusal(error)
            if refusal is None:
                raise
            self.reader.show_status(refusal, error=True)
            return False
        self.apply(action)
        self.reader.show_status(f"{action.message} · saved")
        return True

    def apply(self, action: UserAction) -> None:
        """Redraw what the action changed: its spans incrementally, claims and links reloaded."""
        removed, current = actions.spans_changed(action)
        tables = {change.table for change in action.changes}
        self.reader.changed(tables)
        other_tables = tables & _ANNOTATION_TABLES
        if "entities" in other_tables:
            self.load_entities()
        for pane in self.reader.panes:
            document = pane.view.document
            if document is None:
                continue
            if removed:
                pane.view.apply_span_changes(
                    removed, [s for s in current if s.document_id == document.id]
                )
            if other_tables & {"claims", "claim_entities"}:
                pane.view.set_claims(claims_for_document(self.db, document.id, self.layer))
            if other_tables & {"documents", "reviews"}:
                pane.view.document = document_in_layer(self.db, document.id, self.layer) or document
            pane.update_header()
        self.reader.schedule_panel_refresh()

    def push(self, screen, callback=None) -> None:
        """Open a dialog over the reader; `callback` gets what it returns."""
        self.reader.app.push_screen(screen, callback)

    def span_under_cursor(self, view: ArticleView) -> Span | None:
        """The span under the cursor; None, said on the status line, if there is none."""
        span = view.span_at(view.cursor)
        if span is None:
            self.reader.show_status("no entity under the cursor", error=True)
        return span

    def picker_entities(self, view: ArticleView, label: str) -> list[tuple[Entity, int, bool]]:
        """What a picker offers for a label: known entities (those of this document marked),
        then this document's spans of the label not yet tied to one, by their text."""
        here = {s.entity for s in view.spans if s.entity}
        known = [(e, n, e.id in here) for e, n in entities_matching(self.db, label)]
        names = {e.name for e, _, _ in known} | {a for e, _, _ in known for a in e.aliases}
        unresolved = Counter(
            s.quote
            for s in view.spans
            if s.label == label and s.entity is None and s.status != "rejected"
        )
        known += [
            (Entity("", label, quote), mentions, True)
            for quote, mentions in sorted(unresolved.items())
            if quote not in names
        ]
        return known

    def undo(self, forward: bool = False) -> None:
        """Undo (or redo) this annotator's last action."""
        replay = redo if forward else undo
        self.run(lambda: replay(self.db, self.annotator))

    def cycle_review_state(self, view: ArticleView) -> None:
        """new → in progress → done → new, for the document in this pane."""
        document = view.document
        if document is None:
            return
        state = REVIEW_STATES[(REVIEW_STATES.index(document.review_state) + 1) % len(REVIEW_STATES)]
        saved = self.run(
            lambda: actions.set_review_state(self.db, document.id, state, self.annotator)
        )
        if saved and state == "done":
            self.reader.app.training.after_review()
