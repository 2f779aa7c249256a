"""Full-text search over every document: trigram FTS for three or more characters (it finds
Chinese words the default tokenizer cannot), a plain scan for one or two."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

SNIPPET_CONTEXT = 40  # characters each side of a match, before the screen crops them
HIT_LIMIT = 500


@dataclass(frozen=True)
class SearchHit:
    """One occurrence of the query in one document, with the text around it on one line."""

    document_id: str
    title: str
    start: int
    end: int
    before: str
    match: str
    after: str

    @property
    def snippet(self) -> str:
        return self.before + self.match + self.after


@dataclass(frozen=True)
class SearchResults:
    """The first hits (at most a limit) and how many there are in all."""

    hits: list[SearchHit]
    total: int

    @property
    def capped(self) -> bool:
        return self.total > len(self.hits)


def search_documents(db: Database, query: str, limit: int = HIT_LIMIT) -> SearchResults:
    """Every occurrence of the query (case-insensitive), documents in import order: the first
    `limit` as hits, all of them counted."""
    query = query.strip()
    if not query:
        return SearchResults([], 0)
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        rows = db.execute(
            "SELECT d.id, d.title, d.text FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY d.rowid",
            [phrase],
        )
    else:
        # Trigrams cannot index fewer than three characters.
        rows = db.execute(
            "SELECT id, title, text FROM documents WHERE instr(lower(text), lower(?)) > 0 "
            "OR instr(lower(title), lower(?)) > 0 ORDER BY rowid",
            [query, query],
        )
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    hits: list[SearchHit] = []
    total = 0
    for doc_id, title, text in rows:
        for match in pattern.finditer(text):
            total += 1
            if len(hits) < limit:
                hits.append(_hit(doc_id, title, text, match))
    return SearchResults(hits, total)


def _hit(doc_id: str, title: str, text: str, match: re.Match) -> SearchHit:
    start, end = match.start(), match.end()
    before = text[max(0, start - SNIPPET_CONTEXT) : start]
    after = text[end : end + SNIPPET_CONTEXT]
    # One line: line breaks in the context become spaces.
    return SearchHit(
        doc_id,
        title,
        start,
        end,
        before.replace("\n", " "),
        match.group().replace("\n", " "),
        after.replace("\n", " "),
    )
