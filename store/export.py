"""Native JSONL export: one document per line, UTF-8, lossless; and the selection of documents
and annotations that every export format shares (statuses, documents, annotator)."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from store.outputs import write_output
from talent.formats import one_jsonl_line
from talent.formats.csv_tables import COLUMNS
from talent.formats.xmi import TYPESYSTEM_FILE
from talent.model import REVIEW_STATES, SPAN_STATUSES


class ExportFailure(Exception):
    """An export that could not be written; the message is for the user."""


# Formats written to one file, and to a folder of files.
GRAPH_FORMATS = ("graph", "graphml")  # the talent graph: people, organizations, links, moves
FILE_FORMATS = ("jsonl", "doccano", "conll", "spacy", "labelstudio", *GRAPH_FORMATS)
FOLDER_FORMATS = ("brat", "csv", "xmi")
FORMATS = FILE_FORMATS + FOLDER_FORMATS
STATUS_CHOICES = ("accepted", "suggested", "all")


def is_previous_export(fmt: str, folder: Path) -> bool:
    """Whether a folder holds only what an export in folder format `fmt` writes (so --force
    may replace it): plain files, brat's annotation.conf with .txt and .ann files, the XMI
    files with their type system, or the CSV tables."""
    entries = list(folder.iterdir())
    plain = all(entry.is_file() and not entry.is_symlink() for entry in entries)
    if fmt == "brat":
        names_fit = (folder / "annotation.conf") in entries and all(
            entry.suffix in (".txt", ".ann") or entry.name == "annotation.conf" for entry in entries
        )
    elif fmt == "xmi":
        names_fit = (folder / TYPESYSTEM_FILE) in entries and all(
            entry.suffix == ".xmi" or entry.name == TYPESYSTEM_FILE for entry in entries
        )
    else:
        names_fit = {entry.name for entry in entries} <= {f"{table}.csv" for table in COLUMNS}
    return plain and names_fit


def check_format(name: str) -> None:
    """Refuse an export format this program does not write, naming the ones it does."""
    if name not in FORMATS:
        raise ExportFailure(f"unknown export format {name!r} (known: {', '.join(FORMATS)})")


@dataclass(frozen=True)
class Selection:
    """What an export takes: spans of these statuses, these documents, one annotator's work."""

    status: str = "all"  # accepted, suggested or all (for spans; claims and links are people's)
    documents: str | None = None  # ids, title globs or review states, comma-separated
    annotator: str | None = None
    superseded: bool = True  # old versions of corrected articles too
    history: bool = False  # native JSONL: each document's log of changes, for reading

    def span_statuses(self) -> tuple[str, ...]:
        return SPAN_STATUSES if self.status == "all" else (self.status,)

    @classmethod
    def for_format(
        cls,
        fmt: str,
        status: str | None = None,
        documents: str | None = None,
        annotator: str | None = None,
        history: bool = False,
    ) -> Selection:
        """What an export in `fmt` takes unless told otherwise: the native format is a full copy
        (every span, old versions too); a dataset holds decisions, current versions only."""
        if history and fmt != "jsonl":
            raise ExportFailure("--history is part of the native jsonl export only")
        status = status or default_status(fmt)
        return cls(status, documents, annotator, superseded=fmt == "jsonl", history=history)


def default_status(fmt: str) -> str:
    """The spans an export in `fmt` takes unless told: all for jsonl, else the accepted ones."""
    return "all" if fmt == "jsonl" else "accepted"


def selected_documents(db: Database, selection: Selection) -> list[str]:
    """Ids of the documents the selection takes, in import order; an expression that matches
    nothing is an error, not an empty file."""
    rows = db.execute(
        "SELECT id, title, review_state, EXISTS (SELECT 1 FROM documents n "
        "WHERE n.supersedes = d.id) FROM documents d ORDER BY rowid"
    ).fetchall()
    if not selection.superseded:
        rows = [row for row in rows if not row[3]]
    if not selection.documents:
        return [row[0] for row in rows]
    wanted = [part.strip() for part in selection.documents.split(",") if part.strip()]
    chosen = []
    for doc_id, title, state, _ in rows:
        if any(
            doc_id == item or state == item or fnmatch.fnmatchcase(title, item) for item in wanted
        ):
            chosen.append(doc_id)
    if not chosen:
        raise ExportFailure(
            f"--docs {selection.documents!r} matches no document "
            f"(give ids, title globs such as 'Meta*', or a review state: {', '.join(REVIEW_STATES)})"
        )
    return chosen


# SQLite shapes every annotation as JSON text in C, and rows come grouped by document in import
# order, so export is a streaming merge with no per-row Python objects. Keys follow the contract.
# The selection's parameters come first in every query: documents, statuses, annotator.
_BY_DOCUMENT = (
    " JOIN documents d ON d.id = {table}.document_id"
    " WHERE {table}.document_id IN (SELECT value FROM json_each(:documents))"
    " AND (:annotator IS NULL OR {table}.annotator = :annotator){extra}"
    " ORDER BY d.rowid"
)

