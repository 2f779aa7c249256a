"""Reading one line of JSONL into a document and its annotations, checking every offset."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from talent.lang import detect_language
from talent.model import (
    CLAIM_CATEGORIES,
    CLAIM_RELATION_KINDS,
    CLAIM_STATUSES,
    LABELS,
    RELATIONS,
    REVIEW_STATES,
    SPAN_STATUSES,
    Claim,
    Document,
    Entity,
    Link,
    Span,
)
from talent.strict_json import RecordError
from talent.textio import (
    DecodeError,
    check_characters,
    document_id_for,
    normalise,
    normalise_with_offsets,
    sha256_of,
)


@dataclass
class DocumentRecord:
    """A document with the annotations that came with it, ids as the file gave them."""

    document: Document
    # The source the document is known by across versions; None when the line names none.
    identity: str | None = None
    # Entities given by label and name (another tool's export), found or made when stored.
    entities_by_name: bool = False
    spans: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # A native line says what its spans are (suggestions included), even none: not recognised.
    spans_given: bool = False
    # The version it replaces, as the file names it (a native export says so, even null).
    supersedes_given: bool = False
    reviews: list[tuple[str, str]] = field(default_factory=list)  # (annotator, state)
    # (claim id in this line, claim id anywhere in the file, kind, annotator)
    claim_relations: list[tuple[int, int, str, str]] = field(default_factory=list)


def title_from_text(text: str) -> str:
    """A title for a text that has none: its first non-empty line, markdown marks removed."""
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 120 else line[:119] + "…"
    return "untitled"


# Longest strings a field may hold: a 10,000-character "lang" is a mistake, not a language.
_FIELD_LIMITS = {"title": 1_000, "source": 4_096, "annotator": 200, "origin": 100, "note": 20_000}
# A BCP 47 language tag such as en, zh, zh-Hant or pt-BR.
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")


def _get(obj: dict, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    value = obj.get(key, default)
    if value is not None and not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RecordError(f'"{key}" must be {names}, not {type(value).__name__}')
    limit = _FIELD_LIMITS.get(key)
    if limit and isinstance(value, str) and len(value) > limit:
        raise RecordError(
            f'"{key}" is {len(value):,} characters long; the most it may be is {limit:,}'
        )
    return value


def _lang(obj: dict, text: str) -> str:
    lang = _get(obj, "lang", str)
    if lang is None:
        return detect_language(text)
    if not _LANG_TAG.fullmatch(lang):
        shown = lang if len(lang) <= 20 else lang[:20] + "…"
        raise RecordError(f'"lang" is {shown!r}, not a language tag such as en, zh or zh-Hant')
    return lang


@dataclass(frozen=True)
class _Offsets:
    """Offsets as a file gives them, counted against its text before normalisation, read into
    the stored (normalised) text."""

    raw: str
    text: str
    mapping: list[int | None] | None

    def read(self, obj: dict, what: str) -> tuple[int, int]:
        start, end = obj.get("start"), obj.get("end")
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
            raise RecordError(f'{what}: "start" and "end" must be whole numbers')
        if not 0 <= start < end <= len(self.raw):
            raise RecordError(
                f"{what}: offsets {start}-{end} are outside the text (length {len(self.raw)})"
            )
        quoted = obj.get("text")
        if quoted is not None and quoted != self.raw[start:end]:
            raise RecordError(
                f"{what}: its text {quoted!r} is not what the document has at {start}-{end} "
                f"({self.raw[start:end]!r})"
            )
        if self.mapping is None:
            return start, end
        new_start, new_end = self.mapping[start], self.mapping[end]
        if new_start is None or new_end is None or new_start >= new_end:
            raise RecordError(
                f"{what}: offsets {start}-{end} cut into a character that normalisation "
                "(NFC, LF line ends) joins; the span cannot be kept where it was"
            )
        return new_start, new_end


def _choice(obj: dict, key: str, allowed: tuple[str, ...], default: str, what: str) -> str:
    # Only a missing (or null) field takes the default: an empty "status" is a mistake to report.
    value = obj.get(key)
    if value is None:
        value = default
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
    try:
        check_characters(raw_text)
    except DecodeError as error:
        raise RecordError(f'"text": {error}') from None
    _check_strings(obj)
    annotated = any(obj.get(key) for key in ("spans", "claims"))
    try:
        text, mapping = normalise_with_offsets(raw_text)
    except ValueError as error:
        if annotated:
            raise RecordError(
                f'"text" is not normalised and {error}: offsets would shift'
            ) from None
        text, mapping = normalise(raw_text), None
    offsets = _Offsets(raw_text, text, mapping)
    sha256 = sha256_of(text)
    if _get(obj, "sha256", str) not in (None, sha256):
        raise RecordError('"sha256" does not match the text')
    # Only a line that names itself can be a new version of something: plain lines of one
    # file would otherwise all share the file's name and supersede each other.
    identity = _get(obj, "source", str) or _get(obj, "id", str)
    doc_id = _get(obj, "id", str) or document_id_for(sha256)
    document = Document(
        id=doc_id,
        title=_get(obj, "title", str) or title_from_text(text),
        lang=_lang(obj, text),
        source=identity or source,
        text=text,
        sha256=sha256,
        review_state=_choice(obj, "review_state", REVIEW_STATES, "new", "the document"),
        supersedes=_get(obj, "supersedes", str),
    )
    record = DocumentRecord(
        document,
        identity=identity,
        spans_given="spans" in obj,
        supersedes_given="supersedes" in obj,
        reviews=[_parse_review(review) for review in _get(obj, "reviews", list, [])],
    )
    for entity in _get(obj, "entities", list, []):
        record.entities.append(_parse_entity(entity))
    _unique([entity.id for entity in record.entities], "entity")
    known = {entity.id: entity.label for entity in record.entities}
    for index, span in enumerate(_get(obj, "spans", list, []), start=1):
        record.spans.append(_parse_span(span, offsets, doc_id, annotator, known, f"span {index}"))
    for index, claim in enumerate(_get(obj, "claims", list, []), start=1):
        record.claims.append(
            _parse_claim(claim, offsets, doc_id, annotator, known, f"claim {index}")
        )
    claim_ids = {claim.id for claim in record.claims}
    for index, link in enumerate(_get(obj, "links", list, []), start=1):
        record.links.append(_parse_link(link, doc_id, annotator, known, claim_ids, f"link {index}"))
    for index, relation in enumerate(_get(obj, "claim_relations", list, []), start=1):
        record.claim_relations.append(
            _parse_claim_relation(relation, claim_ids, annotator, f"claim relation {index}")
        )
    for kind, items in (("span", record.spans), ("claim", record.claims), ("link", record.links)):
        # Id 0 means "none given"; every id a file gives names one annotation only.
        _unique([item.id for item in items if item.id], kind)
    return record


def _parse_review(obj: Any) -> tuple[str, str]:
    obj = _object(obj, "a review")
    who = _get(obj, "annotator", str)
    if not who:
        raise RecordError('a review needs an "annotator"')
    return who, _choice(obj, "state", REVIEW_STATES, "", f"review by {who}")


def _parse_claim_relation(
    obj: Any, claim_ids: set[int], annotator: str, what: str
) -> tuple[int, int, str, str]:
    obj = _object(obj, what)
    a, b = obj.get("a"), obj.get("b")
    if a not in claim_ids:
        raise RecordError(f'{what}: "a" names claim {a!r}, which this line does not hold')
    if not isinstance(b, int) or isinstance(b, bool) or b == a:
        raise RecordError(f'{what}: "b" must name another claim by its id')
    kind = _choice(obj, "kind", CLAIM_RELATION_KINDS, "", what)
    return a, b, kind, _get(obj, "annotator", str, annotator) or annotator


def _unique(ids: list, kind: str) -> None:
    seen: set = set()
    for value in ids:
        if value in seen:
            raise RecordError(
                f"two {kind}s have the id {value!r}; each id must name one {kind} only"
            )
        seen.add(value)


def _check_strings(obj: Any, where: str = "") -> None:
    """Refuse a NUL or a non-finite number anywhere in the record (the text is checked apart,
    naming its line and column)."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if not (where == "" and key == "text"):
                _check_strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            _check_strings(value, f"{where}[{index}]")
    elif isinstance(obj, str) and "\x00" in obj:
        raise RecordError(f'"{where}" holds a NUL character (U+0000), which cannot be stored')
    elif isinstance(obj, float) and not math.isfinite(obj):
        raise RecordError(f'"{where}" is {obj}; values must be finite numbers')


