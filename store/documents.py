"""Documents: adding them once by content, reading them, listing them in import order."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from store.events import record_event, utc_now
from talent.model import Document

_COLUMNS = "id, title, lang, source, text, sha256, imported_at, review_state, supersedes"


def find_by_sha256(db: Database, sha256: str) -> str | None:
    """The id of the document holding exactly this text, if any."""
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def add_document(db: Database, document: Document, annotator: str) -> None:
    """Insert a document; call inside a transaction after checking it is not there yet."""
    imported_at = document.imported_at or utc_now()
    db.execute(
        f"INSERT INTO documents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            document.id,
            document.title,
            document.lang,
            document.source,
            document.text,
            document.sha256,
            imported_at,
            document.review_state,
            document.supersedes,
        ],
    )
    summary = {"title": document.title, "lang": document.lang, "sha256": document.sha256}
    if document.supersedes:
        summary["supersedes"] = document.supersedes
    record_event(db, "import", "document", document.id, None, summary, annotator, imported_at)


# The condition that a document `d` is a current version: no newer version supersedes it.
CURRENT_VERSION = "NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id)"


def current_version(db: Database, source: str, lang: str) -> str | None:
    """The newest version (one nothing supersedes) of the document with this source and
    language, if any."""
    row = db.execute(
        f"SELECT id FROM documents d WHERE source = ? AND lang = ? AND {CURRENT_VERSION} "
        "ORDER BY rowid DESC LIMIT 1",
        [source, lang],
    ).fetchone()
    return row[0] if row else None


def get_document(db: Database, document_id: str) -> Document | None:
    """One document by id, or None."""
    row = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", [document_id]).fetchone()
    return Document(*row) if row else None


def list_documents(db: Database) -> list[Document]:
    """Every document, in the order they were imported."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM documents ORDER BY rowid")
    return [Document(*row) for row in rows]


class DocumentTitle(NamedTuple):
    """A document as lists show it, without its text."""

    id: str
    title: str
    lang: str
    superseded: bool  # a newer version of it exists


def document_titles(db: Database) -> list[DocumentTitle]:
    """Every document in import order, without loading their texts."""
    rows = db.execute(
        "SELECT id, title, lang, EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id) "
        "FROM documents d ORDER BY rowid"
    )
    return [DocumentTitle(doc_id, title, lang, bool(old)) for doc_id, title, lang, old in rows]