_SPANS_SQL = (
    "SELECT document_id, json_object('id', spans.id, 'start', start, 'end', \"end\", "
    "'label', label, 'text', quote, 'status', status, 'origin', origin, 'entity', entity_id, "
    "'value', json(value), 'annotator', annotator) FROM spans"
    + _BY_DOCUMENT.format(
        table="spans", extra=" AND spans.status IN (SELECT value FROM json_each(:statuses))"
    )
    + ', start, "end", spans.id'
)
_CLAIMS_SQL = (
    "SELECT document_id, json_object('id', claims.id, 'start', start, 'end', \"end\", "
    "'text', quote, 'category', category, 'status', status, 'attributed_to', attributed_to, "
    "'entities', json((SELECT json_group_array(entity_id) FROM (SELECT entity_id "
    "FROM claim_entities WHERE claim_id = claims.id ORDER BY entity_id))), "
    "'note', note, 'annotator', annotator) FROM claims"
    + _BY_DOCUMENT.format(table="claims", extra="")
    + ', start, "end", claims.id'
)
_LINKS_SQL = (
    "SELECT document_id, json_object('id', links.id, 'person', person, 'org', org, "
    "'relation', relation, 'evidence', evidence, 'date', date, 'amount', json(amount), "
    "'note', note, 'annotator', annotator) FROM links"
    + _BY_DOCUMENT.format(table="links", extra="")
    + ", links.id"
)
_REVIEWS_SQL = (
    "SELECT document_id, json_object('annotator', annotator, 'state', state) FROM reviews"
    + _BY_DOCUMENT.format(table="reviews", extra="")
    + ", reviews.annotator"
)
# A relation of two claims goes with the earlier claim's document; both documents must be
# in the selection, or the line would name a claim the file does not hold.
_CLAIM_RELATIONS_SQL = (
    "SELECT c.document_id, json_object('a', r.a, 'b', r.b, 'kind', r.kind, "
    "'annotator', r.annotator) FROM claim_relations r JOIN claims c ON c.id = r.a "
    "JOIN claims other ON other.id = r.b JOIN documents d ON d.id = c.document_id "
    "WHERE c.document_id IN (SELECT value FROM json_each(:documents)) "
    "AND other.document_id IN (SELECT value FROM json_each(:documents)) "
    "AND (:annotator IS NULL OR r.annotator = :annotator) ORDER BY d.rowid, r.a, r.b"
)
# Every logged change to a document or to a row of it (span, claim, link, review), with the
# action it belonged to. Rows name their document; a document's own events name it by row id.
_HISTORY_SQL = """
    SELECT e.doc, json_object('at', e.at, 'annotator', e.annotator, 'action', a.description,
        'undone', a.state = 'undone', 'change', e.action, 'table', e.kind, 'row', e.row_id,
        'before', json(e.before), 'after', json(e.after))
    FROM (SELECT *, coalesce(json_extract(coalesce(after, before), '$.document_id'),
            CASE WHEN kind IN ('document', 'documents') THEN row_id END) AS doc
          FROM events) e
    LEFT JOIN actions a ON a.id = e.action_id
    JOIN documents d ON d.id = e.doc
    WHERE e.doc IN (SELECT value FROM json_each(:documents))
    ORDER BY d.rowid, e.id
"""
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
    JOIN documents d ON d.id = used.document_id
    WHERE used.document_id IN (SELECT value FROM json_each(:documents))
    ORDER BY d.rowid, e.id
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


def _parameters(selection: Selection, doc_ids: list[str]) -> dict:
    return {
        "documents": json.dumps(doc_ids),
        "statuses": json.dumps(selection.span_statuses()),
        "annotator": selection.annotator,
    }


def iter_lines(
    db: Database, selection: Selection = Selection(), doc_ids: list[str] | None = None
) -> Iterator[str]:
    """Every selected document (`doc_ids`, when the caller has them) as one native JSONL line
    (no newline), in import order."""
    if doc_ids is None:
        doc_ids = selected_documents(db, selection)
    parameters = _parameters(selection, doc_ids)
    # Separate cursors: each query streams alongside the others.
    parts = [
        (key, _Grouped(db.conn.cursor().execute(sql, parameters)))
        for key, sql in (
            ("spans", _SPANS_SQL),
            ("entities", _ENTITIES_SQL),
            ("claims", _CLAIMS_SQL),
            ("links", _LINKS_SQL),
            ("reviews", _REVIEWS_SQL),
            ("claim_relations", _CLAIM_RELATIONS_SQL),
            *((("history", _HISTORY_SQL),) if selection.history else ()),
        )
    ]
    documents = db.conn.cursor().execute(
        "SELECT id, title, lang, source, sha256, review_state, supersedes, text FROM documents "
        "WHERE id IN (SELECT value FROM json_each(:documents)) ORDER BY rowid",
        parameters,
    )
    for doc_id, title, lang, source, sha256, state, supersedes, text in documents:
        head = {"id": doc_id, "title": title, "lang": lang, "source": source, "sha256": sha256}
        head |= {"review_state": state, "supersedes": supersedes, "text": text}
        line = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
        rest = "".join(f',"{key}":{group.take(doc_id)}' for key, group in parts)
        yield one_jsonl_line(line + rest + "}")


def write_jsonl(
    db: Database, selection: Selection, doc_ids: list[str] | None, handle: IO[str], on_document
) -> int:
    """Write the selected documents as native JSONL; return how many."""
    count = 0
    for line in iter_lines(db, selection, doc_ids):
        handle.write(line)
        handle.write("\n")
        count += 1
        on_document(count)
    return count


def export_jsonl(db: Database, out: Path, selection: Selection = Selection()) -> int:
    """Write the selected documents as native JSONL to `out`; return how many documents."""
    return write_output(
        out, lambda handle: write_jsonl(db, selection, None, handle, lambda _: None)
    )
