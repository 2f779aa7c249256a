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
    return stats
