"""Counts for `talent-tui stats`: documents, spans by label and status, claims, links."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database


@dataclass
class Stats:
    """What the database holds."""

    documents: list[tuple[str, str, str, int]] = field(default_factory=list)
    spans: dict[tuple[str, str], int] = field(default_factory=dict)
    entities: int = 0
    claims: int = 0
    links: int = 0
    progress: dict[str, list[Progress]] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    """One annotator's work on one document: decisions made (spans accepted, rejected or
    labelled; claims; links) and their review state."""

    annotator: str
    decided: int
    state: str


def annotator_progress(db: Database) -> dict[str, list[Progress]]:
    """Per document, each annotator's progress. A merged team database keeps each annotator's
    review state; a database of one's own has it on the document."""
    decided: dict[tuple[str, str], int] = {}
    for doc, annotator, count in db.execute(
        "SELECT document_id, annotator, count(*) FROM ("
        "SELECT document_id, annotator FROM spans WHERE status != 'suggested' UNION ALL "
        "SELECT document_id, annotator FROM claims UNION ALL "
        "SELECT document_id, annotator FROM links) WHERE annotator != '' GROUP BY 1, 2"
    ):
        decided[(doc, annotator)] = count
    reviews = {
        (doc, who): state
        for doc, who, state in db.execute("SELECT document_id, annotator, state FROM reviews")
    }
    reviewed_docs = {doc for doc, _ in reviews}
    states = dict(db.execute("SELECT id, review_state FROM documents"))
    progress: dict[str, list[Progress]] = {}
    for (doc, annotator), count in sorted(decided.items()):
        state = reviews.get((doc, annotator), "new") if doc in reviewed_docs else states[doc]
        progress.setdefault(doc, []).append(Progress(annotator, count, state))
    return progress


def collect_stats(db: Database) -> Stats:
    """Count everything in one read."""
    stats = Stats()
    stats.documents = [
        tuple(row)
        for row in db.execute(
            "SELECT d.id, d.lang, d.title, "
            "(SELECT count(*) FROM spans s WHERE s.document_id = d.id) "
            "FROM documents d ORDER BY d.rowid"
        )
    ]
    for label, status, count in db.execute(
        "SELECT label, status, count(*) FROM spans GROUP BY label, status"
    ):
        stats.spans[(label, status)] = count
    stats.entities = db.execute("SELECT count(*) FROM entities").fetchone()[0]
    stats.claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    stats.links = db.execute("SELECT count(*) FROM links").fetchone()[0]
    stats.progress = annotator_progress(db)
    return stats


def annotators(db: Database) -> list[str]:
    """Everyone whose decisions the database holds (the gold layer included), by name."""
    rows = db.execute(
        "SELECT annotator FROM spans WHERE status != 'suggested' UNION "
        "SELECT annotator FROM claims UNION SELECT annotator FROM links ORDER BY 1"
    )
    return [name for (name,) in rows if name]
