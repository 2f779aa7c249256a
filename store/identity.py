"""Proposals that two entities are one: a Chinese name and its pinyin, pinyin in either order,
organizations by alias, across documents; a surname-only mention of a fuller name within a
document. The user confirms (a merge) or refuses (remembered), each as one undoable action."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlite_utils import Database

from store.entities import get_entity, merge_entities, repoint_references
from store.history import UserAction, user_action
from talent.model import Entity
from talent.names import is_surname_mention, name_keys, org_key
from talent.recognize.gazetteer import entry_for

ACROSS = ""  # the document_id of a proposal about the whole corpus


@dataclass(frozen=True)
class Proposal:
    """`other` is `keep` (merged into it across the corpus, or, with a document, that
    document's mentions of `other` go to `keep`)."""

    keep: Entity
    other: Entity
    reason: str
    document_id: str = ACROSS
    document_title: str = ""

    @property
    def pair(self) -> tuple[str, str, str]:
        a, b = sorted((self.keep.id, self.other.id))
        return a, b, self.document_id


def proposals(db: Database) -> list[Proposal]:
    """Every pair of entities that look like one and that nobody refused; across the corpus
    first, then within documents."""
    refused = {tuple(row) for row in db.execute("SELECT a, b, document_id FROM identity_refusals")}
    found = [*_across(db), *_within_documents(db)]
    return [p for p in found if p.pair not in refused]


def _live_entities(db: Database) -> list[tuple[Entity, int]]:
    """PERSON and ORG entities something refers to, with their accepted mentions."""
    cursor = db.execute(
        "SELECT e.id, e.label, e.name, e.aliases, (SELECT COUNT(*) FROM spans s "
        "WHERE s.entity_id = e.id AND s.status = 'accepted') FROM entities e "
        "WHERE e.label IN ('PERSON', 'ORG') AND (EXISTS (SELECT 1 FROM spans s "
        "WHERE s.entity_id = e.id) OR EXISTS (SELECT 1 FROM links l "
        "WHERE l.person = e.id OR l.org = e.id)) ORDER BY e.rowid"
    )
    return [
        (Entity(id_, label, name, tuple(json.loads(aliases))), mentions)
        for id_, label, name, aliases, mentions in cursor
    ]


def _keys(entity: Entity) -> set[tuple[str, ...]]:
    names = {entity.name, *entity.aliases}
    if entity.label == "PERSON":
        return {("name", *key) for name in names for key in name_keys(name)}
    keys = {("org", key) for name in names if (key := org_key(name))}
    return keys | {("entry", entry.name) for name in names if (entry := entry_for("ORG", name))}


def _across(db: Database) -> list[Proposal]:
    entities = _live_entities(db)
    mentions = {entity.id: count for entity, count in entities}
    holders: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
    for entity, _ in entities:
        for key in _keys(entity):
            holders[key].append(entity)
    pairs: dict[tuple[str, str], Proposal] = {}
    for key, group in holders.items():
        for a, b in combinations(group, 2):
            if a.label != b.label or (a.id, b.id) in pairs:
                continue
            # The entity with more mentions stays; the other's names become its aliases.
            keep, other = (a, b) if mentions[a.id] >= mentions[b.id] else (b, a)
            pairs[(a.id, b.id)] = Proposal(keep, other, _reason(key))
    return list(pairs.values())


def _reason(key: tuple[str, ...]) -> str:
    if key[0] == "name":
        return f"the same name in pinyin ({key[1]} {key[2]})"
    if key[0] == "entry":
        return f"aliases of {key[1]}"
    return "the same name"


def _within_documents(db: Database) -> list[Proposal]:
    rows = db.execute(
        "SELECT DISTINCT s.document_id, d.title, e.id, e.label, e.name, e.aliases FROM spans s "
        "JOIN entities e ON e.id = s.entity_id JOIN documents d ON d.id = s.document_id "
        "WHERE s.status = 'accepted' AND e.label = 'PERSON' ORDER BY s.document_id, e.rowid"
    )
    people: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for doc_id, title, id_, label, name, aliases in rows:
        people[(doc_id, title)].append(Entity(id_, label, name, tuple(json.loads(aliases))))
    found = []
    for (doc_id, title), group in people.items():
        for short in group:
            full = next(
                (
                    other
                    for other in group
                    if other.id != short.id
                    and any(is_surname_mention(short.name, n) for n in (other.name, *other.aliases))
                ),
                None,
            )
            if full is not None:
                reason = f"{short.name} alone, after {full.name}"
                found.append(Proposal(full, short, reason, doc_id, title))
    return found


def confirm(db: Database, proposal: Proposal, annotator: str | None = None) -> UserAction:
    """Make the two one: merge them, or move the document's mentions (and its links and claims)
    of the shorter name to the fuller one."""
    with user_action(db, "same entity", annotator) as action:
        keep, other = get_entity(action, proposal.keep.id), get_entity(action, proposal.other.id)
        if proposal.document_id == ACROSS:
            merge_entities(action, keep, other)
            action.message = f"{other.name} and {keep.name} are now one entity"
        else:
            repoint_references(action, other, keep, proposal.document_id)
            action.message = f"{other.name} here is {keep.name}"
    return action


def refuse(db: Database, proposal: Proposal, annotator: str | None = None) -> UserAction:
    """Remember that these two are not one (here, for a surname proposal): not proposed again."""
    a, b, doc_id = proposal.pair
    with user_action(db, "not the same entity", annotator) as action:
        action.insert(
            "identity_refusals",
            {
                "a": a,
                "b": b,
                "document_id": doc_id,
                "annotator": action.annotator,
                "created_at": action.at,
            },
        )
        action.message = f"{proposal.other.name} and {proposal.keep.name} stay apart"
    return action
