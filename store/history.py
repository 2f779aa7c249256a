"""User actions and their history: one `user_action` block is one transaction whose every
insert, update and delete is logged with full before and after rows under one action id, so
undo and redo replay a whole action (an `A` over forty occurrences is one step), across restarts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from store.connection import row_dicts, transaction
from store.events import current_annotator, utc_now

# The primary key of every table a user action may change.
KEYS: dict[str, tuple[str, ...]] = {
    "spans": ("id",),
    "claims": ("id",),
    "claim_entities": ("claim_id", "entity_id"),
    "links": ("id",),
    "entities": ("id",),
    "lexicon": ("text",),
    "documents": ("id",),
    "identity_refusals": ("a", "b", "document_id"),
    "claim_relations": ("a", "b"),
    "reviews": ("document_id", "annotator"),
}

# A document's text never changes, so its log rows keep only what an action may change.
LOGGED_COLUMNS: dict[str, str] = {"documents": "id, review_state"}

Row = dict[str, Any]


class HistoryError(Exception):
    """Nothing to undo or redo, or a row changed since; the message is for the user."""


@dataclass(frozen=True)
class RowChange:
    """One row before and after a change: before None is an insert, after None a delete."""

    table: str
    before: Row | None
    after: Row | None

    @property
    def row(self) -> Row:
        """The row as it is now, or as it was if deleted."""
        return self.after if self.after is not None else self.before


@dataclass
class UserAction:
    """The writes of one user action; every change goes through it and is logged."""

    db: Database
    annotator: str
    description: str
    at: str
    action_id: int = 0
    changes: list[RowChange] = field(default_factory=list)
    message: str = ""

    def read(self, table: str, key: Row) -> Row | None:
        """The row with this key, as a dict, or None."""
        where = " AND ".join(f'"{column}" = ?' for column in key)
        columns = LOGGED_COLUMNS.get(table, "*")
        cursor = self.db.execute(f"SELECT {columns} FROM {table} WHERE {where}", list(key.values()))
        return next(row_dicts(cursor), None)

    def insert(self, table: str, values: Row) -> Row:
        """Insert a row and log it; returns the row as stored (with its new id)."""
        columns = ", ".join(f'"{column}"' for column in values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        key = {column: values.get(column) for column in KEYS[table]}
        if key.get("id") is None and "id" in key:
            key["id"] = cursor.lastrowid
        after = self.read(table, key)
        self._log(table, None, after)
        return after

    def update(self, table: str, key: Row, changes: Row) -> Row:
        """Change some columns of a row and log it; returns the row after."""
        before = self.read(table, key)
        if before is None:
            raise HistoryError(f"{table} {tuple(key.values())} no longer exists")
        if all(before[column] == value for column, value in changes.items()):
            return before
        settings = ", ".join(f'"{column}" = ?' for column in changes)
        where = " AND ".join(f'"{column}" = ?' for column in key)
        self.db.execute(
            f"UPDATE {table} SET {settings} WHERE {where}",
            [*changes.values(), *key.values()],
        )
        after = self.read(table, key)
        self._log(table, before, after)
        return after

    def delete(self, table: str, key: Row) -> Row | None:
        """Delete a row and log it; returns the row as it was."""
        before = self.read(table, key)
        if before is None:
            return None
        where = " AND ".join(f'"{column}" = ?' for column in key)
        self.db.execute(f"DELETE FROM {table} WHERE {where}", list(key.values()))
        self._log(table, before, None)
        return before

    def _log(self, table: str, before: Row | None, after: Row | None) -> None:
        row = after if after is not None else before
        self.db.execute(
            "INSERT INTO events (at, annotator, action, kind, row_id, before, after, action_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                self.at,
                self.annotator,
                "add" if before is None else "remove" if after is None else "change",
                table,
                ":".join(str(row[column]) for column in KEYS[table]),
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
                self.action_id,
            ],
        )
        self.changes.append(RowChange(table, before, after))


@contextmanager
def user_action(
    db: Database, description: str, annotator: str | None = None, undoable: bool = True
) -> Iterator[UserAction]:
    """One user action: a transaction, committed when the block ends, whose changes are logged
    under one action id. A new undoable action ends what could be redone."""
    annotator = annotator or current_annotator()
    with transaction(db):
        at = utc_now()
        action_id = db.execute(
            "INSERT INTO actions (at, annotator, description, undoable) VALUES (?, ?, ?, ?)",
            [at, annotator, description, int(undoable)],
        ).lastrowid
        action = UserAction(db, annotator, description, at, action_id)
        yield action
        if undoable:
            db.execute(
                "UPDATE actions SET state = 'discarded' WHERE annotator = ? AND state = 'undone'",
                [annotator],
            )


def undo(db: Database, annotator: str | None = None) -> UserAction:
    """Undo this annotator's latest action still done; returns the changes made."""
    return _replay(db, annotator or current_annotator(), forward=False)


