"""Strict JSON for imports: no NaN or Infinity, no number past a float or a 64-bit whole
number, no nesting deeper than Python reads, no lone surrogate; arrays read an element at a
time. Every refusal is a RecordError that says where."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any


class RecordError(ValueError):
    """A JSONL record that cannot be imported; the message says which field is wrong."""


# A \\u escape of a UTF-16 surrogate that is not part of a pair: JSON allows it, text cannot hold it.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*(?:\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})"
    r"|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2})",
    re.IGNORECASE,
)


def _not_a_number(name: str) -> float:
    raise RecordError(f"{name} is not a JSON number; values must be finite numbers")


def _finite(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise RecordError(f"{literal} is too large a number; values must be finite numbers")
    return value


# SQLite stores whole numbers in 64 bits: an id or offset past that is a mistake, not a number.
LARGEST_WHOLE = 2**63 - 1


def _whole(literal: str) -> int:
    # Checked on the digits first: Python refuses to convert over 4,300 of them at all.
    if len(literal.lstrip("-")) > 19 or abs(value := int(literal)) > LARGEST_WHOLE:
        shown = literal if len(literal) <= 24 else literal[:20] + "…"
        raise RecordError(f"{shown} is too large a whole number (the most is {LARGEST_WHOLE:,})")
    return value


_STRICT = json.JSONDecoder(parse_constant=_not_a_number, parse_float=_finite, parse_int=_whole)


def parse_line(line: str) -> Any:
    """Parse one JSONL line strictly: no NaN or Infinity, no number too large for a float or a
    64-bit whole number, no nesting deeper than Python can read, no lone surrogate; each
    refused with where it is."""
    obj, end = _decode_at(line, 0)
    if line[end:].strip():
        raise RecordError(f"not valid JSON: extra data at column {end + 1}")
    return obj


def parse_elements(text: str, kind: str) -> Iterator[tuple[int, Any]]:
    """The elements of a JSON array (or one object) with their numbers, parsed one at a time
    with the same strictness as `parse_line`: a large file is never held as one parsed tree.
    An error names the element as `kind N`."""
    at = _skip_space(text, 0)
    if not text.startswith("[", at):
        yield 1, _element(text, at, kind, 1)[0]
        return
    at = _skip_space(text, at + 1)
    number = 0
    while not text.startswith("]", at):
        number += 1
        element, at = _element(text, at, kind, number)
        yield number, element
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
        elif not text.startswith("]", at):
            raise RecordError(f"not valid JSON: expected , or ] at {_where(text, at)}")
    if text[at + 1 :].strip():
        raise RecordError(f"not valid JSON: extra data at {_where(text, at + 1)}")


def _element(text: str, at: int, kind: str, number: int) -> tuple[Any, int]:
    try:
        return _decode_at(text, at)
    except RecordError as error:
        raise RecordError(f"{kind} {number}: {error}") from None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _where(text: str, at: int) -> str:
    line = text.count("\n", 0, at) + 1
    return f"line {line}, column {at - (text.rfind(chr(10), 0, at) + 1) + 1}"


def _decode_at(text: str, at: int) -> tuple[Any, int]:
    """One JSON value starting at `at` (after white space) and where it ends."""
    at = _skip_space(text, at)
    try:
        obj, end = _STRICT.raw_decode(text, at)
    except json.JSONDecodeError as error:
        single = "\n" not in text
        # json's messages end in "at" when they expect the position after them.
        where = f"column {error.colno}" if single else _where(text, error.pos)
        joint = " " if error.msg.endswith(" at") else " at "
        raise RecordError(f"not valid JSON: {error.msg}{joint}{where}") from None
    except RecursionError:
        raise RecordError("JSON nested too deeply to read") from None
    piece = text[at:end]
    surrogate = "\\u" in piece and _LONE_SURROGATE.search(piece)
    if surrogate:
        escape = surrogate.group()[surrogate.group().rindex("\\") :]
        raise RecordError(
            f"{escape} at column {at + surrogate.end() - 5} is a lone surrogate, not a "
            "character; it cannot be stored"
        )
    return obj, end
