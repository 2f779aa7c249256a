"""Bringing annotators' databases together. Each file is opened read-only and checked as an
import is; all its work belongs to the one annotator it is merged as, never to `gold` nor to
an annotator another file brought. Documents match by the sha256 of their text, entities by
name or the same name across scripts (an annotator's aliases are theirs and change nobody
else's mentions). Merging the same file twice adds nothing; one transaction for all files."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from store.connection import (
    StoreError,
    check_intact,
    database_id,
    database_on,
    open_read_only,
    transaction,
)
from store.documents import CURRENT_VERSION
from store.entities import next_entity_id
from store.events import utc_now
from store.export import Selection, iter_lines
from store.migrations import SchemaError, check_known, pending_migrations
from talent.model import DEFAULT_MAX_DOCUMENT_MB, GOLD_ANNOTATOR, Entity
from talent.names import name_keys, org_key
from talent.recognize.gazetteer import entry_for
from talent.records import DocumentRecord, RecordError, parse_record
from talent.strict_json import parse_line
from talent.textio import document_id_for

# The tables a merge reads: each must be a table, not a view that could run forever.
READ_TABLES = ("documents", "entities", "spans", "claims", "claim_entities", "links")
# Reading one annotator's file may take this long; a query that runs on is stopped.
QUERY_SECONDS = 120.0


class MergeFailure(StoreError):
    """A merge that cannot be done; nothing was written. The message is for the user."""


@dataclass
class MergeReport:
    """What a merge brought in."""

    documents_added: int = 0
    documents_matched: int = 0
    entities_added: int = 0
    spans: int = 0
    claims: int = 0
    links: int = 0
    annotators: set[str] = field(default_factory=set)


def merge_databases(
    into: Database,
    into_path: Path,
    sources: list[Path],
    names: list[str] | None = None,
    max_mb: float = DEFAULT_MAX_DOCUMENT_MB,
    seconds: float = QUERY_SECONDS,
) -> MergeReport:
    """Merge each source database into `into`, all in one transaction; source i is merged as
    annotator names[i] (default: its file name without the extension)."""
    names = names or [path.stem for path in sources]
    if len(names) != len(sources):
        raise MergeFailure(f"{len(sources)} database(s) but {len(names)} --as name(s)")
    report = MergeReport()
    for path in sources:
        if path.resolve() == into_path.resolve():
            raise MergeFailure(f"{path}: is the database merged into; name another with --into")
    with transaction(into):
        for path, name in zip(sources, names, strict=True):
            try:
                source = open_source(path, seconds)
                try:
                    records = _read(source, path, max_mb)
                    annotator = _merged_as(into, source, path, name)
                finally:
                    source.close()
            except sqlite3.OperationalError as error:
                if "interrupted" not in str(error):
                    raise MergeFailure(f"{path}: cannot be read ({error})") from error
                raise MergeFailure(
                    f"{path}: reading it took over {seconds:g} s (a damaged or hostile file); "
                    "nothing was merged"
                ) from error
            _Merge(into, path, annotator, report).run(records)
    return report


def open_source(path: Path, seconds: float) -> Database:
    """An annotator's database, opened so that nothing can be written to it, checked to be an
    intact talent-tui database of this version whose tables are tables; every query on it is
    stopped after `seconds`."""
    if not path.is_file():
        raise MergeFailure(f"{path}: no such database")
    try:
        conn = open_read_only(path)
    except sqlite3.Error as error:
        raise MergeFailure(f"{path}: cannot be opened ({error})") from error
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
    db = database_on(conn)
    try:
        kinds = dict(conn.execute("SELECT name, type FROM sqlite_master"))
        if "_migrations" not in kinds:
            raise MergeFailure(f"{path}: not a talent-tui database")
        check_known(db)
        if pending_migrations(db):
            raise MergeFailure(
                f"{path}: written by an older talent-tui; open it once with this version "
                f"(talent-tui --db {path} stats) and merge again"
            )
        wrong = [name for name in READ_TABLES if kinds.get(name) != "table"]
        if wrong:
            raise MergeFailure(f"{path}: {', '.join(wrong)} is not a table; not merged")
        check_intact(db, path)
    except (sqlite3.OperationalError, StoreError):
        db.close()
        raise
    except (sqlite3.DatabaseError, SchemaError) as error:
        db.close()
        raise MergeFailure(f"{path}: cannot be read ({error})") from error
    return db


def _read(source: Database, path: Path, max_mb: float) -> list[tuple[DocumentRecord, str]]:
    """Each current document of the source as a record checked as an import checks a native
    line (offsets, labels, values, ids, sizes), with its review state."""
    states = dict(source.execute("SELECT id, review_state FROM documents"))
    current = [
        row[0] for row in source.execute(f"SELECT id FROM documents d WHERE {CURRENT_VERSION}")
    ]
    records = []
    for line in iter_lines(source, Selection(superseded=False), current):
        if len(line) > max_mb * 1_000_000:
            raise MergeFailure(
                f"{path}: a document of over {max_mb:g} MB, more than an import takes; not merged"
            )
        head: object = {}
        try:
            head = parse_line(line)
            record = parse_record(head, "", "")
        except RecordError as error:
            # The title, when the line parsed at all (reading it again could fail as it did).
            title = head.get("title") if isinstance(head, dict) else None
            shown = title[:80] if isinstance(title, str) else "a document"
            raise MergeFailure(f"{path}: «{shown}»: {error}; nothing was merged") from None
        records.append((record, states[record.document.id]))
    return records


def _merged_as(into: Database, source: Database, path: Path, name: str) -> str:
    """The annotator the file's work belongs to: never gold, never a name that another file
    (or work done in the team database itself) already holds."""
    name = name.strip()
    if not name or not name.isprintable() or len(name) > 200:
        raise MergeFailure(f"{path}: {name!r} cannot name an annotator; give --as NAME")
    if name == GOLD_ANNOTATOR:
        raise MergeFailure(
            f"{path}: cannot be merged as {GOLD_ANNOTATOR!r}, the adjudicated layer; give --as NAME"
        )
    origin = database_id(source) or f"path:{path.resolve()}"
    row = into.execute(
        "SELECT origin, path FROM merged_files WHERE annotator = ?", [name]
    ).fetchone()
    if row is not None and row[0] != origin:
        raise MergeFailure(
            f"{path}: {name!r} is already in the team, from another database ({row[1]}); "
            "merge this one with --as another name"
        )
    if row is None and _has_work(into, name):
        raise MergeFailure(
            f"{path}: {name!r} already has work in the team database itself; merge this one "
            "with --as another name"
        )
    into.execute(
        "INSERT OR REPLACE INTO merged_files (annotator, origin, path, merged_at) "
        "VALUES (?, ?, ?, ?)",
        [name, origin, str(path), utc_now()],
    )
    return name


def _has_work(db: Database, name: str) -> bool:
    return any(
        db.execute(f"SELECT 1 FROM {table} WHERE annotator = ? LIMIT 1", [name]).fetchone()
        for table in ("spans", "claims", "links", "reviews")
    )


class _Merge:
    """One source database's checked records into the team database, as one annotator."""

    def __init__(self, into: Database, path: Path, annotator: str, report: MergeReport) -> None:
        self.into, self.path, self.annotator, self.report = into, path, annotator, report
        self.index = _EntityIndex(into)
        self.entities: dict[str, str] = {}  # source entity id -> team entity id

    def run(self, records: list[tuple[DocumentRecord, str]]) -> None:
        for record, state in records:
            doc_id = self._document(record)
            if state != "new":
                self.into.execute(
                    "INSERT OR REPLACE INTO reviews (document_id, annotator, state) "
                    "VALUES (?, ?, ?)",
                    [doc_id, self.annotator, state],
                )
            for entity in record.entities:
                self._entity(entity)
            self._annotations(record, doc_id)

    def _document(self, record: DocumentRecord) -> str:
        """The team's id of the record's document: found by its text's hash, else added."""
        document = record.document
        found = self.into.execute(
            "SELECT id FROM documents WHERE sha256 = ?", [document.sha256]
        ).fetchone()
        if found:
            self.report.documents_matched += 1
            return found[0]
        clash = self.into.execute(
            f"SELECT title FROM documents d WHERE source = ? AND lang = ? AND {CURRENT_VERSION}",
            [document.source, document.lang],
        ).fetchone()
        if clash and document.source:
            raise MergeFailure(
                f"{self.path}: «{document.title}» ({document.source}) has another text "
                "than the document of that source already merged; annotators must work on "
                "the same version of each article (nothing was merged)"
            )
        # The file's id is only a hint: another document may hold it in the team.
        doc_id = document.id
        for candidate in (document.id, document_id_for(document.sha256), document.sha256):
            if not self.into.execute(
                "SELECT 1 FROM documents WHERE id = ?", [candidate]
            ).fetchone():
                doc_id = candidate
                break
        self.into.execute(
            "INSERT INTO documents (id, title, lang, source, text, sha256, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [doc_id, document.title, document.lang, document.source, document.text,
             document.sha256, utc_now()],
        )  # fmt: skip
        self.report.documents_added += 1
        return doc_id

    def _entity(self, entity: Entity) -> None:
        if entity.id in self.entities:
            return
        team_id = self.index.find(entity.label, entity.name)
        if team_id is None:
            team_id = self.index.add(entity.label, entity.name)
            self.report.entities_added += 1
        else:
            # The name that matched (Shengjia Zhao for 赵盛佳) is kept as a spelling of it.
            self.into.execute(
                "UPDATE entities SET aliases = json_insert(aliases, '$[#]', ?) WHERE id = ? "
                "AND name != ?1 AND NOT EXISTS (SELECT 1 FROM json_each(aliases) WHERE value = ?1)",
                [entity.name, team_id],
            )
        self.entities[entity.id] = team_id

    def _annotations(self, record: DocumentRecord, doc_id: str) -> None:
        now = utc_now()
        who = self.annotator
        # Spans are the bulk of a merge: the team's are read once, the new ones go in one batch.
        have = set(
            self.into.execute(
                'SELECT start, "end", label, status FROM spans WHERE document_id = ? '
                "AND annotator = ?",
                [doc_id, who],
            ).fetchall()
        )
        new = []
        for span in record.spans:
            key = (span.start, span.end, span.label, span.status)
            # Machine suggestions are made again in the team database.
            if span.status == "suggested" or key in have:
                continue
            have.add(key)
            value = None if span.value is None else json.dumps(span.value, ensure_ascii=False)
            new.append(
                (doc_id, *key, span.quote, span.origin, self.entities.get(span.entity), value,
                 who, now, now)
            )  # fmt: skip
        self.into.conn.executemany(
            'INSERT INTO spans (document_id, start, "end", label, status, quote, origin, '
            "entity_id, value, annotator, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new,
        )
        self.report.spans += len(new)
        if any(span.status != "suggested" for span in record.spans):
            self.report.annotators.add(who)
        claims: dict[int, int] = {}
        for claim in record.claims:
            values = {
                "document_id": doc_id, "start": claim.start, "end": claim.end,
                "quote": claim.quote, "category": claim.category, "status": claim.status,
                "attributed_to": self.entities.get(claim.attributed_to), "note": claim.note,
                "annotator": who, "created_at": now, "updated_at": now,
            }  # fmt: skip
            key = ("document_id", "start", "end", "category", "annotator")
            claim_id = self._find("claims", values, key)
            if claim_id is None:
                claim_id = self._insert("claims", values)
                self.report.claims += 1
            claims[claim.id] = claim_id
            for entity in claim.entities:
                self.into.execute(
                    "INSERT OR IGNORE INTO claim_entities (claim_id, entity_id) VALUES (?, ?)",
                    [claim_id, self.entities[entity]],
                )
            self.report.annotators.add(who)
        for link in record.links:
            values = {
                "document_id": doc_id, "person": self.entities[link.person],
                "org": self.entities[link.org], "relation": link.relation,
                "evidence": claims.get(link.evidence), "date": link.date,
                "amount": None if link.amount is None else json.dumps(link.amount, ensure_ascii=False),
                "note": link.note, "annotator": who, "created_at": now, "updated_at": now,
            }  # fmt: skip
            key = ("document_id", "person", "org", "relation", "annotator")
            if self._find("links", values, key) is None:
                self._insert("links", values)
                self.report.links += 1
            self.report.annotators.add(who)

    def _find(self, table: str, values: dict, key: tuple[str, ...]) -> int | None:
        where = " AND ".join(f'"{column}" IS ?' for column in key)
        row = self.into.execute(
            f"SELECT id FROM {table} WHERE {where}", [values[c] for c in key]
        ).fetchone()
        return None if row is None else row[0]

    def _insert(self, table: str, values: dict) -> int:
        columns = ", ".join(f'"{column}"' for column in values)
        marks = ", ".join("?" for _ in values)
        cursor = self.into.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        return cursor.lastrowid


