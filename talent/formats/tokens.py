"""Tokens for the token-based formats (CoNLL, spaCy): character by character in Chinese (a Latin
word or a number inside it stays whole), words and punctuation in other languages; and never
across a span's edge, so no entity starts or ends inside a token."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CHINESE_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'’\-][A-Za-z0-9]+)*|\S")
_WORD_TOKEN = re.compile(r"\w+|[^\w\s]")


def is_character_language(lang: str) -> bool:
    """Languages written without spaces between words, tokenised by character."""
    return lang.split("-")[0].lower() in ("zh", "ja")


def tokens(text: str, lang: str, boundaries: Iterable[int] = ()) -> list[tuple[int, int]]:
    """(start, end) of each token, none of them across one of `boundaries`."""
    pattern = _CHINESE_TOKEN if is_character_language(lang) else _WORD_TOKEN
    # Tokenised whole, then cut: one pass of the pattern, and a token never crosses a boundary.
    whole = [match.span() for match in pattern.finditer(text)]
    return split_at(whole, [b for b in boundaries if 0 < b < len(text)])


def split_at(spans: list[tuple[int, int]], boundaries: Iterable[int]) -> list[tuple[int, int]]:
    """Cut each (start, end) at every boundary strictly inside it."""
    cuts = sorted(set(boundaries))
    result = []
    index = 0  # both are in text order: one walk over the cuts
    for start, end in spans:
        while index < len(cuts) and cuts[index] <= start:
            index += 1
        at = start
        while index < len(cuts) and cuts[index] < end:
            result.append((at, cuts[index]))
            at = cuts[index]
            index += 1
        result.append((at, end))
    return result
