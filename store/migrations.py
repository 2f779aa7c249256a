"""Numbered schema migrations, applied in order and recorded in the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from sqlite_utils import Database

from talent import __version__

Migration = Callable[[], str]
MIGRATIONS: list[tuple[str, str]] = []


def migration(fn: Migration) -> Migration:
    """Register a migration (a function returning its SQL); its number is its place in this file."""
    MIGRATIONS.append((fn.__name__, fn()))
    return fn


@migration
def m001_core_tables() -> str:
    return """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            lang TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL,
            review_state TEXT NOT NULL DEFAULT 'new',
            supersedes TEXT REFERENCES documents(id)
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            quote TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'suggested'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            origin TEXT NOT NULL DEFAULT 'user',
            entity_id TEXT REFERENCES entities(id),
            value TEXT,
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX spans_by_document ON spans(document_id, start);
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT 'other',
            status TEXT NOT NULL DEFAULT 'unverified',
            attributed_to TEXT REFERENCES entities(id),
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX claims_by_document ON claims(document_id, start);
        CREATE TABLE claim_entities (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            PRIMARY KEY (claim_id, entity_id)
        );
        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            person TEXT NOT NULL REFERENCES entities(id),
            org TEXT NOT NULL REFERENCES entities(id),
            relation TEXT NOT NULL,
            evidence INTEGER REFERENCES claims(id) ON DELETE SET NULL,
            date TEXT,
            amount TEXT,
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX links_by_document ON links(document_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            annotator TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL,
            row_id TEXT,
            before TEXT,
            after TEXT
        );
        """


@migration
def m002_document_search() -> str:
    # Trigram tokens find Chinese words, which the default tokenizer cannot split.
    return """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid', tokenize='trigram'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """


@migration
def m003_suggestion_runs() -> str:
    # One row per document and recognizer: suggestions are computed once per version.
    return """
        CREATE TABLE suggestion_runs (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            recognizer TEXT NOT NULL,
            version TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (document_id, recognizer)
        );
        """


@migration
def m004_lexicon() -> str:
    # Texts users accepted or labelled: suggested everywhere, and taught to jieba.
    return """
        CREATE TABLE lexicon (
            text TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            annotator TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        """


@migration
def m005_user_actions() -> str:
    # Every change is logged under the user action that made it: undo and redo replay a group.
    return """
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            annotator TEXT NOT NULL,
            description TEXT NOT NULL,
            undoable INTEGER NOT NULL DEFAULT 1,
            state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded')),
            undone_at TEXT
        );
        ALTER TABLE events ADD COLUMN action_id INTEGER REFERENCES actions(id);
        CREATE INDEX events_by_action ON events(action_id);
        CREATE INDEX actions_by_state ON actions(annotator, state);
        CREATE INDEX entities_by_name ON entities(label, name);
        """


@migration
def m006_store_state() -> str:
    # Facts about the database itself, such as a seed load still to finish.
    return """
        CREATE TABLE store_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """


@migration
def m007_reanchoring() -> str:
    # How each annotation of a superseded version was carried into the version after it: new_id
    # is its copy there, or NULL when it could not be placed (an orphan, kept on the old version).
    return """
        CREATE TABLE reanchoring (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('span', 'claim', 'link')),
            old_id INTEGER NOT NULL,
            new_id INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (document_id, kind, old_id)
        );
        CREATE INDEX documents_by_source ON documents(source, lang);
        CREATE INDEX documents_by_supersedes ON documents(supersedes);
        """


@migration
def m008_identities_and_claim_relations() -> str:
    # Proposals that two entities are one which the user refused (document_id '' for the whole
    # corpus, else a surname-only mention in that document), so they are not proposed again;
    # and claims of different documents said to be the same or to contradict each other.
    return """
        CREATE TABLE identity_refusals (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            document_id TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            PRIMARY KEY (a, b, document_id)
        );
        CREATE TABLE claim_relations (
            a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('same', 'contradicts')),
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            PRIMARY KEY (a, b),
            CHECK (a < b)
        );
        """


@migration
def m009_reviews() -> str:
    # Each annotator's review state of a document, brought together by a merge of their
    # databases (a database of one's own keeps it on the document).
    return """
        CREATE TABLE reviews (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('new', 'in_progress', 'done')),
            PRIMARY KEY (document_id, annotator)
        );
        """


