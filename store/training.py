"""The learned model's side of the database: which documents it learns from (those reviewed:
marked done), the models kept per language, and when the app trains again."""

from __future__ import annotations

from sqlite_utils import Database

from store.connection import transaction
from store.events import utc_now
from talent.learned.crf import Example, TrainedModel
from talent.model import GOLD_ANNOTATOR

TRAIN_EVERY = 10  # reviewed documents between trainings in the app, unless set otherwise
NOTHING_TO_LEARN = (
    "no reviewed document to learn from: decide a document's suggestions, mark it done (R in "
    "the reader), then train"
)


# Documents marked done, by their annotator or by one of a team's.
_REVIEWED = (
    "FROM documents WHERE review_state = 'done' "
    "OR id IN (SELECT document_id FROM reviews WHERE state = 'done')"
)


def training_examples(db: Database) -> list[Example]:
    """Every reviewed document with the spans accepted on it: what the model learns from."""
    rows = db.execute(f"SELECT id, text, lang {_REVIEWED} ORDER BY rowid").fetchall()
    examples = []
    for doc_id, text, lang in rows:
        who, layer = _teaching_layer(db, doc_id)
        spans = db.execute(
            'SELECT DISTINCT start, "end", label FROM spans WHERE document_id = ? '
            f"AND status = 'accepted'{who} ORDER BY start",
            [doc_id, *layer],
        ).fetchall()
        examples.append(Example(text, lang, tuple(map(tuple, spans))))
    return examples


def _teaching_layer(db: Database, doc_id: str) -> tuple[str, list[str]]:
    """Whose spans of a document teach the model, as a condition: the adjudicated gold layer
    where there is one, else one annotator who marked it done (first by name: the layers of
    two annotators overlap where they disagree), else everyone's (a database of one's own)."""
    gold = db.execute(
        "SELECT 1 FROM spans WHERE document_id = ? AND annotator = ? LIMIT 1",
        [doc_id, GOLD_ANNOTATOR],
    ).fetchone()
    if gold:
        return " AND annotator = ?", [GOLD_ANNOTATOR]
    done = db.execute(
        "SELECT annotator FROM reviews WHERE document_id = ? AND state = 'done' "
        "ORDER BY annotator LIMIT 1",
        [doc_id],
    ).fetchone()
    return (" AND annotator = ?", [done[0]]) if done else ("", [])


def trained_models(db: Database) -> list[TrainedModel]:
    """The models this database keeps, by language."""
    rows = db.execute(
        "SELECT lang, model, documents, spans FROM trained_models ORDER BY lang"
    ).fetchall()
    return [
        TrainedModel(lang, bytes(model), documents, spans) for lang, model, documents, spans in rows
    ]


def trained_identities(db: Database) -> list[tuple[str, str, int]]:
    """(language, identity, documents learned from) of each kept model, without reading the
    models themselves (the identity is stored beside each)."""
    return [
        tuple(row)
        for row in db.execute("SELECT lang, identity, documents FROM trained_models ORDER BY lang")
    ]


def save_models(db: Database, models: list[TrainedModel]) -> None:
    """Keep these models, each replacing its language's, in one transaction."""
    at = utc_now()
    with transaction(db):
        for model in models:
            db.execute(
                "INSERT OR REPLACE INTO trained_models "
                "(lang, model, identity, documents, spans, trained_at) VALUES (?, ?, ?, ?, ?, ?)",
                [model.lang, model.data, model.identity, model.documents, model.spans, at],
            )


def train_every(db: Database) -> int:
    """Reviewed documents between trainings in the app (store_state `train_every`)."""
    row = db.execute("SELECT value FROM store_state WHERE key = 'train_every'").fetchone()
    return int(row[0]) if row else TRAIN_EVERY


def set_train_every(db: Database, documents: int) -> None:
    with transaction(db):
        db.execute(
            "INSERT OR REPLACE INTO store_state (key, value) VALUES ('train_every', ?)",
            [str(documents)],
        )


def due_for_training(db: Database) -> bool:
    """Whether train_every documents were reviewed since the models were trained (or since
    none was)."""
    trained_on = db.execute("SELECT sum(documents) FROM trained_models").fetchone()[0] or 0
    reviewed = db.execute(f"SELECT count(*) {_REVIEWED}").fetchone()[0]
    return reviewed - trained_on >= train_every(db)