class _EntityIndex:
    """The team database's entities, found by name or alias, by a Chinese name's pinyin (either
    order), or by an organization's normalised name or gazetteer entry. A merged annotator's
    entity is found by its name only: its aliases are that annotator's and change no one else's
    mentions (the team settles them in adjudication)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.by_key: dict[tuple, str] = {}
        for id_, label, name, aliases in db.execute(
            "SELECT id, label, name, aliases FROM entities"
        ):
            for alias in dict.fromkeys([name, *json.loads(aliases)]):
                for key in self._keys(label, alias):
                    self.by_key.setdefault(key, id_)

    def _keys(self, label: str, name: str) -> list[tuple]:
        keys: list[tuple] = [(label, "name", name)]
        if label == "PERSON":
            keys += [(label, "pinyin", *key) for key in name_keys(name)]
        elif label == "ORG":
            keys.append((label, "org", org_key(name)))
            if entry := entry_for("ORG", name):
                keys.append((label, "entry", entry.name))
        return keys

    def find(self, label: str, name: str) -> str | None:
        keys = self._keys(label, name)
        # The name itself first: a pinyin key is a weaker sign than the name.
        return next((self.by_key[key] for key in keys if key in self.by_key), None)

    def add(self, label: str, name: str) -> str:
        id_ = next_entity_id(self.db)
        self.db.execute(
            "INSERT INTO entities (id, label, name, aliases) VALUES (?, ?, ?, ?)",
            [id_, label, name, json.dumps([name], ensure_ascii=False)],
        )
        for key in self._keys(label, name):
            self.by_key.setdefault(key, id_)
        return id_
