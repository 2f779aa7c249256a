"""A command palette provider: open any document in the focused pane by fuzzy title search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class DocumentProvider(Provider):
    """Documents by title, in both scripts."""

    async def startup(self) -> None:
        self._documents = self.app.document_titles()

    async def discover(self) -> Hits:
        for doc_id, title, lang in self._documents:
            yield DiscoveryHit(
                f"{title} ({lang})",
                partial(self.app.open_document, doc_id),
                help="open in this pane",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for doc_id, title, lang in self._documents:
            text = f"{title} ({lang})"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.app.open_document, doc_id),
                    help="open in this pane",
                )
