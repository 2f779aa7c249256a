"""The gold layer: adjudicated annotations written under the annotator name `gold`, kept apart
from each annotator's own work. Each decision is one undoable action of the adjudicator."""

from __future__ import annotations

from sqlite_utils import Database

from store.annotations import insert_span, spans_for_document
from store.entities import ENTITY_LABELS, resolve_entity
from store.history import HistoryError, UserAction, user_action
from talent.model import GOLD_ANNOTATOR, LABELS, Span

Choice = tuple[int, int, str, str | None]  # start, end, label, entity id


def document_annotators(db: Database, doc_id: str) -> list[str]:
    """The people who made decisions on a document (not the machine, not the gold layer)."""
    rows = db.execute(
        "SELECT DISTINCT annotator FROM spans WHERE document_id = ? AND status != 'suggested' "
        "AND annotator NOT IN ('', ?) ORDER BY annotator",
        [doc_id, GOLD_ANNOTATOR],
    )
    return [row[0] for row in rows]


def layer(db: Database, doc_id: str, annotator: str) -> list[Span]:
    """One annotator's decided spans of a document (the gold layer's with `gold`)."""
    return [
        s
        for s in spans_for_document(db, doc_id)
        if s.annotator == annotator and s.status != "suggested"
    ]


def settle(
    db: Database,
    doc_id: str,
    extent: tuple[int, int],
    choices: list[Choice],
    adjudicator: str | None = None,
) -> UserAction:
    """Decide one disagreement in the gold layer: these spans (none: a rejected gold span over
    the extent, saying no entity is there); gold decisions overlapping it before are replaced."""
    start, end = extent
    text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    with user_action(db, "adjudicate", adjudicator) as action:
        for (span_id,) in db.execute(
            'SELECT id FROM spans WHERE document_id = ? AND annotator = ? AND start < ? AND "end" > ?',
            [doc_id, GOLD_ANNOTATOR, end, start],
        ).fetchall():
            action.delete("spans", {"id": span_id})
        if not choices:
            _insert_gold(action, doc_id, text, (start, end, LABELS[0], None), "rejected")
            action.message = f"gold: no entity at «{text[start:end]}»"
        for choice in choices:
            _insert_gold(action, doc_id, text, choice, "accepted")
        if choices:
            action.message = "gold: " + ", ".join(
                f"{label} «{text[s:e]}»" for s, e, label, _ in choices
            )
    return action


def _insert_gold(action: UserAction, doc_id: str, text: str, choice: Choice, status: str) -> None:
    start, end, label, entity = choice
    if label not in LABELS:
        raise HistoryError(f"unknown label {label!r}")
    if status == "accepted" and label in ENTITY_LABELS and entity is None:
        entity = resolve_entity(action, label, text[start:end]).id
    entity = entity if status == "accepted" else None
    quote = text[start:end]
    insert_span(
        action,
        Span(0, doc_id, start, end, label, quote, status, "user", entity, None, GOLD_ANNOTATOR),
    )


def accept_agreed(
    db: Database, doc_id: str, first: str, second: str, adjudicator: str | None = None
) -> UserAction:
    """Put into the gold layer, in one step, every span both annotators gave exactly, and the
    claims and links both made, that the gold layer does not have yet."""
    with user_action(db, "accept agreed into gold", adjudicator) as action:
        text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
        gold = {(s.start, s.end, s.label) for s in layer(db, doc_id, GOLD_ANNOTATOR)}
        theirs = {
            (s.start, s.end, s.label) for s in layer(db, doc_id, second) if s.status == "accepted"
        }
        spans = 0
        for span in layer(db, doc_id, first):
            box = (span.start, span.end, span.label)
            if span.status == "accepted" and box in theirs and box not in gold:
                _insert_gold(action, doc_id, text, (*box, span.entity), "accepted")
                spans += 1
        claims = _copy_agreed(action, doc_id, first, second, "claims", ("start", "end", "category"))
        links = _copy_agreed(action, doc_id, first, second, "links", ("person", "org", "relation"))
        action.message = (
            f"gold: {spans} agreed span(s), {claims} claim(s) and {links} link(s) accepted"
        )
    return action


def _copy_agreed(
    action: UserAction, doc_id: str, first: str, second: str, table: str, key: tuple[str, ...]
) -> int:
    """Copy into gold the rows of `table` both annotators made alike (by `key`)."""
    columns = ", ".join(f'"{c}"' for c in key)
    rows = action.db.execute(
        f"SELECT * FROM {table} WHERE document_id = ? AND annotator = ? AND ({columns}) IN "
        f"(SELECT {columns} FROM {table} WHERE document_id = ? AND annotator = ?) AND ({columns}) "
        f"NOT IN (SELECT {columns} FROM {table} WHERE document_id = ? AND annotator = ?)",
        [doc_id, first, doc_id, second, doc_id, GOLD_ANNOTATOR],
    )
    names = [d[0] for d in rows.description]
    copied = 0
    for values in rows.fetchall():
        row = dict(zip(names, values, strict=True))
        row.pop("id")
        if table == "links":
            row["evidence"] = None  # the annotators' claims are theirs, not the gold's
        action.insert(table, row | {"annotator": GOLD_ANNOTATOR, "created_at": action.at})
        copied += 1
    return copied
