"""Writes and reads of spans, entities, claims and links; each write is logged as an event."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Any

from sqlite_utils import Database

from store.connection import transaction
from store.events import current_annotator, record_event, utc_now
from store.learning import learn
from talent.model import Claim, Entity, Link, Span


def json_or_none(value: Any) -> str | None:
    """A value as stored JSON text (keys sorted, UTF-8 kept), or None."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def insert_span(db: Database, span: Span, at: str | None = None) -> int:
    """Insert a span (its id kept if non-zero); call inside a transaction. Returns its id."""
    at = at or utc_now()
    return _insert_logged(
        db,
        "span",
        span,
        at,
        'INSERT INTO spans (id, document_id, start, "end", label, quote, status, origin, '
        "entity_id, value, annotator, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            span.id or None,
            span.document_id,
            span.start,
            span.end,
            span.label,
            span.quote,
            span.status,
            span.origin,
            span.entity,
            json_or_none(span.value),
            span.annotator,
            at,
            at,
        ],
    )


def _insert_logged(
    db: Database, kind: str, row: Span | Claim | Link, at: str, sql: str, params: list
) -> int:
    """Insert one annotation and log it as added, with the id it got."""
    row_id = db.execute(sql, params).lastrowid
    record_event(db, "add", kind, row_id, None, asdict(replace(row, id=row_id)), row.annotator, at)
    return row_id


def add_span(db: Database, span: Span) -> Span:
    """Save one span the user made, and learn its text; committed before this returns."""
    with transaction(db):
        _remove_suggestions_under(db, span)
        span_id = insert_span(db, span)
        if span.status == "accepted":
            learn(db, span.quote, span.label, span.annotator)
    return replace(span, id=span_id)


def _remove_suggestions_under(db: Database, span: Span) -> None:
    """A person's span supersedes the machine suggestions it overlaps; the log keeps them."""
    rows = db.execute(
        f"SELECT {SPAN_COLUMNS} FROM spans WHERE document_id = ? AND status = 'suggested' "
        'AND start < ? AND "end" > ?',
        [span.document_id, span.end, span.start],
    ).fetchall()
    at = utc_now()
    for row in rows:
        db.execute("DELETE FROM spans WHERE id = ?", [row[0]])
        record_event(
            db, "remove", "span", row[0], asdict(_span_from_row(row)), None, span.annotator, at
        )


def set_span_status(db: Database, span_id: int, status: str, annotator: str | None = None) -> None:
    """Accept or reject a span, committed before this returns."""
    annotator = annotator or current_annotator()
    at = utc_now()
    with transaction(db):
        before = db.execute(
            "SELECT status, annotator, quote, label FROM spans WHERE id = ?", [span_id]
        ).fetchone()
        if before is None:
            raise KeyError(span_id)
        db.execute(
            "UPDATE spans SET status = ?, annotator = ?, updated_at = ? WHERE id = ?",
            [status, annotator, at, span_id],
        )
        record_event(
            db,
            "set_status",
            "span",
            span_id,
            {"status": before[0], "annotator": before[1]},
            {"status": status, "annotator": annotator},
            annotator,
            at,
        )
        if status == "accepted":
            learn(db, before[2], before[3], annotator)


def _span_from_row(row: tuple) -> Span:
    (span_id, document_id, start, end, label, quote, status, origin, entity, value, annotator) = row
    return Span(
        span_id,
        document_id,
        start,
        end,
        label,
        quote,
        status,
        origin,
        entity,
        None if value is None else json.loads(value),
        annotator,
    )


SPAN_COLUMNS = (
    'id, document_id, start, "end", label, quote, status, origin, entity_id, value, annotator'
)


def spans_for_document(db: Database, document_id: str) -> list[Span]:
    """Every span of a document, ordered by position."""
    rows = db.execute(
        f'SELECT {SPAN_COLUMNS} FROM spans WHERE document_id = ? ORDER BY start, "end", id',
        [document_id],
    )
    return [_span_from_row(row) for row in rows]


def upsert_entity(db: Database, entity: Entity, annotator: str, at: str | None = None) -> None:
    """Create an entity or merge its aliases into the stored one; call inside a transaction."""
    at = at or utc_now()
    row = db.execute(
        "SELECT label, name, aliases FROM entities WHERE id = ?", [entity.id]
    ).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO entities (id, label, name, aliases) VALUES (?, ?, ?, ?)",
            [
                entity.id,
                entity.label,
                entity.name,
                json.dumps(list(entity.aliases), ensure_ascii=False),
            ],
        )
        record_event(db, "add", "entity", entity.id, None, asdict(entity), annotator, at)
        return
    aliases = json.loads(row[2])
    merged = aliases + [alias for alias in entity.aliases if alias not in aliases]
    if merged != aliases:
        db.execute(
            "UPDATE entities SET aliases = ? WHERE id = ?",
            [json.dumps(merged, ensure_ascii=False), entity.id],
        )
        record_event(
            db,
            "set_aliases",
            "entity",
            entity.id,
            {"aliases": aliases},
            {"aliases": merged},
            annotator,
            at,
        )


def insert_claim(db: Database, claim: Claim, at: str | None = None) -> int:
    """Insert a claim with its mentioned entities; call inside a transaction. Returns its id."""
    at = at or utc_now()
    claim_id = _insert_logged(
        db,
        "claim",
        claim,
        at,
        'INSERT INTO claims (id, document_id, start, "end", quote, category, status, attributed_to, '
        "note, annotator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            claim.id or None,
            claim.document_id,
            claim.start,
            claim.end,
            claim.quote,
            claim.category,
            claim.status,
            claim.attributed_to,
            claim.note,
            claim.annotator,
            at,
            at,
        ],
    )
    for entity_id in claim.entities:
        db.execute(
            "INSERT OR IGNORE INTO claim_entities (claim_id, entity_id) VALUES (?, ?)",
            [claim_id, entity_id],
        )
    return claim_id


def insert_link(db: Database, link: Link, at: str | None = None) -> int:
    """Insert a person-organization link; call inside a transaction. Returns its id."""
    at = at or utc_now()
    return _insert_logged(
        db,
        "link",
        link,
        at,
        "INSERT INTO links (id, document_id, person, org, relation, evidence, date, amount, note, "
        "annotator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            link.id or None,
            link.document_id,
            link.person,
            link.org,
            link.relation,
            link.evidence,
            link.date,
            json_or_none(link.amount),
            link.note,
            link.annotator,
            at,
            at,
        ],
    )


def claims_for_document(db: Database, document_id: str) -> list[Claim]:
    """Every claim of a document, ordered by position, with the entities it mentions."""
    rows = db.execute(
        'SELECT id, document_id, start, "end", quote, category, status, attributed_to, note, annotator, '
        "(SELECT json_group_array(entity_id) FROM claim_entities WHERE claim_id = claims.id) "
        'FROM claims WHERE document_id = ? ORDER BY start, "end", id',
        [document_id],
    )
    return [Claim(*row[:7], row[7], tuple(json.loads(row[10])), row[8], row[9]) for row in rows]
