"""Full-text search over every document: trigram FTS for three or more characters (it finds
Chinese words the default tokenizer cannot), a plain scan for one or two."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

SNIPPET_CONTEXT = 30


@dataclass(frozen=True)
class SearchHit:
    """One occurrence of the query in one document."""

    document_id: str
    title: str
    start: int
    end: int
    snippet: str


def search_documents(db: Database, query: str, limit: int = 500) -> list[SearchHit]:
    """Every occurrence of the query (case-insensitive), documents in import order."""
    query = query.strip()
    if not query:
        return []
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
    for doc_id, title, text in rows:
        for match in pattern.finditer(text):
            hits.append(SearchHit(doc_id, title, match.start(), match.end(), _snippet(text, match)))
            if len(hits) >= limit:
                return hits
    return hits


def _snippet(text: str, match: re.Match) -> str:
    start = max(0, match.start() - SNIPPET_CONTEXT)
    end = min(len(text), match.end() + SNIPPET_CONTEXT)
    return (
        ("…" if start else "")
        + text[start:end].replace("\n", " ")
        + ("…" if end < len(text) else "")
    )
