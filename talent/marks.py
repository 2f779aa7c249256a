"""A pure index of one document's marks (spans and claims by offset), kept current change by
change. The reading view, its header and the panels all read it, so each rule (what counts as
reviewed, which spans `n` visits) is written once, here."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from talent.model import Claim, Span


def _key(span: Span) -> tuple[int, int, int]:
    return (span.start, span.end, span.id)


class DocumentMarks:
    """Spans sorted by position with their starts for bisecting; claims likewise."""

    def __init__(self, spans: Iterable[Span] = (), claims: Iterable[Claim] = ()) -> None:
        # Each key made once (a 1 MB document has tens of thousands of spans); ids are unique,
        # so the sort never compares two spans.
        keyed = sorted((_key(s), s) for s in spans)
        self.spans = [span for _, span in keyed]
        self._keys = [key for key, _ in keyed]
        self._by_id = {s.id: s for s in self.spans}
        # Spans are short: the longest bounds how far back an overlap can start. It only grows,
        # which keeps it a safe bound after removals.
        self._longest = max((s.end - s.start for s in self.spans), default=0)
        self.decided = sum(1 for s in self.spans if s.status != "suggested")
        self.set_claims(claims)

    # -- spans -------------------------------------------------------------------------------

    def apply(self, removed: Iterable[int], current: Iterable[Span]) -> list[tuple[int, int]]:
        """Drop spans by id, then add the current versions; returns the ranges that changed."""
        touched = []
        for span_id in removed:
            span = self._by_id.pop(span_id, None)
            if span is None:
                continue
            index = bisect_left(self._keys, _key(span))
            del self.spans[index], self._keys[index]
            self.decided -= span.status != "suggested"
            touched.append((span.start, span.end))
        for span in current:
            index = bisect_left(self._keys, _key(span))
            self.spans.insert(index, span)
            self._keys.insert(index, _key(span))
            self._by_id[span.id] = span
            self._longest = max(self._longest, span.end - span.start)
            self.decided += span.status != "suggested"
            touched.append((span.start, span.end))
        return touched

    def between(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end)."""
        first = bisect_left(self._keys, (start - self._longest,))
        last = bisect_left(self._keys, (end,))
        return [s for s in self.spans[first:last] if s.end > start]

    def at(self, offset: int) -> Span | None:
        """The span under an offset (the innermost, if spans nest)."""
        under = self.between(offset, offset + 1)
        return min(under, key=lambda s: s.end - s.start) if under else None

    def next_span(self, offset: int, direction: int, undecided: bool = False) -> Span | None:
        """The next (or previous) span starting after (before) the offset, wrapping around:
        any span but a rejected one, or only undecided suggestions."""
        wanted = (
            (lambda s: s.status == "suggested") if undecided else (lambda s: s.status != "rejected")
        )
        count = len(self.spans)
        if not count:
            return None
        if direction > 0:
            first = bisect_right(self._keys, (offset, float("inf")))
            order = range(first, first + count)
        else:
            first = bisect_left(self._keys, (offset,)) - 1
            order = range(first, first - count, -1)
        for index in order:
            span = self.spans[index % count]
            if wanted(span):
                return span
        return None

    @property
    def total(self) -> int:
        """How many spans the document has."""
        return len(self.spans)

    # -- claims ------------------------------------------------------------------------------

    def set_claims(self, claims: Iterable[Claim]) -> None:
        """Replace the claims (there are few; they are reloaded whole)."""
        self.claims = sorted(claims, key=lambda c: (c.start, c.end, c.id))
        self._claim_starts = [c.start for c in self.claims]
        self._longest_claim = max((c.end - c.start for c in self.claims), default=0)

    def claims_between(self, start: int, end: int) -> list[Claim]:
        """Claims overlapping [start, end)."""
        first = bisect_left(self._claim_starts, start - self._longest_claim)
        last = bisect_right(self._claim_starts, max(end - 1, start))
        return [c for c in self.claims[first:last] if c.end > start]

    def claim_at(self, offset: int) -> Claim | None:
        """The innermost claim holding the offset."""
        under = self.claims_between(offset, offset + 1)
        return min(under, key=lambda c: c.end - c.start) if under else None

    def next_claim(self, offset: int, direction: int) -> Claim | None:
        """The claim starting after (or before) the offset, wrapping around."""
        if not self.claims:
            return None
        if direction > 0:
            index = bisect_right(self._claim_starts, offset)
            return self.claims[index % len(self.claims)]
        index = bisect_left(self._claim_starts, offset) - 1
        return self.claims[index]
