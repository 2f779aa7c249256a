"""CSV tables of an export (documents, spans, entities, claims, links). A cell a spreadsheet
would run as a formula (one starting with = + - @, a tab or a carriage return) is neutralised
with a leading apostrophe, as OWASP advises; the csv module quotes commas, quotes and newlines.
Offsets count the document's text as stored: documents.csv's text_offset says how many
characters (0 or 1) stand before it in its cell."""

from __future__ import annotations

import json
from collections.abc import Iterator

from talent.formats import Bundle

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = {
    "documents": (
        "id", "title", "lang", "source", "sha256", "review_state", "supersedes", "text_offset",
        "text",
    ),
    "spans": (
        "id", "document_id", "start", "end", "label", "text", "status", "origin", "entity",
        "value", "annotator",
    ),
    "entities": ("id", "label", "name", "aliases"),
    "claims": (
        "id", "document_id", "start", "end", "text", "category", "status", "attributed_to",
        "entities", "note", "annotator",
    ),
    "links": (
        "id", "document_id", "person", "org", "relation", "evidence", "date", "amount", "note",
        "annotator",
    ),
}  # fmt: skip


def neutralise(value: object) -> object:
    """A cell as written: text that would start a formula gets a leading apostrophe; lists and
    dicts are written as JSON; None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutral_row(row: list[object]) -> list[object]:
    """neutralise() over a row, the common cells (numbers, empty, safe text) inline."""
    return [
        cell
        if cell.__class__ is int
        else ""
        if cell is None
        else (("'" + cell) if cell.startswith(FORMULA_STARTS) else cell)
        if cell.__class__ is str
        else neutralise(cell)
        for cell in row
    ]


def table_rows(bundle: Bundle, seen_entities: set[str]) -> Iterator[tuple[str, list[object]]]:
    """(table, row) for everything in the document; entities once per export (`seen_entities`
    remembers which were written)."""
    d = bundle.document
    # A text that starts like a formula gets its apostrophe; offsets still count from the text's
    # own first character, which text_offset says where to find in the cell.
    offset = 1 if d.text.startswith(FORMULA_STARTS) else 0
    yield (
        "documents",
        [d.id, d.title, d.lang, d.source, d.sha256, d.review_state, d.supersedes, offset, d.text],
    )
    for s in bundle.spans:
        yield "spans", [
            s.id, d.id, s.start, s.end, s.label, s.quote, s.status, s.origin, s.entity, s.value,
            s.annotator,
        ]  # fmt: skip
    for entity_id, entity in sorted(bundle.entities.items()):
        if entity_id not in seen_entities:
            seen_entities.add(entity_id)
            yield "entities", [entity.id, entity.label, entity.name, list(entity.aliases)]
    for c in bundle.claims:
        yield "claims", [
            c.id, d.id, c.start, c.end, c.quote, c.category, c.status, c.attributed_to,
            list(c.entities), c.note, c.annotator,
        ]  # fmt: skip
    for link in bundle.links:
        yield "links", [
            link.id, d.id, link.person, link.org, link.relation, link.evidence, link.date,
            link.amount, link.note, link.annotator,
        ]  # fmt: skip
