"""Versions of a document: a changed text under the same source supersedes the old one, and the
people's annotations of the old version are carried into the new one by their quotes. What
cannot be placed without doubt stays on the old version, listed as orphaned."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from store.annotations import (
    claims_for_document,
    insert_claim,
    insert_link,
    insert_span,
    links_for_document,
    spans_for_document,
)
from store.history import UserAction
from talent.anchoring import Placement, place, quote_at


@dataclass
class CarryReport:
    """How many annotations moved into the new version, and how many were left as orphans."""

    placed: int = 0
    orphaned: int = 0


@dataclass(frozen=True)
class Orphan:
    """An annotation of an earlier version that the new version could not hold."""

    kind: str  # span, claim or link
    old_document_id: str
    old_id: int
    start: int | None  # in the old version; a link has no place of its own
    end: int | None
    label: str  # a span's label, a claim's category, a link's relation
    text: str
    reason: str


@dataclass(frozen=True)
class VersionState:
    """Where a document stands among its versions, as its pane's header says it."""

    superseded: bool = False  # a newer version replaced it
    orphans: int = 0  # annotations of the version before it that it could not hold


def version_state(db: Database, document_id: str) -> VersionState:
    """Whether a newer version replaced this document, and how many orphans it has."""
    superseded, orphans = db.execute(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE supersedes = ?), "
        "(SELECT count(*) FROM reanchoring WHERE document_id = ? AND new_id IS NULL)",
        [document_id, document_id],
    ).fetchone()
    return VersionState(bool(superseded), orphans)


def carry_annotations(action: UserAction, old_id: str, new_id: str) -> CarryReport:
    """Copy every span a person decided, every claim and every link of version `old_id` into
    `new_id`, re-anchored by quote; record each outcome in `reanchoring`."""
    db = action.db
    old_text, new_text = (
        db.execute("SELECT text FROM documents WHERE id = ?", [doc]).fetchone()[0]
        for doc in (old_id, new_id)
    )
    report = CarryReport()

    def placement(start: int, end: int) -> Placement:
        return place(quote_at(old_text, start, end), old_text, new_text)

    def record(kind: str, old: int, new: int | None, reason: str = "") -> None:
        db.execute(
            "INSERT INTO reanchoring (document_id, kind, old_id, new_id, reason) "
            "VALUES (?, ?, ?, ?, ?)",
            [new_id, kind, old, new, reason],
        )
        if new is None:
            report.orphaned += 1
        else:
            report.placed += 1

    for span in spans_for_document(db, old_id):
        if span.status == "suggested":
            continue  # machine suggestions are made afresh for the new text
        where = placement(span.start, span.end)
        new = None
        if where.placed:
            moved = replace(span, id=0, document_id=new_id, start=where.start, end=where.end)
            new = insert_span(action, moved).id
        record("span", span.id, new, where.reason)
    claim_ids: dict[int, int | None] = {}
    for claim in claims_for_document(db, old_id):
        where = placement(claim.start, claim.end)
        new = None
        if where.placed:
            moved = replace(claim, id=0, document_id=new_id, start=where.start, end=where.end)
            new = insert_claim(action, moved)
        claim_ids[claim.id] = new
        record("claim", claim.id, new, where.reason)
    for link in links_for_document(db, old_id):
        if link.evidence is not None and claim_ids.get(link.evidence) is None:
            record("link", link.id, None, "its evidence claim could not be placed")
            continue
        evidence = None if link.evidence is None else claim_ids[link.evidence]
        new = insert_link(action, replace(link, id=0, document_id=new_id, evidence=evidence))
        record("link", link.id, new)
    return report


def orphans_of(db: Database, document_id: str) -> list[Orphan]:
    """The annotations of earlier versions that this version could not hold, in text order."""
    rows = db.execute(
        """
        SELECT r.kind, d.id, r.old_id, r.reason,
               COALESCE(s.start, c.start), COALESCE(s."end", c."end"),
               COALESCE(s.label, c.category, l.relation),
               COALESCE(s.quote, c.quote, p.name || ' → ' || o.name)
        FROM reanchoring r
        JOIN documents d ON d.id = (SELECT supersedes FROM documents WHERE id = r.document_id)
        LEFT JOIN spans s ON r.kind = 'span' AND s.id = r.old_id
        LEFT JOIN claims c ON r.kind = 'claim' AND c.id = r.old_id
        LEFT JOIN links l ON r.kind = 'link' AND l.id = r.old_id
        LEFT JOIN entities p ON p.id = l.person
        LEFT JOIN entities o ON o.id = l.org
        WHERE r.document_id = ? AND r.new_id IS NULL
        ORDER BY COALESCE(s.start, c.start, 1e18), r.kind, r.old_id
        """,
        [document_id],
    )
    return [
        Orphan(kind, old_doc, old, start, end, label or "", text or "", reason)
        for kind, old_doc, old, reason, start, end, label, text in rows
    ]
