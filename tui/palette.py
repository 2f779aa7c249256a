"""The command palette's own commands: open any document in the focused pane by fuzzy title
search, and choose the suggestion engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from sqlite_utils import Database
from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from store.documents import document_titles
from store.stats import annotator_progress
from tui.safe import highlight_matches, safe_content, safe_markup


class DocumentProvider(Provider):
    """Documents by title, in both scripts. Titles are drawn as text, never as markup."""

    async def startup(self) -> None:
        self._documents = [
            (doc.id, f"{doc.title} ({doc.lang}{', superseded' if doc.superseded else ''})")
            for doc in document_titles(self.app.db)
        ]
        # Who has worked on each document, and how far: shown beside it.
        # The palette reads help as markup: annotators' names must not be (nor drive the terminal).
        self._help = {
            doc_id: "open in this pane · "
            + safe_markup(
                " · ".join(
                    f"{p.annotator} {p.decided} decided, {p.state.replace('_', ' ')}" for p in rows
                )
            )
            for doc_id, rows in annotator_progress(self.app.db).items()
        }

    async def discover(self) -> Hits:
        for doc_id, label in self._documents:
            yield DiscoveryHit(
                safe_content(label),
                partial(self.app.reader.open_document, doc_id),
                help=self._help.get(doc_id, "open in this pane"),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for doc_id, label in self._documents:
            score, offsets = matcher.fuzzy_search.match(query, label)
            if score > 0:
                yield Hit(
                    score,
                    highlight_matches(label, offsets, matcher.match_style),
                    partial(self.app.reader.open_document, doc_id),
                    help=self._help.get(doc_id, "open in this pane"),
                )


def engine_commands(db: Database, choose: Callable[[str], None]) -> Iterator[SystemCommand]:
    """One command an engine this installation can run: suggest with it from now on."""
    from store.suggestions import engine_of
    from talent.recognize.engines import engine_choices

    current = engine_of(db)
    for engine in engine_choices():
        yield SystemCommand(
            f"Suggestion engine: {engine}",
            "in use"
            if engine == current
            else "suggest with this engine from now on (decisions stay)",
            partial(choose, engine),
        )
