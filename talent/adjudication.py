"""Adjudication between two annotators' spans of one document: what they agree on exactly, and
the places they disagree, each a cluster of overlapping spans of either (one may have none)."""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True)
class Disagreement:
    """A stretch of text where the two annotators' spans differ."""

    start: int
    end: int
    first: tuple[Box, ...]  # the first annotator's spans here
    second: tuple[Box, ...]  # the second's

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


def agreed(first: list[Box], second: list[Box]) -> list[Box]:
    """The spans both annotators gave exactly (same start, end and label)."""
    return sorted(set(first) & set(second))


def disagreements(first: list[Box], second: list[Box]) -> list[Disagreement]:
    """The clusters of spans one annotator gave and the other did not, overlapping spans of
    either side in one cluster, in text order."""
    both = set(first) & set(second)
    loose = sorted(
        [(box, 0) for box in set(first) - both] + [(box, 1) for box in set(second) - both]
    )
    clusters: list[Disagreement] = []
    for (start, end, label), side in loose:
        if clusters and start < clusters[-1].end:
            last = clusters[-1]
            first_side = last.first + (((start, end, label),) if side == 0 else ())
            second_side = last.second + (((start, end, label),) if side == 1 else ())
            clusters[-1] = Disagreement(last.start, max(last.end, end), first_side, second_side)
        else:
            box = ((start, end, label),)
            clusters.append(Disagreement(start, end, *((box, ()) if side == 0 else ((), box))))
    return clusters
