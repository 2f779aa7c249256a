"""Canonical entities: found by name or alias (the gazetteer's alias groups count), created when
new, renamed, given aliases, merged, and assigned to spans. Every write is part of a user action."""

from __future__ import annotations

import json

from sqlite_utils import Database

from store.annotations import entity_from_row
from store.connection import row_dicts
from store.history import HistoryError, UserAction
from talent.model import Entity
from talent.recognize.gazetteer import entry_for

# Spans of these labels belong to a canonical entity once accepted.
ENTITY_LABELS = ("PERSON", "ORG")


def find_entity(action: UserAction, label: str, text: str) -> Entity | None:
    """The entity of this label that goes by this name or alias."""
    cursor = action.db.execute(
        "SELECT * FROM entities WHERE label = ? AND (name = ? OR EXISTS "
        "(SELECT 1 FROM json_each(entities.aliases) WHERE value = ?)) ORDER BY rowid LIMIT 1",
        [label, text, text],
    )
    row = next(row_dicts(cursor), None)
    return None if row is None else entity_from_row(row)


def next_entity_id(db: Database) -> str:
    """The id a new entity takes; call it inside the write transaction that inserts it, so two
    instances never take the same id."""
    row = db.execute(
        "SELECT MAX(CAST(substr(id, 2) AS INTEGER)) FROM entities WHERE id GLOB 'e[0-9]*'"
    ).fetchone()
    return f"e{(row[0] or 0) + 1}"


def create_entity(action: UserAction, label: str, name: str, aliases: list[str]) -> Entity:
    """A new entity; its name is always one of its aliases."""
    name = name.strip()
    if not name:
        raise HistoryError("an entity needs a name")
    aliases = list(dict.fromkeys([name, *(a.strip() for a in aliases if a.strip())]))
    row = action.insert(
        "entities",
        {
            "id": next_entity_id(action.db),
            "label": label,
            "name": name,
            "aliases": json.dumps(aliases, ensure_ascii=False),
        },
    )
    return entity_from_row(row)


def resolve_entity(action: UserAction, label: str, text: str) -> Entity:
    """The entity a mention refers to: by name or alias, else by the gazetteer's aliases of the
    same real thing (Meta and Facebook), else a new one named by the text."""
    found = find_entity(action, label, text)
    if found:
        return found
    entry = entry_for(label, text)
    if entry:
        for alias in entry.aliases:
            known = find_entity(action, label, alias)
            if known:
                return add_alias(action, known, text)
        return create_entity(action, label, entry.name, [*entry.aliases, text])
    return create_entity(action, label, text, [text])


def get_entity(action: UserAction, entity_id: str) -> Entity:
    """An entity by id, or a message that it is gone."""
    row = action.read("entities", {"id": entity_id})
    if row is None:
        raise HistoryError(f"entity {entity_id} no longer exists")
    return entity_from_row(row)


def set_aliases(action: UserAction, entity: Entity, aliases: list[str]) -> Entity:
    """Replace an entity's aliases (its name stays one of them)."""
    aliases = list(dict.fromkeys([entity.name, *(a.strip() for a in aliases if a.strip())]))
    row = action.update(
        "entities", {"id": entity.id}, {"aliases": json.dumps(aliases, ensure_ascii=False)}
    )
    return entity_from_row(row)


def add_alias(action: UserAction, entity: Entity, alias: str) -> Entity:
    """Add one alias if the entity lacks it."""
    if alias in entity.aliases:
        return entity
    return set_aliases(action, entity, [*entity.aliases, alias])


def rename_entity(action: UserAction, entity: Entity, name: str) -> Entity:
    """Give an entity a new name; the old name stays an alias."""
    name = name.strip()
    if not name:
        raise HistoryError("an entity needs a name")
    action.update("entities", {"id": entity.id}, {"name": name})
    return set_aliases(action, get_entity(action, entity.id), [name, *entity.aliases])


def merge_entities(action: UserAction, keep: Entity, gone: Entity) -> Entity:
    """Fold `gone` into `keep`: its mentions, claims and links move over, its aliases join."""
    if keep.id == gone.id:
        raise HistoryError("an entity cannot be merged with itself")
    if keep.label != gone.label:
        raise HistoryError(f"cannot merge a {gone.label} into a {keep.label}")
    repoint_references(action, gone, keep)
    merged = set_aliases(action, keep, [*keep.aliases, *gone.aliases])
    action.delete("entities", {"id": gone.id})
    return merged


def repoint_references(
    action: UserAction, old: Entity, new: Entity, document_id: str | None = None
) -> None:
    """Point the mentions, claims and links of `old` at `new` (only in one document, if given)."""
    db = action.db
    scope, scoped = ("", []) if document_id is None else (" AND document_id = ?", [document_id])

    def ids(sql: str) -> list:
        return [row[0] for row in db.execute(sql + scope, [old.id, *scoped]).fetchall()]

    for span_id in ids("SELECT id FROM spans WHERE entity_id = ?"):
        action.update("spans", {"id": span_id}, {"entity_id": new.id})
    for claim_id in ids("SELECT id FROM claims WHERE attributed_to = ?"):
        action.update("claims", {"id": claim_id}, {"attributed_to": new.id})
    for claim_id in ids(
        "SELECT claim_id FROM claim_entities JOIN claims ON claims.id = claim_id WHERE entity_id = ?"
    ):
        action.delete("claim_entities", {"claim_id": claim_id, "entity_id": old.id})
        if action.read("claim_entities", {"claim_id": claim_id, "entity_id": new.id}) is None:
            action.insert("claim_entities", {"claim_id": claim_id, "entity_id": new.id})
    for column in ("person", "org"):
        for link_id in ids(f"SELECT id FROM links WHERE {column} = ?"):
            action.update("links", {"id": link_id}, {column: new.id})


# An entity still in use: an accepted mention, a link, or a claim naming it. One left with none
# (a name a span went by while its edges moved) is not offered in pickers.
_IN_USE = (
    "(EXISTS (SELECT 1 FROM spans s WHERE s.entity_id = e.id AND s.status = 'accepted') "
    "OR EXISTS (SELECT 1 FROM links l WHERE l.person = e.id OR l.org = e.id) "
    "OR EXISTS (SELECT 1 FROM claims c WHERE c.attributed_to = e.id) "
    "OR EXISTS (SELECT 1 FROM claim_entities ce WHERE ce.entity_id = e.id))"
)


def entities_matching(db: Database, label: str | None = None) -> list[tuple[Entity, int]]:
    """Every entity in use (of a label, if given) with how many accepted mentions it has, most
    first."""
    cursor = db.execute(
        "SELECT e.*, (SELECT COUNT(*) FROM spans s WHERE s.entity_id = e.id "
        f"AND s.status = 'accepted') AS mentions FROM entities e WHERE {_IN_USE} "
        + ("AND e.label = ? " if label else "")
        + "ORDER BY mentions DESC, e.name",
        [label] if label else [],
    )
    return [(entity_from_row(row), row["mentions"]) for row in row_dicts(cursor)]


def entity_ids_in_use(db: Database) -> set[str]:
    """The ids of the entities in use (see `entities_matching`)."""
    return {row[0] for row in db.execute(f"SELECT id FROM entities e WHERE {_IN_USE}")}
