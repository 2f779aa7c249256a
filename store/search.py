"""Search over every document: its text (trigram FTS for three or more characters, which finds
Chinese words the default tokenizer cannot, a plain scan for one or two), or its annotations
by label, status, claim category, entity and annotator (`talent.search_query`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlite_utils import Database

from talent.search_query import ANY_CLAIM, Query, parse_query

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
    kind: str = ""  # what an annotation hit is: `PERSON suggested`, `compensation disputed`

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


def search(db: Database, query: str, limit: int = HIT_LIMIT) -> SearchResults:
    """Annotations when the query has filters (`label:PERSON status:suggested`), else text;
    raises QueryError for a filter it does not know."""
    parsed = parse_query(query)
    if parsed.of_annotations:
        return search_annotations(db, parsed, limit)
    return search_documents(db, parsed.text, limit)


# One query each for spans and claims; a filter left out (None) takes everything. lower() folds
# ASCII only, which is what case means in the scripts we read.
_NAMED = (
    "(:entity IS NULL OR lower({quote}) = lower(:entity) OR EXISTS (SELECT 1 FROM entities e "
    "WHERE e.id IN ({entities}) AND (lower(e.name) = lower(:entity) OR EXISTS "
    "(SELECT 1 FROM json_each(e.aliases) WHERE lower(value) = lower(:entity)))))"
)
_SPANS = (
    "SELECT s.document_id, s.start, s.\"end\", s.label || ' ' || s.status FROM spans s "
    "JOIN documents d ON d.id = s.document_id WHERE (:label IS NULL OR s.label = :label) "
    "AND (:status IS NULL OR s.status = :status) "
    "AND (:annotator IS NULL OR s.annotator = :annotator) "
    "AND (:text = '' OR instr(lower(s.quote), lower(:text)) > 0) AND "
    + _NAMED.format(quote="s.quote", entities="s.entity_id")
    + ' ORDER BY d.rowid, s.start, s."end"'
)
_CLAIMS = (
    "SELECT c.document_id, c.start, c.\"end\", c.category || ' ' || c.status FROM claims c "
    "JOIN documents d ON d.id = c.document_id "
    "WHERE (:claim IS NULL OR c.category = :claim) AND (:status IS NULL OR c.status = :status) "
    "AND (:annotator IS NULL OR c.annotator = :annotator) "
    "AND (:text = '' OR instr(lower(c.quote), lower(:text)) > 0) AND "
    + _NAMED.format(
        quote="c.quote",
        entities="SELECT entity_id FROM claim_entities WHERE claim_id = c.id "
        "UNION SELECT c.attributed_to",
    )
    + ' ORDER BY d.rowid, c.start, c."end"'
)


def search_annotations(db: Database, query: Query, limit: int = HIT_LIMIT) -> SearchResults:
    """Every span (or, with `claim:`, every claim) the filters take, in document order, its
    text the match: the first `limit` as hits, all counted. Each hit's `kind` says what it is
    (`PERSON suggested`, `compensation disputed`)."""
    parameters = {
        "label": query.label,
        "status": query.status,
        "claim": None if query.claim == ANY_CLAIM else query.claim,
        "annotator": query.annotator,
        "entity": query.entity,
        "text": query.text,
    }
    rows = db.execute(_CLAIMS if query.of_claims else _SPANS, parameters).fetchall()
    needed = sorted({row[0] for row in rows[:limit]})
    documents = {
        doc_id: (title, text)
        for doc_id, title, text in db.execute(
            "SELECT id, title, text FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(needed)],
        )
    }
    hits = []
    for doc_id, start, end, kind in rows[:limit]:
        title, text = documents[doc_id]
        hits.append(_hit(doc_id, title, text, start, end, kind))
    return SearchResults(hits, len(rows))


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
                hits.append(_hit(doc_id, title, text, match.start(), match.end()))
    return SearchResults(hits, total)


def _hit(doc_id: str, title: str, text: str, start: int, end: int, kind: str = "") -> SearchHit:
    before = text[max(0, start - SNIPPET_CONTEXT) : start]
    after = text[end : end + SNIPPET_CONTEXT]
    # One line: line breaks in the context become spaces.
    return SearchHit(
        doc_id,
        title,
        start,
        end,
        before.replace("\n", " "),
        text[start:end].replace("\n", " "),
        after.replace("\n", " "),
        kind,
    )
