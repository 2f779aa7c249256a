"""The links the talent flows are derived from, read in one query, with the names and evidence
they need; and the sentence an evidence points at, read when it is shown."""

from __future__ import annotations

import json

from sqlite_utils import Database

from store.documents import CURRENT_VERSION
from talent.flows import Evidence, LinkFact, Move, derive_moves
from talent.sentences import sentence_at

# Links of current versions only: a superseded version's links were carried to the new one.
# A link's evidence is its claim (without one, the person's first mention, found when shown).
_LINK_FACTS = f"""
    SELECT l.id, l.person, p.name, l.org, o.name, l.relation, l.date, l.amount, l.note,
           d.id, d.title, COALESCE(c.start, 0), COALESCE(c."end", 0), p.aliases
    FROM links l
    JOIN entities p ON p.id = l.person
    JOIN entities o ON o.id = l.org
    JOIN documents d ON d.id = l.document_id
    LEFT JOIN claims c ON c.id = l.evidence
    WHERE {CURRENT_VERSION}
      AND (:annotator IS NULL OR l.annotator = :annotator)
    ORDER BY l.id
"""


def link_facts(db: Database, annotator: str | None = None) -> list[LinkFact]:
    """Every link of the current documents (one annotator's, if given), with names and
    evidence."""
    aliases_of: dict[str, tuple[str, ...]] = {}
    amounts: dict[str, dict] = {}

    # Each JSON text decoded once: a person has many links, sums repeat across articles, and
    # decoding was most of the cost. The decoded values are shared: treat them as read-only.
    def person_aliases(person: str, aliases: str) -> tuple[str, ...]:
        if person not in aliases_of:
            aliases_of[person] = tuple(json.loads(aliases))
        return aliases_of[person]

    def amount_of(text: str | None) -> dict | None:
        if text is not None and text not in amounts:
            amounts[text] = json.loads(text)
        return None if text is None else amounts[text]

    return [
        LinkFact(
            link_id,
            person,
            person_name,
            org,
            org_name,
            relation,
            date,
            amount_of(amount),
            note,
            Evidence(doc_id, title, start, end, person),
            person_aliases(person, aliases),
        )
        for (
            link_id, person, person_name, org, org_name, relation, date, amount, note, doc_id,
            title, start, end, aliases,
        ) in db.execute(_LINK_FACTS, {"annotator": annotator})
    ]  # fmt: skip


def moves(db: Database) -> list[Move]:
    """Every move the links of the current documents imply."""
    return derive_moves(link_facts(db))


def evidence_sentence(db: Database, evidence: Evidence) -> tuple[int, int, str]:
    """The text an evidence points at: its claim whole, or the sentence of its mention; as
    start, end and text."""
    row = db.execute("SELECT text FROM documents WHERE id = ?", [evidence.document_id]).fetchone()
    if row is None:
        return evidence.start, evidence.end, ""
    text = row[0]
    if evidence.is_claim:
        start, end = evidence.start, evidence.end
    else:
        mention = db.execute(
            "SELECT start FROM spans WHERE document_id = ? AND entity_id = ? "
            "AND status = 'accepted' ORDER BY start LIMIT 1",
            [evidence.document_id, evidence.person],
        ).fetchone()
        start, end = sentence_at(text, mention[0] if mention else 0)
    return start, end, text[start:end]
