"""Dataset formats: one document with its annotations in (a Bundle), a format's text out. Pure
functions; where the data lives and how files are written is the store's business."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from talent.model import Claim, Document, Entity, Link, Span


@dataclass(frozen=True)
class Bundle:
    """A document and the annotations an export selected from it."""

    document: Document
    spans: list[Span] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)


def non_overlapping(spans: list[Span]) -> tuple[list[Span], int]:
    """Spans that do not overlap, for formats that cannot hold overlaps (BIO, doc.ents): of two
    overlapping spans the longer wins (the earlier on a tie). Returns them in text order, and
    how many were left out."""
    taken: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        # Sorted by start, a span can only overlap the last one kept.
        if taken and span.start < taken[-1].end:
            if span.end - span.start > taken[-1].end - taken[-1].start:
                taken[-1] = span
            continue
        taken.append(span)
    return taken, len(spans) - len(taken)


def link_ends(bundle: Bundle) -> tuple[list[tuple[Link, Span, Span]], int]:
    """Each link with the spans that stand for its person and organization in relation formats
    (each entity's first mention, an accepted one before others), and how many links have no
    such span for one of them."""
    first: dict[str, Span] = {}
    for span in sorted(bundle.spans, key=lambda s: (s.status != "accepted", s.start, s.end)):
        if span.entity and span.entity not in first:
            first[span.entity] = span
    ends = [
        (link, first[link.person], first[link.org])
        for link in bundle.links
        if link.person in first and link.org in first
    ]
    return ends, len(bundle.links) - len(ends)


def asserted_by(bundle: Bundle, claim: Claim) -> str | None:
    """Who asserts a claim, as `LABEL name` (`PERSON Jensen Huang`), for formats with no field
    for it: a note or a text attribute; None when nobody is named."""
    entity = bundle.entities.get(claim.attributed_to or "")
    return None if entity is None else f"{entity.label} {entity.name}"


def read_asserted_by(text: str, native: dict) -> str | None:
    """The entity key of a `LABEL name` that `asserted_by` wrote, its entity added to the
    native record; None for text that is not one."""
    label, _, name = text.strip().partition(" ")
    if label not in ("PERSON", "ORG") or not name.strip():
        return None
    key = entity_key(label, name.strip())
    if all(entity["id"] != key for entity in native["entities"]):
        native["entities"].append({"id": key, "label": label, "name": name.strip()})
    return key


def entity_key(label: str, name: str) -> str:
    """The provisional id of an entity read from a format that has none: the importer finds
    (or makes) the stored entity of that label and name."""
    return f"{label}:{name}"


def named_spans(text: object, spans: list[tuple]) -> dict:
    """A native record of a text and (start, end, label) spans from another tool, accepted;
    PERSON and ORG spans refer to entities named by their text. Offsets are checked later, with
    the record."""
    native: dict = {"text": text, "spans": [], "entities": [], "claims": [], "links": []}
    named: set[str] = set()
    for start, end, label, *rest in spans:
        span = {"start": start, "end": end, "label": label, "origin": "import"}
        if rest:
            span["status"] = rest[0]
        if label in ("PERSON", "ORG") and isinstance(text, str) and _inside(text, start, end):
            key = entity_key(label, text[start:end])
            span["entity"] = key
            if key not in named:
                named.add(key)
                native["entities"].append({"id": key, "label": label, "name": text[start:end]})
        native["spans"].append(span)
    return native


def _inside(text: str, start: object, end: object) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


# Characters that JSON leaves raw but that end a line for readers splitting with splitlines
# (and for JavaScript): escaped, a JSONL line stays one line to every reader.
_LINE_ENDS_JSON_KEEPS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_jsonl_line(json_text: str) -> str:
    """A JSON text made safe to stand as one JSONL line: those characters occur only inside its
    strings, where the escape means the same character."""
    if "\x85" in json_text or "\u2028" in json_text or "\u2029" in json_text:
        return json_text.translate(_LINE_ENDS_JSON_KEEPS)
    return json_text  # nearly every line: three scans in C, no copy


# What XML 1.0 cannot hold, even escaped: most control characters, U+FFFE and U+FFFF.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """The text with each character XML cannot hold shown as U+FFFD, so the file parses."""
    return NOT_XML.sub("\ufffd", text)
