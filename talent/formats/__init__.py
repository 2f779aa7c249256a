"""Dataset formats: one document with its annotations in (a Bundle), a format's text out. Pure
functions; where the data lives and how files are written is the store's business."""

from __future__ import annotations

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


def mention_of(bundle: Bundle) -> dict[str, Span]:
    """For each entity, the span that stands for it in relation formats: its first mention
    (an accepted one before others)."""
    first: dict[str, Span] = {}
    for span in sorted(bundle.spans, key=lambda s: (s.status != "accepted", s.start, s.end)):
        if span.entity and span.entity not in first:
            first[span.entity] = span
    return first
