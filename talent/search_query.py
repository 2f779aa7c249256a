"""A search query with filters beside its text: `label:PERSON status:suggested`, `claim:compensation
status:disputed`, `entity:OpenAI`, `annotator:ana`, and free words. A query with no filter is a
plain text search; `claim:` (a category, or `any`) searches claims, any other filter spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from talent.model import CLAIM_CATEGORIES, CLAIM_STATUSES, LABELS, SPAN_STATUSES

FILTERS = ("label", "status", "claim", "entity", "annotator")
ANY_CLAIM = "any"
# key:value, the value quoted when it holds spaces (entity:"Nedbank Namibia").
_FILTER = re.compile(r'\b(\w+):(?:"([^"]*)"|(\S+))')


class QueryError(ValueError):
    """A filter this search does not know; the message says which and what it takes."""


@dataclass(frozen=True)
class Query:
    """What to look for. `text` alone searches documents; with filters, annotations."""

    text: str = ""
    label: str | None = None
    status: str | None = None
    claim: str | None = None  # a category, or ANY_CLAIM
    entity: str | None = None
    annotator: str | None = None

    @property
    def of_annotations(self) -> bool:
        return any((self.label, self.status, self.claim, self.entity, self.annotator))

    @property
    def of_claims(self) -> bool:
        return self.claim is not None


def parse_query(query: str) -> Query:
    """The query's filters and the words left over; unknown keys and values are refused."""
    found: dict[str, str] = {}
    for match in _FILTER.finditer(query):
        key = match.group(1).lower()
        if key not in FILTERS:
            continue  # "http://x" or "10:30" is text, not a filter
        found[key] = match.group(2) if match.group(2) is not None else match.group(3)
    text = " ".join(_FILTER.sub(_keep_unknown, query).split())
    label = found.get("label")
    if label is not None and label.upper() not in LABELS:
        raise QueryError(f"label:{label} is no label (labels: {', '.join(LABELS)})")
    claim = found.get("claim")
    if claim is not None and claim.lower() not in (*CLAIM_CATEGORIES, ANY_CLAIM):
        raise QueryError(
            f"claim:{claim} is no claim category (categories: {', '.join(CLAIM_CATEGORIES)}, "
            f"or {ANY_CLAIM})"
        )
    status = found.get("status")
    statuses = CLAIM_STATUSES if claim is not None else SPAN_STATUSES
    if status is not None and status.lower() not in statuses:
        what = "a claim" if claim is not None else "a span"
        raise QueryError(f"status:{status} is not {what}'s status ({', '.join(statuses)})")
    return Query(
        text=text,
        label=label.upper() if label else None,
        status=status.lower() if status else None,
        claim=claim.lower() if claim else None,
        entity=found.get("entity"),
        annotator=found.get("annotator"),
    )


def _keep_unknown(match: re.Match) -> str:
    return "" if match.group(1).lower() in FILTERS else match.group()
