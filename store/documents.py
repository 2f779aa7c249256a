"""Documents: adding them once by content, reading them, listing them in import order."""

from __future__ import annotations

from sqlite_utils import Database

from store.events import record_event, utc_now
from talent.model import Document

_COLUMNS = "id, title, lang, source, text, sha256, imported_at, review_state"


def find_by_sha256(db: Database, sha256: str) -> str | None:
    """The id of the document holding exactly this text, if any."""
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def add_document(db: Database, document: Document, annotator: str) -> None:
    """Insert a document; call inside a transaction after checking it is not there yet."""
    imported_at = document.imported_at or utc_now()
    db.execute(
        f"INSERT INTO documents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            document.id,
            document.title,
            document.lang,
            document.source,
            document.text,
            document.sha256,
            imported_at,
            document.review_state,
        ],
    )
    summary = {"title": document.title, "lang": document.lang, "sha256": document.sha256}
    record_event(db, "import", "document", document.id, None, summary, annotator, imported_at)


def get_document(db: Database, document_id: str) -> Document | None:
    """One document by id, or None."""
    row = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", [document_id]).fetchone()
    return Document(*row) if row else None


def list_documents(db: Database) -> list[Document]:
    """Every document, in the order they were imported."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM documents ORDER BY rowid")
    return [Document(*row) for row in rows]


def document_titles(db: Database) -> list[tuple[str, str, str]]:
    """(id, title, lang) of every document in import order, without loading their texts."""
    return [
        tuple(row) for row in db.execute("SELECT id, title, lang FROM documents ORDER BY rowid")
    ]
