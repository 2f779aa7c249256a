"""Rows of spans, entities, claims and links: turning them into model objects, reading them by
document, and inserting them inside a user action (which logs each change)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from store.connection import row_dicts
from store.history import Row, UserAction, user_action
from store.learning import learn
from talent.model import Claim, Entity, Link, Span


def json_or_none(value: Any) -> str | None:
    """A value as stored JSON text (keys sorted, UTF-8 kept), or None."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def span_from_row(row: Row) -> Span:
    """A span from its stored row."""
    value = row["value"]
    return Span(
        row["id"],
        row["document_id"],
        row["start"],
        row["end"],
        row["label"],
        row["quote"],
        row["status"],
        row["origin"],
        row["entity_id"],
        None if value is None else json.loads(value),
        row["annotator"],
    )


def entity_from_row(row: Row) -> Entity:
    """An entity from its stored row."""
    return Entity(row["id"], row["label"], row["name"], tuple(json.loads(row["aliases"])))


def link_from_row(row: Row) -> Link:
    """A link from its stored row."""
    amount = row["amount"]
    return Link(
        row["id"],
        row["document_id"],
        row["person"],
        row["org"],
        row["relation"],
        row["evidence"],
        row["date"],
        None if amount is None else json.loads(amount),
        row["note"],
        row["annotator"],
    )


def insert_span(action: UserAction, span: Span) -> Span:
    """Insert a span (its id kept if non-zero) and log it; returns it with its id."""
    row = action.insert(
        "spans",
        {
            "id": span.id or None,
            "document_id": span.document_id,
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "quote": span.quote,
            "status": span.status,
            "origin": span.origin,
            "entity_id": span.entity,
            "value": json_or_none(span.value),
            "annotator": span.annotator,
            "created_at": action.at,
            "updated_at": action.at,
        },
    )
    return span_from_row(row)


def add_span(db: Database, span: Span) -> Span:
    """Save one span exactly as given (replacing the suggestions under it), and learn its text
    if accepted; committed before this returns."""
    with user_action(db, f"add {span.label} {span.quote}", span.annotator or None) as action:
        remove_suggestions_under(action, span.document_id, span.start, span.end)
        stored = insert_span(action, span)
        if span.status == "accepted":
            learn(action, span.quote, span.label)
    return stored


def remove_suggestions_under(action: UserAction, document_id: str, start: int, end: int) -> None:
    """A person's span supersedes the machine suggestions it overlaps; the log keeps them."""
    ids = action.db.execute(
        "SELECT id FROM spans WHERE document_id = ? AND status = 'suggested' "
        'AND start < ? AND "end" > ?',
        [document_id, end, start],
    ).fetchall()
    for (span_id,) in ids:
        action.delete("spans", {"id": span_id})


_SPAN_COLUMNS = (
    'id, document_id, start, "end", label, quote, status, origin, entity_id, value, annotator'
)


def in_layer(layer: str | None) -> tuple[str, list[str]]:
    """The condition (and its parameter) for one annotator's rows; none for every row."""
    return ("", []) if layer is None else (" AND annotator = ?", [layer])


def spans_for_document(db: Database, document_id: str, layer: str | None = None) -> list[Span]:
    """Every span of a document (of one annotator's layer, if given), ordered by position."""
    # Positional rows, not dicts: a document may hold tens of thousands of spans.
    mine, who = in_layer(layer)
    rows = db.execute(
        f'SELECT {_SPAN_COLUMNS} FROM spans WHERE document_id = ?{mine} ORDER BY start, "end", id',
        [document_id, *who],
    )
    return [Span(*row[:9], None if row[9] is None else json.loads(row[9]), row[10]) for row in rows]


def get_span(db: Database, span_id: int) -> Span | None:
    """One span by id, or None."""
    row = next(row_dicts(db.execute("SELECT * FROM spans WHERE id = ?", [span_id])), None)
    return None if row is None else span_from_row(row)


def upsert_entity(action: UserAction, entity: Entity) -> None:
    """Create an entity or merge its aliases into the stored one."""
    row = action.read("entities", {"id": entity.id})
    if row is None:
        action.insert(
            "entities",
            {
                "id": entity.id,
                "label": entity.label,
                "name": entity.name,
                "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
            },
        )
        return
    aliases = json.loads(row["aliases"])
    merged = aliases + [alias for alias in entity.aliases if alias not in aliases]
    if merged != aliases:
        action.update(
            "entities", {"id": entity.id}, {"aliases": json.dumps(merged, ensure_ascii=False)}
        )


def insert_claim(action: UserAction, claim: Claim) -> int:
    """Insert a claim with its mentioned entities and log it. Returns its id."""
    row = action.insert(
        "claims",
        {
            "id": claim.id or None,
            "document_id": claim.document_id,
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "category": claim.category,
            "status": claim.status,
            "attributed_to": claim.attributed_to,
            "note": claim.note,
            "annotator": claim.annotator,
            "created_at": action.at,
            "updated_at": action.at,
        },
    )
    for entity_id in dict.fromkeys(claim.entities):
        action.insert("claim_entities", {"claim_id": row["id"], "entity_id": entity_id})
    return row["id"]


def link_columns(link: Link) -> dict:
    """What a link says, as the columns a new link is inserted with and an edit updates."""
    return {
        "org": link.org,
        "relation": link.relation,
        "evidence": link.evidence,
        "date": link.date,
        "amount": json_or_none(link.amount),
        "note": link.note,
    }


def insert_link(action: UserAction, link: Link) -> int:
    """Insert a person-organization link and log it. Returns its id."""
    row = action.insert(
        "links",
        {
            "id": link.id or None,
            "document_id": link.document_id,
            "person": link.person,
            **link_columns(link),
            "annotator": link.annotator,
            "created_at": action.at,
            "updated_at": action.at,
        },
    )
    return row["id"]


def claims_for_document(db: Database, document_id: str, layer: str | None = None) -> list[Claim]:
    """Every claim of a document (of one annotator's layer, if given), ordered by position,
    with the entities it mentions."""
    mine, who = in_layer(layer)
    rows = db.execute(
        'SELECT id, document_id, start, "end", quote, category, status, attributed_to, note, annotator, '
        "(SELECT json_group_array(entity_id) FROM claim_entities WHERE claim_id = claims.id) "
        f'FROM claims WHERE document_id = ?{mine} ORDER BY start, "end", id',
        [document_id, *who],
    )
    return [Claim(*row[:7], row[7], tuple(json.loads(row[10])), row[8], row[9]) for row in rows]


def links_for_document(db: Database, document_id: str, layer: str | None = None) -> list[Link]:
    """Every link found in a document (of one annotator's layer, if given), in the order they
    were made."""
    mine, who = in_layer(layer)
    cursor = db.execute(
        f"SELECT * FROM links WHERE document_id = ?{mine} ORDER BY id", [document_id, *who]
    )
    return [link_from_row(row) for row in row_dicts(cursor)]


def entities_by_id(db: Database, ids: list[str] | None = None) -> dict[str, Entity]:
    """Entities by id: these ones, or all."""
    if ids is None:
        cursor = db.execute("SELECT * FROM entities")
    else:
        cursor = db.execute(
            "SELECT * FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
    return {row["id"]: entity_from_row(row) for row in row_dicts(cursor)}
