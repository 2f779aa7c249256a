"""Claims of different documents said to be the same or to contradict each other, with the
figures inside them compared by value. Each change is one undoable user action."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from store.annotations import claims_for_document
from store.documents import CURRENT_VERSION
from store.history import HistoryError, UserAction, user_action
from talent.claim_figures import FIGURE_LABELS, Figure, FigureComparison, compare_figures
from talent.model import CLAIM_RELATION_KINDS, Claim


@dataclass(frozen=True)
class OtherClaim:
    """A claim of another document, how it relates to ours (or None), and their figures."""

    claim: Claim
    title: str
    kind: str | None
    figures: FigureComparison


def figures_in(db: Database, claim: Claim) -> list[Figure]:
    """The figures (money, percentages, numbers) inside a claim that are not rejected."""
    marks = ", ".join("?" for _ in FIGURE_LABELS)
    rows = db.execute(
        f'SELECT label, quote, value FROM spans WHERE document_id = ? AND start >= ? AND "end" <= ? '
        f"AND label IN ({marks}) AND status != 'rejected' AND value IS NOT NULL ORDER BY start",
        [claim.document_id, claim.start, claim.end, *FIGURE_LABELS],
    )
    return [Figure(label, quote, json.loads(value)) for label, quote, value in rows]


def other_claims(db: Database, claim: Claim) -> list[OtherClaim]:
    """The claims of the other current documents: related ones first, then those whose figures
    agree, then those of the same category."""
    mine = figures_in(db, claim)
    kinds = {
        (b if a == claim.id else a): kind
        for a, b, kind in db.execute(
            "SELECT a, b, kind FROM claim_relations WHERE a = ? OR b = ?", [claim.id, claim.id]
        )
    }
    found = []
    for doc_id, title in db.execute(
        f"SELECT id, title FROM documents d WHERE id != ? AND {CURRENT_VERSION} ORDER BY rowid",
        [claim.document_id],
    ):
        for other in claims_for_document(db, doc_id):
            figures = compare_figures(mine, figures_in(db, other))
            found.append(OtherClaim(other, title, kinds.get(other.id), figures))
    return sorted(
        found,
        key=lambda o: (o.kind is None, not o.figures.agree, o.claim.category != claim.category),
    )


def relate_claims(
    db: Database, claim_id: int, other_id: int, kind: str | None, annotator: str | None = None
) -> UserAction:
    """Say two claims are the same or contradict each other; kind None takes that back."""
    if kind is not None and kind not in CLAIM_RELATION_KINDS:
        raise HistoryError(f"claims are {' or '.join(CLAIM_RELATION_KINDS)}, not {kind}")
    a, b = sorted((claim_id, other_id))
    if a == b:
        raise HistoryError("a claim cannot be related to itself")
    with user_action(db, "relate claims", annotator) as action:
        action.delete("claim_relations", {"a": a, "b": b})
        if kind is not None:
            action.insert(
                "claim_relations",
                {
                    "a": a,
                    "b": b,
                    "kind": kind,
                    "annotator": action.annotator,
                    "created_at": action.at,
                },
            )
        said = {"same": "the same claim", "contradicts": "contradicting"}.get(kind, "unrelated")
        action.message = f"claims #{a} and #{b}: {said}"
    return action


def relation_counts(db: Database, document_id: str) -> dict[int, dict[str, int]]:
    """For each claim of a document, how many claims elsewhere it is the same as or contradicts."""
    counts: dict[int, dict[str, int]] = {}
    for claim_id, kind, n in db.execute(
        "SELECT c.id, r.kind, COUNT(*) FROM claims c JOIN claim_relations r "
        "ON r.a = c.id OR r.b = c.id WHERE c.document_id = ? GROUP BY c.id, r.kind",
        [document_id],
    ):
        counts.setdefault(claim_id, {})[kind] = n
    return counts
