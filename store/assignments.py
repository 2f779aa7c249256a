"""Which documents each annotator of a shared database is to annotate: chosen by title glob,
review state or folder, dealt round-robin so that each document gets as many annotators as it
needs; an annotator's queue; and everyone's progress, as a manager sees it."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from sqlite_utils import Database

from store.connection import StoreError, transaction
from store.documents import CURRENT_VERSION
from store.events import utc_now
from store.users import get_user
from talent.model import REVIEW_STATES


@dataclass(frozen=True)
class Choice:
    """Which documents to assign; empty fields choose every current document."""

    title: str = ""  # a glob over titles, such as 'Meta*'
    state: str = ""  # a review state: new, in_progress or done
    folder: str = ""  # a folder the documents were imported from (their source's path)


@dataclass(frozen=True)
class UserProgress:
    """One user's role and assigned documents, by their own review state."""

    annotator: str
    role: str
    assigned: int
    in_progress: int
    done: int


def chosen_documents(db: Database, choice: Choice) -> list[str]:
    """Ids of the current documents the choice takes, in import order."""
    if choice.state and choice.state not in REVIEW_STATES:
        raise StoreError(f"unknown review state {choice.state!r}: {', '.join(REVIEW_STATES)}")
    folder = choice.folder.strip("/")
    chosen = []
    for doc_id, title, state, source in db.execute(
        f"SELECT id, title, review_state, source FROM documents d WHERE {CURRENT_VERSION} "
        "ORDER BY rowid"
    ):
        if choice.title and not fnmatch.fnmatchcase(title, choice.title):
            continue
        if choice.state and state != choice.state:
            continue
        if folder and not source.startswith(folder + "/"):
            continue
        chosen.append(doc_id)
    return chosen


def assign(
    db: Database, documents: list[str], annotators: list[str], per_document: int, by: str
) -> int:
    """Deal the documents to the annotators round-robin, `per_document` annotators each (the
    next annotators in turn, so the work is even); return how many assignments are new.
    Assigning again what is assigned adds nothing."""
    if not annotators:
        raise StoreError("assign to whom? name one annotator or more")
    unknown = [a for a in annotators if get_user(db, a) is None]
    if unknown:
        raise StoreError(
            f"no such user: {', '.join(unknown)} (add them with `talent-tui users add`)"
        )
    if not 1 <= per_document <= len(annotators):
        raise StoreError(
            f"each document can get 1 to {len(annotators)} annotator(s) of the {len(annotators)} "
            f"named, not {per_document}"
        )
    if not documents:
        raise StoreError("no document matches: nothing assigned")
    at = utc_now()
    added = 0
    turn = 0
    with transaction(db):
        for doc_id in documents:
            for _ in range(per_document):
                who = annotators[turn % len(annotators)]
                turn += 1
                added += db.execute(
                    "INSERT OR IGNORE INTO assignments (document_id, annotator, assigned_by, "
                    "assigned_at) VALUES (?, ?, ?, ?)",
                    [doc_id, who, by, at],
                ).rowcount
    return added


def queue(db: Database, annotator: str) -> list[str]:
    """The current documents assigned to this annotator that they have not marked done, in
    import order."""
    return [
        row[0]
        for row in db.execute(
            "SELECT d.id FROM assignments a JOIN documents d ON d.id = a.document_id "
            f"WHERE a.annotator = ? AND {CURRENT_VERSION} AND NOT EXISTS (SELECT 1 FROM reviews r "
            "WHERE r.document_id = d.id AND r.annotator = a.annotator AND r.state = 'done') "
            "ORDER BY d.rowid",
            [annotator],
        )
    ]


def has_assignments(db: Database, annotator: str) -> bool:
    return bool(
        db.execute("SELECT 1 FROM assignments WHERE annotator = ? LIMIT 1", [annotator]).fetchone()
    )


def progress(db: Database) -> list[UserProgress]:
    """Every user's role, assigned documents and how far they are, by name (users with none
    too)."""
    rows = db.execute(
        "SELECT u.name, u.role, COUNT(a.document_id), "
        "SUM(r.state = 'in_progress'), SUM(r.state = 'done') FROM users u "
        "LEFT JOIN assignments a ON a.annotator = u.name "
        "LEFT JOIN reviews r ON r.document_id = a.document_id AND r.annotator = u.name "
        "GROUP BY u.name ORDER BY u.name"
    )
    return [
        UserProgress(name, role, n, started or 0, done or 0)
        for name, role, n, started, done in rows
    ]