def _object(obj: Any, what: str) -> dict:
    if not isinstance(obj, dict):
        raise RecordError(f"{what} must be a JSON object")
    return obj


def _ref(
    obj: dict, key: str, known: dict[str, str], what: str, labels: tuple[str, ...] = LABELS
) -> str | None:
    """An entity id the line's "entities" list, of one of these labels."""
    value = obj.get(key)
    if value is None:
        return None
    if value not in known:
        raise RecordError(f'{what}: "{key}" names entity {value!r}, which "entities" does not list')
    if known[value] not in labels:
        raise RecordError(
            f'{what}: "{key}" names entity {value!r}, a {known[value]}; it must be a '
            + " or ".join(labels)
        )
    return value


def _parse_entity(obj: Any) -> Entity:
    obj = _object(obj, "an entity")
    entity_id, name = _get(obj, "id", str), _get(obj, "name", str)
    if not entity_id or not name:
        raise RecordError('an entity needs an "id" and a "name"')
    label = _choice(obj, "label", LABELS, "", f"entity {entity_id}")
    aliases = _get(obj, "aliases", list, [])
    if not all(isinstance(alias, str) and alias.strip() for alias in aliases):
        raise RecordError(f'entity {entity_id}: "aliases" must be a list of names (strings)')
    return Entity(entity_id, label, name, tuple(aliases))


