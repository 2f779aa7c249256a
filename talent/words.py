"""Words for the cursor's motions: jieba's words in Chinese, \\w runs elsewhere; each function
reads a small window of text around an offset, so a motion costs the same in a 1 MB document."""

from __future__ import annotations

import re

from talent.lang import has_han
from talent.segment import tokenizer_ready

_WORD = re.compile(r"\w+", re.UNICODE)
_PUNCTUATION = "，。、,.;:!?“”\"'（）() "


def next_word_start(text: str, offset: int, direction: int) -> int:
    """The start of the next or previous word: jieba words in Chinese, \\w runs elsewhere."""
    if direction > 0:
        window = text[offset : offset + 120]
        starts = _word_starts(window)
        following = [s for s in starts if s > 0]
        return offset + following[0] if following else min(len(text), offset + len(window))
    base = max(0, offset - 120)
    starts = [base + s for s in _word_starts(text[base:offset])]
    before = [s for s in starts if s < offset]
    return before[-1] if before else 0


def _word_bounds(window: str) -> list[tuple[int, int]]:
    """Words of a window of text: jieba's in Chinese, \\w runs elsewhere. While jieba is still
    loading, each Han character is a word, so a key never waits for it."""
    if has_han(window) and tokenizer_ready():
        from talent.segment import words

        return [(s, e) for s, e in words(window) if window[s:e].strip(_PUNCTUATION)]
    bounds = []
    for match in _WORD.finditer(window):
        if has_han(match.group()):
            bounds += [(i, i + 1) for i in range(match.start(), match.end())]
        else:
            bounds.append(match.span())
    return bounds


def _word_starts(window: str) -> list[int]:
    return [start for start, _ in _word_bounds(window)]


def word_start_at(text: str, offset: int) -> int:
    """The start of the word holding the offset."""
    base = max(0, offset - 60)
    for start, end in _word_bounds(text[base : offset + 60]):
        if base + start <= offset < base + end:
            return base + start
    return offset


def word_end(text: str, offset: int, skip_current: bool) -> int:
    """The last character of the word holding `offset` (or of the word after it, with
    `skip_current` or when `offset` is its last character already); `offset` if none."""
    base = word_start_at(text, offset)
    for start, end in _word_bounds(text[base : base + 160]):
        start, end = base + start, base + end
        if end - 1 < offset:
            continue
        if start <= offset and (skip_current or end - 1 == offset):
            continue  # the word the cursor is in
        return end - 1
    return offset


def next_word_end(text: str, start: int) -> int:
    """The end of the word starting at `start` (at least one character on)."""
    for word_start, word_stop in _word_bounds(text[start : start + 60]):
        if word_start == 0:
            return start + word_stop
    return start + 1
