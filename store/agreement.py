"""The annotations agreement is computed on, read from a team database: each annotator's
accepted spans, links and claims of the current documents, and which documents each worked on."""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from store.documents import CURRENT_VERSION
from talent.agreement import Corpus, Report, agreement
from talent.model import GOLD_ANNOTATOR, LABELS

# People's names: the machine's suggestions carry none, and the gold layer is not an annotator.
_PEOPLE = f"annotator NOT IN ('', '{GOLD_ANNOTATOR}')"


def team_corpus(db: Database) -> Corpus:
    """Everything agreement needs, in a few queries."""
    spans: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    worked: dict[str, set[str]] = defaultdict(set)
    for annotator, doc, start, end, label, status in db.execute(
        f'SELECT annotator, document_id, start, "end", label, status FROM spans s '
        f"JOIN documents d ON d.id = s.document_id WHERE status != 'suggested' AND {_PEOPLE} "
        f"AND {CURRENT_VERSION}"
    ):
        worked[annotator].add(doc)
        if status == "accepted":
            spans[annotator][doc].append((start, end, label))
    links: dict[str, set[tuple]] = defaultdict(set)
    for annotator, doc, person, org, relation in db.execute(
        f"SELECT annotator, document_id, person, org, relation FROM links l "
        f"JOIN documents d ON d.id = l.document_id WHERE {_PEOPLE} AND {CURRENT_VERSION}"
    ):
        worked[annotator].add(doc)
        links[annotator].add((doc, person, org, relation))
    claims: dict[str, set[tuple]] = defaultdict(set)
    for annotator, doc, start, end, category in db.execute(
        f'SELECT annotator, document_id, start, "end", category FROM claims c '
        f"JOIN documents d ON d.id = c.document_id WHERE {_PEOPLE} AND {CURRENT_VERSION}"
    ):
        worked[annotator].add(doc)
        claims[annotator].add((doc, start, end, category))
    for annotator, doc in db.execute(
        f"SELECT annotator, document_id FROM reviews r JOIN documents d ON d.id = r.document_id "
        f"WHERE state != 'new' AND {_PEOPLE} AND {CURRENT_VERSION}"
    ):
        worked[annotator].add(doc)
    lengths = dict(db.execute(f"SELECT id, length(text) FROM documents d WHERE {CURRENT_VERSION}"))
    return Corpus(
        {name: dict(docs) for name, docs in spans.items()},
        lengths,
        dict(worked),
        dict(links),
        dict(claims),
    )


def team_agreement(db: Database) -> Report:
    """Agreement among the annotators of a team database, per label and overall."""
    return agreement(team_corpus(db), LABELS)
