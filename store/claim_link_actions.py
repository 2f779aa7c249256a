"""What a user can do to claims and links, one function per action, as store/actions.py does
for spans: each runs inside one `user_action`, is committed before it returns, and returns the
action with its changes and a message for the status line."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlite_utils import Database

from store.actions import accept_row, span_row
from store.annotations import insert_claim, insert_link, link_columns
from store.connection import row_dicts
from store.entities import get_entity, resolve_entity
from store.history import HistoryError, UserAction, user_action
from talent.model import Claim, Entity, Link
from talent.sentences import guess_category


def _mentioned_entities(db: Database, doc_id: str, start: int, end: int) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT entity_id FROM spans WHERE document_id = ? AND status = 'accepted' "
            'AND entity_id IS NOT NULL AND start >= ? AND "end" <= ? ORDER BY start',
            [doc_id, start, end],
        )
    ]


def save_claim(db: Database, claim: Claim, annotator: str | None = None) -> UserAction:
    """Tag a new claim (id 0) or change one; the entities accepted inside it are its mentions."""
    verb = "tagged" if not claim.id else "edited"
    with user_action(db, f"{verb} {claim.category} claim", annotator) as action:
        mentioned = _mentioned_entities(db, claim.document_id, claim.start, claim.end)
        if not claim.id:
            claim_id = insert_claim(
                action, replace(claim, entities=tuple(mentioned), annotator=action.annotator)
            )
        else:
            claim_id = claim.id
            action.update(
                "claims",
                {"id": claim_id},
                {
                    "category": claim.category,
                    "status": claim.status,
                    "attributed_to": claim.attributed_to,
                    "note": claim.note,
                    "annotator": action.annotator,
                    "updated_at": action.at,
                },
            )
        action.message = f"{verb} {claim.category} claim #{claim_id}"
    return action


def delete_claim(db: Database, claim_id: int, annotator: str | None = None) -> UserAction:
    """Remove a claim; links that cited it as evidence keep their other fields."""
    with user_action(db, f"delete claim #{claim_id}", annotator) as action:
        for (link_id,) in db.execute(
            "SELECT id FROM links WHERE evidence = ?", [claim_id]
        ).fetchall():
            action.update("links", {"id": link_id}, {"evidence": None})
        for (entity_id,) in db.execute(
            "SELECT entity_id FROM claim_entities WHERE claim_id = ?", [claim_id]
        ).fetchall():
            action.delete("claim_entities", {"claim_id": claim_id, "entity_id": entity_id})
        if action.delete("claims", {"id": claim_id}) is None:
            raise HistoryError("that claim no longer exists")
        action.message = f"deleted claim #{claim_id}"
    return action


def save_link(
    db: Database,
    link: Link,
    annotator: str | None = None,
    person_span: int | None = None,
    org_name: str | None = None,
    evidence_range: tuple[int, int] | None = None,
) -> UserAction:
    """Make a new link (id 0) or change one, as one action. With `person_span`, that span is
    accepted and its entity is the person; with `org_name`, the organization is found by name or
    alias (or created); with `evidence_range`, that sentence is tagged as a claim and cited."""
    with user_action(db, f"link {link.relation}", annotator) as action:
        if person_span is not None:
            row = span_row(action, person_span)
            if row["label"] != "PERSON":
                raise HistoryError("a link starts from a PERSON")
            if row["status"] != "accepted" or row["entity_id"] is None:
                row = accept_row(action, row)
            link = replace(link, person=row["entity_id"])
        if org_name is not None:
            link = replace(link, org=resolve_entity(action, "ORG", org_name.strip()).id)
        if evidence_range is not None:
            start, end = evidence_range
            text = db.execute(
                "SELECT text FROM documents WHERE id = ?", [link.document_id]
            ).fetchone()[0]
            claim = Claim(
                0,
                link.document_id,
                start,
                end,
                text[start:end],
                guess_category(text[start:end], _labels_inside(db, link.document_id, start, end)),
                entities=tuple(_mentioned_entities(db, link.document_id, start, end)),
                annotator=action.annotator,
            )
            link = replace(link, evidence=insert_claim(action, claim))
        person, org = get_entity(action, link.person), get_entity(action, link.org)
        if person.label != "PERSON" or org.label != "ORG":
            raise HistoryError("a link goes from a PERSON to an ORG")
        _accept_mention(action, link.document_id, org, evidence_range)
        if not link.id:
            link_id = insert_link(action, replace(link, annotator=action.annotator))
        else:
            link_id = link.id
            action.update(
                "links",
                {"id": link.id},
                {**link_columns(link), "annotator": action.annotator, "updated_at": action.at},
            )
        action.message = f"linked {person.name} {link.relation} {org.name} (#{link_id})"
    return action


def _accept_mention(
    action: UserAction, doc_id: str, entity: Entity, near: tuple[int, int] | None
) -> None:
    """A link's end is accepted too: unless the entity has an accepted mention in the document,
    its suggested mention nearest the evidence sentence (else the first) is accepted as it. A link
    to a mere suggestion would otherwise fall out of every export that ties links to spans."""
    rows = list(
        row_dicts(
            action.db.execute(
                "SELECT * FROM spans WHERE document_id = ? AND label = ? AND status != 'rejected' "
                "AND quote IN (SELECT value FROM json_each(?)) ORDER BY start",
                [doc_id, entity.label, json.dumps([entity.name, *entity.aliases])],
            )
        )
    )
    if any(row["status"] == "accepted" and row["entity_id"] == entity.id for row in rows):
        return
    suggested = [row for row in rows if row["status"] == "suggested"]
    if not suggested:
        return
    if near is not None:
        # The mention nearest the cited sentence (one inside it first).
        suggested.sort(key=lambda r: max(near[0] - r["start"], r["end"] - near[1], 0))
    row = accept_row(action, suggested[0])
    if row["entity_id"] != entity.id:
        action.update("spans", {"id": row["id"]}, {"entity_id": entity.id})


def _labels_inside(db: Database, doc_id: str, start: int, end: int) -> set[str]:
    return {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT label FROM spans WHERE document_id = ? AND status != 'rejected' "
            'AND start >= ? AND "end" <= ?',
            [doc_id, start, end],
        )
    }


def delete_link(db: Database, link_id: int, annotator: str | None = None) -> UserAction:
    """Remove a link."""
    with user_action(db, f"delete link #{link_id}", annotator) as action:
        if action.delete("links", {"id": link_id}) is None:
            raise HistoryError("that link no longer exists")
        action.message = f"deleted link #{link_id}"
    return action