@migration
def m010_merged_files() -> str:
    # Which database each annotator of a team database came from: a name given to one
    # annotator's file is never given to another's.
    return """
        CREATE TABLE merged_files (
            annotator TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            path TEXT NOT NULL,
            merged_at TEXT NOT NULL
        );
        """


@migration
def m011_trained_models() -> str:
    # The model learned from the annotators' accepted spans, a row per language, kept with the
    # database it was learned from (`talent-tui train`).
    return """
        CREATE TABLE trained_models (
            lang TEXT PRIMARY KEY,
            model BLOB NOT NULL,
            identity TEXT NOT NULL,
            documents INTEGER NOT NULL,
            spans INTEGER NOT NULL,
            trained_at TEXT NOT NULL
        );
        """


@migration
def m012_team_server() -> str:
    # Who may log in to `talent-tui serve` (a password hash, never the password) and with which
    # role; and which documents each annotator is assigned. Once a database has users it is
    # shared: each annotator works in a layer of their own (store/layers.py).
    return """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            password TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('annotator', 'manager')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE assignments (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            assigned_by TEXT NOT NULL,
            assigned_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator)
        );
        CREATE INDEX assignments_by_annotator ON assignments(annotator);
        """


@migration
def m013_span_lengths() -> str:
    # The longest span of a document in one index step: a text learned on accept is suggested
    # where no span overlaps it, and which spans can overlap an occurrence depends on how long
    # the document's spans get. Reading every span instead cost 5-20 ms a key on 1 MB.
    return """
        CREATE INDEX spans_by_length ON spans(document_id, ("end" - start));
        """


class SchemaError(Exception):
    """A database this version cannot use; the message is for the user."""


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations this database has recorded, in order."""
    if "_migrations" not in db.table_names():
        return []
    return [row[0] for row in db.execute("SELECT name FROM _migrations ORDER BY number")]


def check_known(db: Database) -> None:
    """Refuse a database whose schema a newer talent-tui wrote: writing to it could break it."""
    if "_migrations" not in db.table_names():
        return
    known = {name for name, _ in MIGRATIONS}
    columns = {column.name for column in db["_migrations"].columns}
    version = "version" if "version" in columns else "''"
    unknown = db.execute(f"SELECT name, {version} FROM _migrations ORDER BY number DESC").fetchall()
    unknown = [(name, by) for name, by in unknown if name not in known]
    if unknown:
        name, by = unknown[0]
        raise SchemaError(
            f"written by a newer talent-tui{f' ({by})' if by else ''}: schema step {name} is "
            f"unknown to talent-tui {__version__}; upgrade talent-tui to open it"
        )


def pending_migrations(db: Database) -> list[str]:
    """Names of the migrations this database still needs."""
    done = set(applied_migrations(db))
    return [name for name, _ in MIGRATIONS if name not in done]


def apply_migrations(db: Database, new_state: dict[str, str] | None = None) -> list[str]:
    """Apply every migration not yet recorded, all in one transaction; return their names.
    A database this call creates gets `new_state` in its store_state, in the same transaction.

    What is applied is decided under the write lock, so processes that open a new database at
    the same moment do not apply the same step twice; and a kill mid-way leaves the database as
    it was before."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (number INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL, version TEXT NOT NULL DEFAULT '')"
        )
        if "version" not in {column.name for column in db["_migrations"].columns}:
            db.execute("ALTER TABLE _migrations ADD COLUMN version TEXT NOT NULL DEFAULT ''")
        done = set(applied_migrations(db))
        applied = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for number, (name, sql) in enumerate(MIGRATIONS, start=1):
            if name in done:
                continue
            for statement in _statements(sql):
                db.execute(statement)
            db.execute(
                "INSERT INTO _migrations (number, name, applied_at, version) VALUES (?, ?, ?, ?)",
                [number, name, now, f"talent-tui {__version__}"],
            )
            applied.append(name)
        if "m001_core_tables" in applied:
            for key, value in (new_state or {}).items():
                db.execute("INSERT INTO store_state (key, value) VALUES (?, ?)", [key, value])
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return applied


def _statements(script: str) -> list[str]:
    """A script's statements, one by one (a trigger body's semicolons stay inside it)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
