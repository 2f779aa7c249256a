"""The links the talent flows are derived from, read in one query, with the names and evidence
they need; and the sentence an evidence points at, read when it is shown."""

from __future__ import annotations

import json

from sqlite_utils import Database

from talent.flows import Evidence, LinkFact, Move, derive_moves
from talent.sentences import sentence_at

# Links of current versions only: a superseded version's links were carried to the new one.
# A link's evidence is its claim; without one, the person's first accepted mention there.
_LINK_FACTS = """
    SELECT l.id, l.person, p.name, l.org, o.name, l.relation, l.date, l.amount, l.note,
           d.id, d.title,
           COALESCE(c.start, m.start, 0), COALESCE(c."end", m."end", 0), c.id IS NOT NULL,
           p.aliases
    FROM links l
    JOIN entities p ON p.id = l.person
    JOIN entities o ON o.id = l.org
    JOIN documents d ON d.id = l.document_id
    LEFT JOIN claims c ON c.id = l.evidence
    LEFT JOIN spans m ON m.id = (
        SELECT s.id FROM spans s WHERE s.document_id = l.document_id AND s.entity_id = l.person
        AND s.status = 'accepted' ORDER BY s.start LIMIT 1)
    WHERE NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id)
      AND (:annotator IS NULL OR l.annotator = :annotator)
    ORDER BY l.id
"""


def link_facts(db: Database, annotator: str | None = None) -> list[LinkFact]:
    """Every link of the current documents (one annotator's, if given), with names and
    evidence."""
    return [
        LinkFact(
            link_id,
            person,
            person_name,
            org,
            org_name,
            relation,
            date,
            None if amount is None else json.loads(amount),
            note,
            Evidence(doc_id, title, start, end, bool(is_claim)),
            tuple(json.loads(aliases)),
        )
        for (
            link_id, person, person_name, org, org_name, relation, date, amount, note, doc_id,
            title, start, end, is_claim, aliases,
        ) in db.execute(_LINK_FACTS, {"annotator": annotator})
    ]  # fmt: skip


def moves(db: Database) -> list[Move]:
    """Every move the links of the current documents imply."""
    return derive_moves(link_facts(db))


def evidence_text(db: Database, evidence: Evidence) -> str:
    """Just the text of evidence_sentence."""
    return evidence_sentence(db, evidence)[2]


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
        start, end = sentence_at(text, evidence.start)
    return start, end, text[start:end]
