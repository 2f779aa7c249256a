"""Reading one line of JSONL into a document and its annotations, checking every offset."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from talent.lang import detect_language
from talent.model import (
    CLAIM_CATEGORIES,
    CLAIM_STATUSES,
    LABELS,
    RELATIONS,
    SPAN_STATUSES,
    Claim,
    Document,
    Entity,
    Link,
    Span,
)
from talent.textio import DecodeError, check_characters, document_id_for, normalise, sha256_of


class RecordError(ValueError):
    """A JSONL record that cannot be imported; the message says which field is wrong."""


@dataclass
class DocumentRecord:
    """A document with the annotations that came with it, ids as the file gave them."""

    document: Document
    spans: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def title_from_text(text: str) -> str:
    """A title for a text that has none: its first non-empty line, markdown marks removed."""
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 120 else line[:119] + "…"
    return "untitled"


def _get(obj: dict, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    value = obj.get(key, default)
    if value is not None and not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RecordError(f'"{key}" must be {names}, not {type(value).__name__}')
    return value


def _offsets(obj: dict, text: str, what: str) -> tuple[int, int]:
    start, end = obj.get("start"), obj.get("end")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
        raise RecordError(f'{what}: "start" and "end" must be whole numbers')
    if not 0 <= start < end <= len(text):
        raise RecordError(
            f"{what}: offsets {start}-{end} are outside the text (length {len(text)})"
        )
    quoted = obj.get("text")
    if quoted is not None and quoted != text[start:end]:
        raise RecordError(
            f"{what}: its text {quoted!r} is not what the document has at {start}-{end} "
            f"({text[start:end]!r})"
        )
    return start, end


def _choice(obj: dict, key: str, allowed: tuple[str, ...], default: str, what: str) -> str:
    value = obj.get(key) or default
    if value not in allowed:
        raise RecordError(f'{what}: "{key}" is {value!r}, expected one of {", ".join(allowed)}')
    return value


def parse_record(obj: Any, source: str, annotator: str) -> DocumentRecord:
    """Turn a parsed JSON object (native, or just {"text": ...}) into a DocumentRecord."""
    if not isinstance(obj, dict):
        raise RecordError("each line must be a JSON object")
    raw_text = obj.get("text")
    if not isinstance(raw_text, str) or not raw_text.strip():
        raise RecordError('"text" must be a non-empty string')
    text = normalise(raw_text)
    try:
        check_characters(text)
    except DecodeError as error:
        raise RecordError(f'"text": {error}') from None
    annotated = any(obj.get(key) for key in ("spans", "claims"))
    if text != raw_text and annotated:
        raise RecordError(
            "the text is not normalised (BOM, CR line ends or not NFC): offsets would shift"
        )
    sha256 = sha256_of(text)
    if _get(obj, "sha256", str) not in (None, sha256):
        raise RecordError('"sha256" does not match the text')
    doc_id = _get(obj, "id", str) or document_id_for(sha256)
    document = Document(
        id=doc_id,
        title=_get(obj, "title", str) or title_from_text(text),
        lang=_get(obj, "lang", str) or detect_language(text),
        source=_get(obj, "source", str) or source,
        text=text,
        sha256=sha256,
    )
    record = DocumentRecord(document)
    for entity in _get(obj, "entities", list, []):
        record.entities.append(_parse_entity(entity))
    known = {entity.id for entity in record.entities}
    for index, span in enumerate(_get(obj, "spans", list, []), start=1):
        record.spans.append(_parse_span(span, document, annotator, known, f"span {index}"))
    for index, claim in enumerate(_get(obj, "claims", list, []), start=1):
        record.claims.append(_parse_claim(claim, document, annotator, known, f"claim {index}"))
    claim_ids = {claim.id for claim in record.claims}
    for index, link in enumerate(_get(obj, "links", list, []), start=1):
        record.links.append(_parse_link(link, doc_id, annotator, known, claim_ids, f"link {index}"))
    return record


def _object(obj: Any, what: str) -> dict:
    if not isinstance(obj, dict):
        raise RecordError(f"{what} must be a JSON object")
    return obj


def _ref(obj: dict, key: str, known: set[str], what: str) -> str | None:
    value = obj.get(key)
    if value is not None and value not in known:
        raise RecordError(f'{what}: "{key}" names entity {value!r}, which "entities" does not list')
    return value


def _parse_entity(obj: Any) -> Entity:
    obj = _object(obj, "an entity")
    entity_id, name = _get(obj, "id", str), _get(obj, "name", str)
    if not entity_id or not name:
        raise RecordError('an entity needs an "id" and a "name"')
    label = _choice(obj, "label", LABELS, "", f"entity {entity_id}")
    aliases = tuple(str(alias) for alias in _get(obj, "aliases", list, []))
    return Entity(entity_id, label, name, aliases)


def _id(obj: dict, what: str) -> int:
    value = obj.get("id", 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(f'{what}: "id" must be a whole number')
    return value


def _parse_span(obj: Any, document: Document, annotator: str, known: set[str], what: str) -> Span:
    obj = _object(obj, what)
    start, end = _offsets(obj, document.text, what)
    return Span(
        id=_id(obj, what),
        document_id=document.id,
        start=start,
        end=end,
        label=_choice(obj, "label", LABELS, "", what),
        quote=document.text[start:end],
        status=_choice(obj, "status", SPAN_STATUSES, "accepted", what),
        origin=_get(obj, "origin", str) or "import",
        entity=_ref(obj, "entity", known, what),
        value=_get(obj, "value", dict),
        annotator=_get(obj, "annotator", str, annotator),
    )


def _parse_claim(obj: Any, document: Document, annotator: str, known: set[str], what: str) -> Claim:
    obj = _object(obj, what)
    start, end = _offsets(obj, document.text, what)
    mentioned = _get(obj, "entities", list, [])
    for entity_id in mentioned:
        _ref({"entity": entity_id}, "entity", known, what)
    return Claim(
        id=_id(obj, what),
        document_id=document.id,
        start=start,
        end=end,
        quote=document.text[start:end],
        category=_choice(obj, "category", CLAIM_CATEGORIES, "other", what),
        status=_choice(obj, "status", CLAIM_STATUSES, "unverified", what),
        attributed_to=_ref(obj, "attributed_to", known, what),
        entities=tuple(mentioned),
        note=_get(obj, "note", str) or "",
        annotator=_get(obj, "annotator", str, annotator),
    )


def _parse_link(
    obj: Any, doc_id: str, annotator: str, known: set[str], claim_ids: set[int], what: str
) -> Link:
    obj = _object(obj, what)
    person, org = _ref(obj, "person", known, what), _ref(obj, "org", known, what)
    if person is None or org is None:
        raise RecordError(f'{what}: needs a "person" and an "org"')
    evidence = _get(obj, "evidence", int)
    if evidence is not None and evidence not in claim_ids:
        raise RecordError(
            f'{what}: "evidence" names claim {evidence}, which this line does not hold'
        )
    return Link(
        id=_id(obj, what),
        document_id=doc_id,
        person=person,
        org=org,
        relation=_choice(obj, "relation", RELATIONS, "", what),
        evidence=evidence,
        date=_get(obj, "date", str),
        amount=_get(obj, "amount", dict),
        note=_get(obj, "note", str) or "",
        annotator=_get(obj, "annotator", str, annotator),
    )
