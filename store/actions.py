"""What a user can do, one function per action: each runs inside one `user_action` (a
transaction plus its logged changes), is committed before it returns, and returns the action
with its changes and a message for the status line. The interface makes exactly one call."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from store.annotations import get_span, in_layer, span_from_row
from store.entities import (
    ENTITY_LABELS,
    add_alias,
    create_entity,
    get_entity,
    merge_entities,
    rename_entity,
    resolve_entity,
    set_aliases,
)
from store.history import HistoryError, Row, UserAction, user_action
from store.layers import layer_of, set_own_review_state
from store.learning import learn, occurrences
from talent.model import LABELS, REVIEW_STATES, Span


def span_row(action: UserAction, span_id: int) -> Row:
    row = action.read("spans", {"id": span_id})
    if row is None:
        raise HistoryError("that span no longer exists (changed in another window?)")
    return row


def accept_row(action: UserAction, row: Row, label: str | None = None) -> Row:
    """Accept a span (relabelled if asked): its entity is resolved and its text learned."""
    label = label or row["label"]
    changes = {"status": "accepted", "label": label, "annotator": action.annotator}
    if label in ENTITY_LABELS:
        if row["entity_id"] is None or label != row["label"]:
            changes["entity_id"] = resolve_entity(action, label, row["quote"]).id
    else:
        changes["entity_id"] = None
    changes["updated_at"] = action.at
    row = action.update("spans", {"id": row["id"]}, changes)
    learn(action, row["quote"], label)
    return row


def _describe(verb: str, row: Row) -> str:
    return f"{verb} {row['label']} {row['quote']}"


def label_range(
    db: Database, doc_id: str, start: int, end: int, label: str, annotator: str | None = None
) -> UserAction:
    """Label a range: an accepted span made by the user, replacing suggestions it overlaps."""
    if label not in LABELS:
        raise HistoryError(f"unknown label {label!r}")
    text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    # Whitespace at either edge is never part of a name.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise HistoryError("nothing to label here (only spaces)")
    quote = text[start:end]
    with user_action(db, f"label {label} {quote}", annotator) as action:
        # In a shared database only the annotator's own layer is theirs to change.
        mine, who = in_layer(layer_of(db, action.annotator))
        same = db.execute(
            f'SELECT id FROM spans WHERE document_id = ? AND start = ? AND "end" = ?{mine}',
            [doc_id, start, end, *who],
        ).fetchone()
        if same:
            row = accept_row(action, span_row(action, same[0]), label)
        else:
            for (span_id,) in db.execute(
                "SELECT id FROM spans WHERE document_id = ? AND status = 'suggested' "
                f'AND start < ? AND "end" > ?{mine}',
                [doc_id, end, start, *who],
            ).fetchall():
                action.delete("spans", {"id": span_id})
            row = action.insert(
                "spans",
                {
                    "document_id": doc_id,
                    "start": start,
                    "end": end,
                    "label": label,
                    "quote": quote,
                    "status": "suggested",
                    "origin": "user",
                    "annotator": action.annotator,
                    "created_at": action.at,
                    "updated_at": action.at,
                },
            )
            row = accept_row(action, row)
        action.message = _describe("labelled", row)
    return action


def decide_span(
    db: Database, span_id: int, status: str, annotator: str | None = None
) -> UserAction:
    """Accept or reject one span."""
    span = get_span(db, span_id)
    if span is None:
        raise HistoryError("that span no longer exists")
    verb = "accepted" if status == "accepted" else "rejected"
    with user_action(db, f"{verb[:-2]} {span.label} {span.quote}", annotator) as action:
        row = span_row(action, span_id)
        if status == "accepted":
            row = accept_row(action, row)
        else:
            row = action.update(
                "spans",
                {"id": span_id},
                {
                    "status": status,
                    "entity_id": None,
                    "annotator": action.annotator,
                    "updated_at": action.at,
                },
            )
        action.message = _describe(verb, row)
    return action


def relabel_span(
    db: Database, span_id: int, label: str, annotator: str | None = None
) -> UserAction:
    """Give a span another label (and so accept it)."""
    span = get_span(db, span_id)
    if span is None:
        raise HistoryError("that span no longer exists")
    with user_action(db, f"relabel {span.quote} as {label}", annotator) as action:
        row = accept_row(action, span_row(action, span_id), label)
        action.message = _describe("relabelled", row)
    return action


def delete_span(db: Database, span_id: int, annotator: str | None = None) -> UserAction:
    """Remove a span altogether (a wrong suggestion is better rejected: it stays out)."""
    span = get_span(db, span_id)
    if span is None:
        raise HistoryError("that span no longer exists")
    with user_action(db, f"delete {span.label} {span.quote}", annotator) as action:
        action.delete("spans", {"id": span_id})
        action.message = f"deleted {span.label} {span.quote}"
    return action


def resize_span(
    db: Database, span_id: int, start: int, end: int, annotator: str | None = None
) -> UserAction:
    """Move a span's edges, keeping its status: a suggestion stays one (the user's, to decide
    with `a` or `x`), a decided span keeps its entity. Nothing is learned and no entity made
    while the edges move: eleven presses are one mention, not eleven names."""
    span = get_span(db, span_id)
    if span is None:
        raise HistoryError("that span no longer exists")
    text = db.execute("SELECT text FROM documents WHERE id = ?", [span.document_id]).fetchone()[0]
    if not 0 <= start < end <= len(text) or "\n" in text[start:end]:
        raise HistoryError("a span keeps at least one character and stays on its line")
    quote = text[start:end]
    with user_action(db, f"resize {span.label} {span.quote} to {quote}", annotator) as action:
        for (other,) in db.execute(
            "SELECT id FROM spans WHERE document_id = ? AND status = 'suggested' AND id != ? "
            'AND start < ? AND "end" > ?',
            [span.document_id, span_id, end, start],
        ).fetchall():
            action.delete("spans", {"id": other})
        row = action.update(
            "spans",
            {"id": span_id},
            {"start": start, "end": end, "quote": quote, "value": None, "origin": "user",
             "annotator": action.annotator, "updated_at": action.at},
        )  # fmt: skip
        action.message = _describe("resized", row)
    return action


@dataclass(frozen=True)
class EverywherePlan:
    """What `A` (or `X`) would do, before it does: each place, in reading order, as (document,
    start, end, the undecided span there or None for a new one)."""

    span: Span
    status: str
    places: tuple[tuple[str, int, int, int | None], ...]
    documents: int


def plan_everywhere(db: Database, span_id: int, status: str) -> EverywherePlan:
    """The places where this span's text, whole, would be decided with its label: undecided
    spans of it, and (accepting) unannotated occurrences. A mention inside a longer span
    (`Mistry` in `Shapoorji Mistry`) is another name and is left alone."""
    span = get_span(db, span_id)
    if span is None:
        raise HistoryError("that span no longer exists")
    # In a shared database, the places are in the layer of the span's annotator.
    mine, who = in_layer(layer_of(db, span.annotator) if span.annotator else None)
    places = []
    documents = db.execute(
        "SELECT id, text FROM documents WHERE instr(text, ?) > 0 ORDER BY rowid", [span.quote]
    ).fetchall()
    for doc_id, text in documents:
        spans = db.execute(
            'SELECT id, start, "end", status, label FROM spans WHERE document_id = ? '
            f"AND status != 'rejected' AND instr(quote, ?) > 0{mine}",
            [doc_id, span.quote, *who],
        ).fetchall()
        exact = {(row[1], row[2]): row for row in spans if row[2] - row[1] == len(span.quote)}
        longer = [(row[1], row[2]) for row in spans if row[2] - row[1] > len(span.quote)]
        for start, end in occurrences(span.quote, text):
            if any(s <= start and end <= e for s, e in longer):
                continue  # part of a longer name
            found = exact.get((start, end))
            if found and found[3] == status and found[4] == span.label:
                continue
            if found and (found[3] == "suggested" or found[0] == span_id):
                places.append((doc_id, start, end, found[0]))
            elif (
                not found
                and status == "accepted"
                and not db.execute(
                    f'SELECT 1 FROM spans WHERE document_id = ? AND start < ? AND "end" > ?{mine} '
                    "LIMIT 1",
                    [doc_id, end, start, *who],
                ).fetchone()
            ):  # something else annotated there is never overridden
                places.append((doc_id, start, end, None))
    return EverywherePlan(span, status, tuple(places), len({p[0] for p in places}))


def decide_everywhere(
    db: Database, span_id: int, status: str, annotator: str | None = None
) -> UserAction:
    """Accept (or reject) every whole occurrence of this span's text with its label, in all
    documents, as one action (the places `plan_everywhere` lists)."""
    plan = plan_everywhere(db, span_id, status)
    span = plan.span
    verb = "accepted" if status == "accepted" else "rejected"
    with user_action(db, f"{verb[:-2]} {span.label} {span.quote} everywhere", annotator) as action:
        entity = (
            resolve_entity(action, span.label, span.quote).id
            if status == "accepted" and span.label in ENTITY_LABELS
            else None
        )
        for doc_id, start, end, found in plan.places:
            if found is not None:
                action.update(
                    "spans",
                    {"id": found},
                    {"status": status, "label": span.label, "entity_id": entity,
                     "annotator": action.annotator, "updated_at": action.at},
                )  # fmt: skip
                continue
            action.insert(
                "spans",
                {"document_id": doc_id, "start": start, "end": end, "label": span.label,
                 "quote": span.quote, "status": "accepted", "origin": "user",
                 "entity_id": entity, "annotator": action.annotator, "created_at": action.at,
                 "updated_at": action.at},
            )  # fmt: skip
        if status == "accepted":
            learn(action, span.quote, span.label)
        action.message = (
            f"{verb} {span.label} {span.quote} at {len(plan.places)} occurrence(s) in "
            f"{plan.documents} document(s)"
        )
    return action


def set_review_state(
    db: Database, doc_id: str, state: str, annotator: str | None = None
) -> UserAction:
    """Mark a document new, in progress or done."""
    if state not in REVIEW_STATES:
        raise HistoryError(f"unknown review state {state!r}")
    with user_action(db, f"mark document {state}", annotator) as action:
        if layer_of(db, action.annotator):
            set_own_review_state(action, doc_id, state)
        else:
            action.update("documents", {"id": doc_id}, {"review_state": state})
        action.message = f"document marked {state.replace('_', ' ')}"
    return action


def edit_entity(
    db: Database,
    entity_id: str,
    name: str,
    aliases: list[str],
    merge_into: str | None = None,
    annotator: str | None = None,
) -> UserAction:
    """Rename an entity, set its aliases, and optionally merge it into another."""
    with user_action(db, f"edit entity {entity_id}", annotator) as action:
        entity = get_entity(action, entity_id)
        if name.strip() != entity.name:
            entity = rename_entity(action, entity, name)
        entity = set_aliases(action, entity, aliases)
        if merge_into:
            entity = merge_entities(action, get_entity(action, merge_into), entity)
            action.message = f"merged into {entity.name}"
        else:
            action.message = f"saved entity {entity.name}"
    return action


def move_span_to_entity(
    db: Database,
    span_id: int,
    entity_id: str | None,
    new_name: str | None = None,
    annotator: str | None = None,
) -> UserAction:
    """Say that a mention refers to another entity, or to a new one named `new_name` (the
    entity learns the text as an alias)."""
    with user_action(db, "move mention to another entity", annotator) as action:
        row = span_row(action, span_id)
        if entity_id is None:
            entity = create_entity(action, row["label"], new_name or row["quote"], [row["quote"]])
        else:
            entity = get_entity(action, entity_id)
        if entity.label != row["label"]:
            raise HistoryError(f"{entity.name} is a {entity.label}, this mention a {row['label']}")
        action.update(
            "spans",
            {"id": span_id},
            {"entity_id": entity.id, "status": "accepted", "annotator": action.annotator},
        )
        add_alias(action, entity, row["quote"])
        action.message = f"{row['quote']} now refers to {entity.name}"
    return action


def spans_changed(action: UserAction) -> tuple[set[int], list[Span]]:
    """(ids of spans removed or changed, spans as they are now) from an action's changes."""
    removed: set[int] = set()
    current: dict[int, Span] = {}
    for change in action.changes:
        if change.table != "spans":
            continue
        span_id = change.row["id"]
        removed.add(span_id)
        if change.after is None:
            current.pop(span_id, None)
        else:
            current[span_id] = span_from_row(change.after)
    return removed, list(current.values())