def _id(obj: dict, what: str) -> int:
    value = obj.get("id", 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(f'{what}: "id" must be a whole number')
    return value


def _parse_span(
    obj: Any, offsets: _Offsets, doc_id: str, annotator: str, known: dict[str, str], what: str
) -> Span:
    obj = _object(obj, what)
    start, end = offsets.read(obj, what)
    label = _choice(obj, "label", LABELS, "", what)
    return Span(
        id=_id(obj, what),
        document_id=doc_id,
        start=start,
        end=end,
        label=label,
        quote=offsets.text[start:end],
        status=_choice(obj, "status", SPAN_STATUSES, "accepted", what),
        origin=_get(obj, "origin", str) or "import",
        # A span refers to an entity of its own label: an ORG mention is not a PERSON.
        entity=_ref(obj, "entity", known, what, (label,)),
        value=_get(obj, "value", dict),
        annotator=_get(obj, "annotator", str, annotator),
    )


def _parse_claim(
    obj: Any, offsets: _Offsets, doc_id: str, annotator: str, known: dict[str, str], what: str
) -> Claim:
    obj = _object(obj, what)
    start, end = offsets.read(obj, what)
    mentioned = _get(obj, "entities", list, [])
    for entity_id in mentioned:
        _ref({"entity": entity_id}, "entity", known, what)
    return Claim(
        id=_id(obj, what),
        document_id=doc_id,
        start=start,
        end=end,
        quote=offsets.text[start:end],
        category=_choice(obj, "category", CLAIM_CATEGORIES, "other", what),
        status=_choice(obj, "status", CLAIM_STATUSES, "unverified", what),
        # A claim is asserted by someone: a person or an organization.
        attributed_to=_ref(obj, "attributed_to", known, what, ("PERSON", "ORG")),
        entities=tuple(mentioned),
        note=_get(obj, "note", str) or "",
        annotator=_get(obj, "annotator", str, annotator),
    )


def _parse_link(
    obj: Any, doc_id: str, annotator: str, known: dict[str, str], claim_ids: set[int], what: str
) -> Link:
    obj = _object(obj, what)
    person = _ref(obj, "person", known, what, ("PERSON",))
    org = _ref(obj, "org", known, what, ("ORG",))
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
