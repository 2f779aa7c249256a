"""A shared database (one with users, served to a team) keeps each annotator's work in a layer
of their own, as a merged team database does: the machine's suggestions (annotator '') are a
template each annotator takes a copy of on first opening a document, their decisions change
only their copy, and each has their own review state. A database of one's own has no users and
no layers: a decision changes the suggestion itself."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from store.connection import transaction
from store.documents import get_document
from store.events import record_event, utc_now
from store.history import UserAction
from talent.model import Document


def is_shared(db: Database) -> bool:
    """Whether the database has users, and so a layer per annotator."""
    # A read-only file from before users existed has no table for them.
    return db["users"].exists() and bool(db.execute("SELECT 1 FROM users LIMIT 1").fetchone())


def layer_of(db: Database, annotator: str) -> str | None:
    """The layer an annotator works in: their name in a shared database, else None (all)."""
    return annotator if is_shared(db) else None


# An annotator's copy of the machine's suggestions, leaving out any their own work covers.
_TAKE = """
    INSERT INTO spans (document_id, start, "end", label, quote, status, origin, entity_id, value,
                       annotator, created_at, updated_at)
    SELECT document_id, start, "end", label, quote, 'suggested', origin, entity_id, value,
           :who, :at, :at
    FROM spans s WHERE document_id = :doc AND annotator = '' AND status = 'suggested'
    AND NOT EXISTS (SELECT 1 FROM spans m WHERE m.document_id = s.document_id
                    AND m.annotator = :who AND m.start < s."end" AND m."end" > s.start)
    ORDER BY start
"""


def open_layer(db: Database, doc_id: str, annotator: str) -> None:
    """On an annotator's first opening of a document, copy the machine's suggestions there
    into their layer and start their review of it."""
    # Every later opening only reads: the write lock is taken only for a first one (and the
    # question asked again under it, in case another window of theirs got there first).
    if _has_opened(db, doc_id, annotator):
        return
    with transaction(db):
        if _has_opened(db, doc_id, annotator):
            return
        at = utc_now()
        taken = db.execute(_TAKE, {"doc": doc_id, "who": annotator, "at": at}).rowcount
        db.execute(
            "INSERT INTO reviews (document_id, annotator, state) VALUES (?, ?, 'new')",
            [doc_id, annotator],
        )
        # One event: the copies are the machine's suggestions, not anyone's decision.
        record_event(
            db, "take suggestions", "document", doc_id, None, {"count": taken}, annotator, at
        )


def _has_opened(db: Database, doc_id: str, annotator: str) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM reviews WHERE document_id = ? AND annotator = ?", [doc_id, annotator]
        ).fetchone()
    )


def refresh_layers(db: Database, doc_id: str, at: str) -> None:
    """After the machine suggested again on a document (inside that transaction): each
    annotator's undecided copies are replaced by the new suggestions; their decisions, and the
    suggestions they reshaped, stay."""
    for (annotator,) in db.execute(
        "SELECT annotator FROM reviews WHERE document_id = ?", [doc_id]
    ).fetchall():
        db.execute(
            "DELETE FROM spans WHERE document_id = ? AND annotator = ? AND status = 'suggested' "
            "AND origin != 'user'",
            [doc_id, annotator],
        )
        db.execute(_TAKE, {"doc": doc_id, "who": annotator, "at": at})


def set_own_review_state(action: UserAction, doc_id: str, state: str) -> None:
    """An annotator's review state of a document in a shared database."""
    key = {"document_id": doc_id, "annotator": action.annotator}
    if action.read("reviews", key) is None:
        action.insert("reviews", {**key, "state": state})
    else:
        action.update("reviews", key, {"state": state})


def document_in_layer(db: Database, doc_id: str, layer: str | None) -> Document | None:
    """A document as an annotator sees it: in a layer, with their own review state."""
    document = get_document(db, doc_id)
    if document is None or layer is None:
        return document
    row = db.execute(
        "SELECT state FROM reviews WHERE document_id = ? AND annotator = ?", [doc_id, layer]
    ).fetchone()
    return replace(document, review_state=row[0] if row else "new")
