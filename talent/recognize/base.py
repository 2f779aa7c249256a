"""What every recognizer returns, the protocol another engine plugs into, and overlap resolution."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass
from typing import Any, Protocol


class EngineError(ValueError):
    """An engine that cannot be used here; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A suggested span: offsets in code points, end exclusive."""

    start: int
    end: int
    label: str
    origin: str
    value: dict[str, Any] | None = None
    priority: int = 0


class Recognizer(Protocol):
    """An engine that suggests mentions; `version` changes whenever its output may change."""

    name: str
    version: str

    def recognize(self, text: str, lang: str) -> list[Mention]:
        """Every mention in the text, ordered by start."""
        ...


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep mentions that overlap no better one: higher priority first, then the longer one."""
    ranked = sorted(mentions, key=lambda m: (-m.priority, -(m.end - m.start), m.start))
    taken: list[tuple[int, int]] = []  # kept intervals, disjoint, so sorted by start alone
    kept = []
    for mention in ranked:
        index = bisect_left(taken, (mention.start, mention.start))
        if index < len(taken) and taken[index][0] < mention.end:
            continue
        if index and taken[index - 1][1] > mention.start:
            continue
        insort(taken, (mention.start, mention.end))
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))
