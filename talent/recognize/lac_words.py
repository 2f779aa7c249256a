"""A word of LAC's, with its offsets in the text, and a span the corrections make of words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One of the model's words, with its offsets in the text and its tag."""

    start: int
    end: int
    text: str
    tag: str


# (start, end, label)
Span = tuple[int, int, str]