def redo(db: Database, annotator: str | None = None) -> UserAction:
    """Redo this annotator's most recently undone action; returns the changes made."""
    return _replay(db, annotator or current_annotator(), forward=True)


def _replay(db: Database, annotator: str, forward: bool) -> UserAction:
    with transaction(db):
        if forward:
            # Only the latest done action can be undone, and a new action discards the undone
            # ones, so the most recently undone action is always the undone one with least id.
            found = db.execute(
                "SELECT id, description FROM actions WHERE annotator = ? AND state = 'undone' "
                "ORDER BY id LIMIT 1",
                [annotator],
            ).fetchone()
        else:
            found = db.execute(
                "SELECT id, description FROM actions WHERE annotator = ? AND state = 'done' "
                "AND undoable = 1 ORDER BY id DESC LIMIT 1",
                [annotator],
            ).fetchone()
        if found is None:
            raise HistoryError("nothing to redo" if forward else "nothing to undo")
        action_id, description = found
        verb = "redid" if forward else "undid"
        at = utc_now()
        # The replay's own changes are logged too, under an action that is not itself undone.
        replay_id = db.execute(
            "INSERT INTO actions (at, annotator, description, undoable) VALUES (?, ?, ?, 0)",
            [at, annotator, f"{verb} {description}"],
        ).lastrowid
        replay = UserAction(db, annotator, description, at, replay_id)
        events = db.execute(
            "SELECT kind, before, after FROM events WHERE action_id = ? ORDER BY id "
            + ("ASC" if forward else "DESC"),
            [action_id],
        ).fetchall()
        for table, before_json, after_json in events:
            before = None if before_json is None else json.loads(before_json)
            after = None if after_json is None else json.loads(after_json)
            if not forward:
                before, after = after, before
            try:
                _apply(replay, table, before, after)
            except sqlite3.IntegrityError as error:  # the transaction is rolled back whole
                raise HistoryError(
                    f"cannot replay {description!r}: later work (another annotator's, say) "
                    "depends on what it changed"
                ) from error
        db.execute(
            "UPDATE actions SET state = ?, undone_at = ? WHERE id = ?",
            ["done" if forward else "undone", at, action_id],
        )
        replay.message = f"{verb} {description}"
    return replay


def _apply(replay: UserAction, table: str, expected: Row | None, wanted: Row | None) -> None:
    """Bring one row from `expected` to `wanted`, refusing if it is no longer as expected."""
    row = expected if expected is not None else wanted
    key = {column: row[column] for column in KEYS[table]}
    current = replay.read(table, key)
    if current == wanted:
        return  # already so: an entity kept for another's use (below), redone
    if current != expected:
        raise HistoryError(
            f"cannot replay {replay.description!r}: it was changed since (by a later action "
            "or another annotator)"
        )
    if wanted is None:
        if table == "entities" and _entity_in_use(replay.db, key["id"]):
            return  # another annotation (another annotator's, say) has come to refer to it
        replay.delete(table, key)
    elif expected is None:
        replay.insert(table, wanted)
    else:
        replay.update(table, key, {k: v for k, v in wanted.items() if k not in key})


def _entity_in_use(db: Database, entity_id: str) -> bool:
    """Whether any span, claim or link refers to the entity."""
    return bool(
        db.execute(
            "SELECT 1 FROM spans WHERE entity_id = :id UNION ALL "
            "SELECT 1 FROM links WHERE person = :id OR org = :id UNION ALL "
            "SELECT 1 FROM claims WHERE attributed_to = :id UNION ALL "
            "SELECT 1 FROM claim_entities WHERE entity_id = :id LIMIT 1",
            {"id": entity_id},
        ).fetchone()
    )
