"""What the learned model reads: a text cut into units (a Han character each, a run of letters
or digits, a sign), each with its own features, its neighbours', and what the engine beneath
it suggested there, so the model learns where the engine is right and where the annotator's
names differ from it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from talent.lang import has_han
from talent.recognize.base import Mention

_UNIT = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+|[^\w\s]", re.UNICODE
)

Unit = tuple[int, int]


def units_of(text: str, start: int = 0, end: int | None = None) -> list[Unit]:
    """The units of text[start:end], as offsets into the text."""
    return [
        (m.start(), m.end()) for m in _UNIT.finditer(text, start, len(text) if end is None else end)
    ]


def _shape(word: str) -> str:
    if has_han(word):
        return "H"
    shape = re.sub(r"[A-Z]+", "X", word)
    shape = re.sub(r"[a-z]+", "x", shape)
    return re.sub(r"\d+", "d", shape)


def _own(word: str) -> list[str]:
    features = [f"w={word.lower()}", f"shape={_shape(word)}"]
    if not has_han(word) and len(word) > 2:
        features += [f"p3={word[:3].lower()}", f"s3={word[-3:].lower()}"]
    return features


def engine_tags(units: list[Unit], mentions: Iterable[Mention]) -> list[str]:
    """The engine's suggestion over each unit, as B-LABEL, I-LABEL or O."""
    tags = ["O"] * len(units)
    starts = {start: index for index, (start, _) in enumerate(units)}
    for mention in mentions:
        index = starts.get(mention.start)
        if index is None:
            continue
        tags[index] = f"B-{mention.label}"
        index += 1
        while index < len(units) and units[index][1] <= mention.end:
            tags[index] = f"I-{mention.label}"
            index += 1
    return tags


def features(text: str, units: list[Unit], engine: list[str], taught: list[str]) -> list[list[str]]:
    """Each unit's features: its own, its neighbours' two either side, and the engine's tag and
    an accepted name's (as B-LABEL, I-LABEL or O) here and next door."""
    words = [text[start:end] for start, end in units]
    own = [_own(word) for word in words]
    rows = []
    for index in range(len(units)):
        lowered = words[index].lower()
        row = [*own[index], f"e={engine[index]}", f"t={taught[index]}"]
        # The engine's tag on this very word: where the annotator's names differ from the
        # engine's on a word, the model learns that word's own correction.
        row.append(f"e|w={engine[index]}|{lowered}")
        if index:
            row.append(f"w-1|w={words[index - 1].lower()}|{lowered}")
        for step in (-2, -1, 1, 2):
            other = index + step
            if 0 <= other < len(units):
                row.append(f"{step}:w={words[other].lower()}")
                if abs(step) == 1:
                    row += [
                        f"{step}:e={engine[other]}",
                        f"{step}:t={taught[other]}",
                        f"{step}:shape={_shape(words[other])}",
                    ]
            else:
                row.append(f"{step}:edge")
        if index and has_han(words[index]):
            row.append(f"bi={words[index - 1]}{words[index]}")
        rows.append(row)
    return rows
