"""Export of the whole database as native JSONL: one document per line, UTF-8, lossless."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from store.outputs import write_output


class ExportFailure(Exception):
    """An export that could not be written; the message is for the user."""


FORMATS = ("jsonl",)


def check_format(name: str) -> None:
    """Refuse an export format this program does not write, naming the ones it does."""
    if name not in FORMATS:
        raise ExportFailure(f"unknown export format {name!r} (known: {', '.join(FORMATS)})")


# SQLite shapes every annotation as JSON text in C, and rows come grouped by document in import
# order, so export is a streaming merge with no per-row Python objects. Keys follow the contract.
_BY_DOCUMENT = " JOIN documents d ON d.id = {table}.document_id ORDER BY d.rowid"

_SPANS_SQL = (
    "SELECT document_id, json_object('id', spans.id, 'start', start, 'end', \"end\", "
    "'label', label, 'text', quote, 'status', status, 'origin', origin, 'entity', entity_id, "
    "'value', json(value), 'annotator', annotator) FROM spans"
    + _BY_DOCUMENT.format(table="spans")
    + ', start, "end", spans.id'
)
_CLAIMS_SQL = (
    "SELECT document_id, json_object('id', claims.id, 'start', start, 'end', \"end\", "
    "'text', quote, 'category', category, 'status', status, 'attributed_to', attributed_to, "
    "'entities', json((SELECT json_group_array(entity_id) FROM (SELECT entity_id "
    "FROM claim_entities WHERE claim_id = claims.id ORDER BY entity_id))), "
    "'note', note, 'annotator', annotator) FROM claims"
    + _BY_DOCUMENT.format(table="claims")
    + ', start, "end", claims.id'
)
_LINKS_SQL = (
    "SELECT document_id, json_object('id', links.id, 'person', person, 'org', org, "
    "'relation', relation, 'evidence', evidence, 'date', date, 'amount', json(amount), "
    "'note', note, 'annotator', annotator) FROM links"
    + _BY_DOCUMENT.format(table="links")
    + ", links.id"
)
_ENTITIES_SQL = """
    SELECT used.document_id, json_object('id', e.id, 'label', e.label, 'name', e.name,
        'aliases', json(e.aliases))
    FROM (
        SELECT document_id, entity_id AS entity FROM spans WHERE entity_id IS NOT NULL
        UNION SELECT document_id, attributed_to FROM claims WHERE attributed_to IS NOT NULL
        UNION SELECT c.document_id, ce.entity_id FROM claim_entities ce
            JOIN claims c ON c.id = ce.claim_id
        UNION SELECT document_id, person FROM links
        UNION SELECT document_id, org FROM links
    ) used JOIN entities e ON e.id = used.entity
    JOIN documents d ON d.id = used.document_id ORDER BY d.rowid, e.id
"""


class _Grouped:
    """A query's (document id, JSON) rows, handed out one document's worth at a time."""

    def __init__(self, rows: Iterator[tuple[str, str]]) -> None:
        self.rows = rows
        self.pending = next(self.rows, None)

    def take(self, doc_id: str) -> str:
        """The JSON array of this document's rows."""
        taken = []
        while self.pending is not None and self.pending[0] == doc_id:
            taken.append(self.pending[1])
            self.pending = next(self.rows, None)
        return "[" + ",".join(taken) + "]"


def iter_lines(db: Database) -> Iterator[str]:
    """Every document as one native JSONL line (no newline), in import order."""
    # Separate cursors: each query streams alongside the others.
    parts = [
        (key, _Grouped(db.conn.cursor().execute(sql)))
        for key, sql in (
            ("spans", _SPANS_SQL),
            ("entities", _ENTITIES_SQL),
            ("claims", _CLAIMS_SQL),
            ("links", _LINKS_SQL),
        )
    ]
    documents = db.conn.cursor().execute(
        "SELECT id, title, lang, source, sha256, text FROM documents ORDER BY rowid"
    )
    for doc_id, title, lang, source, sha256, text in documents:
        head = {"id": doc_id, "title": title, "lang": lang, "source": source, "sha256": sha256}
        head["text"] = text
        line = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
        yield line + "".join(f',"{key}":{group.take(doc_id)}' for key, group in parts) + "}"


def export_jsonl(db: Database, out: Path) -> int:
    """Write every document as native JSONL to `out`; return how many documents."""

    def write(handle: IO[str]) -> int:
        count = 0
        for line in iter_lines(db):
            handle.write(line)
            handle.write("\n")
            count += 1
        return count

    return write_output(out, write)
