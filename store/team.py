"""Bringing annotators' databases together: documents matched by the sha256 of their text,
entities by name, alias or the same name across scripts, and every span, claim and link kept
with its annotator. Merging the same file twice adds nothing; one transaction for all files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from sqlite_utils import Database

from store.connection import StoreError, open_database, row_dicts, transaction
from store.documents import CURRENT_VERSION
from store.entities import next_entity_id
from talent.names import name_keys, org_key
from talent.recognize.gazetteer import entry_for


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


def merge_databases(into: Database, into_path: Path, sources: list[Path]) -> MergeReport:
    """Merge each source database into `into`, all in one transaction."""
    report = MergeReport()
    for path in sources:
        if path.resolve() == into_path.resolve():
            raise MergeFailure(f"{path}: is the database merged into; name another with --into")
    with transaction(into):
        for path in sources:
            source, _ = open_database(path, create=False)
            try:
                _Merge(into, source, path, report).run()
            finally:
                source.close()
    return report


class _Merge:
    """One source database into the team database."""

    def __init__(self, into: Database, source: Database, path: Path, report: MergeReport) -> None:
        self.into, self.source, self.path, self.report = into, source, path, report
        # Work stored without a name is the work of the file's owner, named after the file.
        self.owner = path.stem
        self.entities: dict[str, str] = {}  # source entity id -> team entity id
        self.claims: dict[int, int] = {}  # source claim id -> team claim id

    def who(self, annotator: str) -> str:
        return annotator or self.owner

    def run(self) -> None:
        self.workers = self._workers()
        # Current versions only: an old version's annotations were carried to the new one.
        documents = list(
            row_dicts(self.source.execute(f"SELECT * FROM documents d WHERE {CURRENT_VERSION}"))
        )
        for document in documents:
            self._document(document)
        self._entities()
        ids = [d["id"] for d in documents]
        self._spans(ids)
        self._claims(ids)
        self._links(ids)

    def _document(self, document: dict) -> None:
        found = self.into.execute(
            "SELECT 1 FROM documents WHERE sha256 = ?", [document["sha256"]]
        ).fetchone()
        if found:
            self.report.documents_matched += 1
        else:
            clash = self.into.execute(
                f"SELECT title FROM documents d WHERE source = ? AND lang = ? AND {CURRENT_VERSION}",
                [document["source"], document["lang"]],
            ).fetchone()
            if clash and document["source"]:
                raise MergeFailure(
                    f"{self.path}: «{document['title']}» ({document['source']}) has another text "
                    "than the document of that source already merged; annotators must work on "
                    "the same version of each article (nothing was merged)"
                )
            self.into.execute(
                "INSERT INTO documents (id, title, lang, source, text, sha256, imported_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    document["id"],
                    document["title"],
                    document["lang"],
                    document["source"],
                    document["text"],
                    document["sha256"],
                    document["imported_at"],
                ],
            )
            self.report.documents_added += 1
        if document["review_state"] != "new":
            for annotator in self.workers.get(document["id"]) or {self.owner}:
                self.into.execute(
                    "INSERT OR REPLACE INTO reviews (document_id, annotator, state) "
                    "VALUES (?, ?, ?)",
                    [document["id"], annotator, document["review_state"]],
                )

    def _workers(self) -> dict[str, set[str]]:
        """Who worked on each document of the source (named by `who`)."""
        workers: dict[str, set[str]] = {}
        for doc_id, name in self.source.execute(
            "SELECT document_id, annotator FROM spans WHERE status != 'suggested' UNION "
            "SELECT document_id, annotator FROM claims UNION "
            "SELECT document_id, annotator FROM links"
        ):
            workers.setdefault(doc_id, set()).add(self.who(name))
        return workers

    # -- entities ------------------------------------------------------------------------

    def _entities(self) -> None:
        known = _EntityIndex(self.into)
        for row in row_dicts(self.source.execute("SELECT * FROM entities ORDER BY rowid")):
            aliases = json.loads(row["aliases"])
            team_id = known.find(row["label"], [row["name"], *aliases])
            if team_id is None:
                team_id = known.add(row["label"], row["name"], aliases)
                self.report.entities_added += 1
            else:
                known.add_aliases(team_id, [row["name"], *aliases])
            self.entities[row["id"]] = team_id

    # -- annotations ----------------------------------------------------------------------

    _SPAN_COLUMNS = (
        "document_id", "start", "end", "label", "quote", "status", "origin", "entity_id", "value",
        "annotator", "created_at", "updated_at",
    )  # fmt: skip

    def _spans(self, doc_ids: list[str]) -> None:
        # Spans are the bulk of a merge: what the team database has is read once, and the new
        # ones are inserted in one batch.
        columns = ", ".join(f'"{c}"' for c in self._SPAN_COLUMNS)
        key_of = itemgetter(0, 1, 2, 3, 5, 9)  # document, start, end, label, status, annotator
        have = {
            key_of(row)
            for row in self.into.execute(
                f"SELECT {columns} FROM spans WHERE document_id IN (SELECT value FROM json_each(?))",
                [json.dumps(doc_ids)],
            )
        }
        new = []
        for row in self.source.execute(
            f"SELECT {columns} FROM spans WHERE status != 'suggested' AND document_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(doc_ids)],
        ):
            row = list(row)
            row[7] = self.entities.get(row[7])
            row[9] = self.who(row[9])
            self.report.annotators.add(row[9])
            if key_of(row) not in have:
                have.add(key_of(row))
                new.append(row)
        marks = ", ".join("?" for _ in self._SPAN_COLUMNS)
        self.into.conn.executemany(f"INSERT INTO spans ({columns}) VALUES ({marks})", new)
        self.report.spans += len(new)

    def _claims(self, doc_ids: list[str]) -> None:
        for row in self._rows(
            "SELECT * FROM claims WHERE document_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY id",
            doc_ids,
        ):
            values = {
                "document_id": row["document_id"],
                "start": row["start"],
                "end": row["end"],
                "quote": row["quote"],
                "category": row["category"],
                "status": row["status"],
                "attributed_to": self.entities.get(row["attributed_to"]),
                "note": row["note"],
                "annotator": self.who(row["annotator"]),
                "created_at": row["created_at"],
                "updated_at": row["updated_at"],
            }
            key = ("document_id", "start", "end", "category", "annotator")
            claim_id = self._find("claims", values, key)
            if claim_id is None:
                claim_id = self._insert("claims", values)
                self.report.claims += 1
            self.claims[row["id"]] = claim_id
            for (entity,) in self.source.execute(
                "SELECT entity_id FROM claim_entities WHERE claim_id = ?", [row["id"]]
            ):
                self.into.execute(
                    "INSERT OR IGNORE INTO claim_entities (claim_id, entity_id) VALUES (?, ?)",
                    [claim_id, self.entities[entity]],
                )
            self.report.annotators.add(values["annotator"])

    def _links(self, doc_ids: list[str]) -> None:
        for row in self._rows(
            "SELECT * FROM links WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            doc_ids,
        ):
            values = {
                "document_id": row["document_id"],
                "person": self.entities[row["person"]],
                "org": self.entities[row["org"]],
                "relation": row["relation"],
                "evidence": self.claims.get(row["evidence"]),
                "date": row["date"],
                "amount": row["amount"],
                "note": row["note"],
                "annotator": self.who(row["annotator"]),
                "created_at": row["created_at"],
                "updated_at": row["updated_at"],
            }
            key = ("document_id", "person", "org", "relation", "annotator")
            if self._find("links", values, key) is None:
                self._insert("links", values)
                self.report.links += 1
            self.report.annotators.add(values["annotator"])

    def _rows(self, sql: str, doc_ids: list[str]):
        return row_dicts(self.source.execute(sql, [json.dumps(doc_ids)]))

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
    order), or by an organization's normalised name or gazetteer entry."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.by_key: dict[tuple, str] = {}
        self.aliases: dict[str, list[str]] = {}
        for id_, label, name, aliases in db.execute(
            "SELECT id, label, name, aliases FROM entities"
        ):
            self._index(id_, label, [name, *json.loads(aliases)])

    def _keys(self, label: str, name: str) -> list[tuple]:
        keys: list[tuple] = [(label, "name", name)]
        if label == "PERSON":
            keys += [(label, "pinyin", *key) for key in name_keys(name)]
        elif label == "ORG":
            keys.append((label, "org", org_key(name)))
            if entry := entry_for("ORG", name):
                keys.append((label, "entry", entry.name))
        return keys

    def _index(self, id_: str, label: str, names: list[str]) -> None:
        self.aliases.setdefault(id_, [])
        for name in names:
            if name not in self.aliases[id_]:
                self.aliases[id_].append(name)
            for key in self._keys(label, name):
                self.by_key.setdefault(key, id_)

    def find(self, label: str, names: list[str]) -> str | None:
        # Exact names first: a pinyin key is a weaker sign than the name itself.
        for kind in ("name", None):
            for name in names:
                for key in self._keys(label, name):
                    if (kind is None or key[1] == kind) and key in self.by_key:
                        return self.by_key[key]
        return None

    def add(self, label: str, name: str, aliases: list[str]) -> str:
        id_ = next_entity_id(self.db)
        names = list(dict.fromkeys([name, *aliases]))
        self.db.execute(
            "INSERT INTO entities (id, label, name, aliases) VALUES (?, ?, ?, ?)",
            [id_, label, name, json.dumps(names, ensure_ascii=False)],
        )
        self._index(id_, label, names)
        return id_

    def add_aliases(self, id_: str, names: list[str]) -> None:
        label = self.db.execute("SELECT label FROM entities WHERE id = ?", [id_]).fetchone()[0]
        before = list(self.aliases[id_])
        self._index(id_, label, names)
        if self.aliases[id_] != before:
            self.db.execute(
                "UPDATE entities SET aliases = ? WHERE id = ?",
                [json.dumps(self.aliases[id_], ensure_ascii=False), id_],
            )
