"""The data model: documents, spans, entities, claims and links, and their vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LABELS = ("PERSON", "ORG", "LOCATION", "MONEY", "NUMBER", "PERCENT", "DATE", "DURATION", "TITLE")
SPAN_STATUSES = ("suggested", "accepted", "rejected")
CLAIM_CATEGORIES = (
    "compensation",
    "hiring",
    "departure",
    "achievement",
    "statistic",
    "investment",
    "opinion",
    "forecast",
    "other",
)
CLAIM_STATUSES = ("unverified", "supported", "disputed", "refuted")
RELATIONS = (
    "works_at",
    "formerly_at",
    "joined",
    "left",
    "founded",
    "leads",
    "studied_at",
    "offered_by",
)
REVIEW_STATES = ("new", "in_progress", "done")
# What one claim is to a claim of another document.
CLAIM_RELATION_KINDS = ("same", "contradicts")
# The layer adjudication writes: kept apart from each annotator's own work, exported with --gold.
GOLD_ANNOTATOR = "gold"
# Above this one document is slow to recognise and to open; `import --max-document-mb` raises it.
DEFAULT_MAX_DOCUMENT_MB = 5.0


@dataclass(frozen=True)
class Document:
    """One imported text, immutable once stored."""

    id: str
    title: str
    lang: str
    source: str
    text: str
    sha256: str
    imported_at: str = ""
    review_state: str = "new"
    # The id of the earlier version of this text (same source) that this one replaces.
    supersedes: str | None = None


# Not frozen, but slotted and hashable: an export or a 1 MB document builds spans by the hundred
# thousand, and a frozen dataclass takes four times as long to build. Treat it as immutable
# (dataclasses.replace makes a changed copy).
@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A labelled range of a document's text, end exclusive, in code points."""

    id: int
    document_id: str
    start: int
    end: int
    label: str
    quote: str
    status: str = "suggested"
    origin: str = "user"
    entity: str | None = None
    value: dict[str, Any] | None = None
    annotator: str = ""


@dataclass(frozen=True)
class Entity:
    """The canonical thing that spans refer to, across documents and scripts."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """A statement in a document that an analyst tags and verifies."""

    id: int
    document_id: str
    start: int
    end: int
    quote: str
    category: str = "other"
    status: str = "unverified"
    attributed_to: str | None = None
    entities: tuple[str, ...] = ()
    note: str = ""
    annotator: str = ""


@dataclass(frozen=True)
class Link:
    """A relation from a person entity to an organization entity, found in one document."""

    id: int
    document_id: str
    person: str
    org: str
    relation: str
    evidence: int | None = None
    date: str | None = None
    amount: dict[str, Any] | None = None
    note: str = ""
    annotator: str = ""
