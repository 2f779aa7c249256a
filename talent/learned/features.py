"""What the learned model reads: a text cut into units (a Han character each, a run of letters
or digits, a sign), each with its own features, its neighbours', what the engine beneath it
suggested there and which of its stages did, and for Chinese the model's word around it, so the
model learns where the engine is right and where the annotator's names differ from it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from talent.lang import has_han
from talent.recognize.base import Mention
from talent.recognize.chinese import NOT_IN_GIVEN_NAME, SURNAMES, TRANSLITERATION

_UNIT = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+|[^\w\s]", re.UNICODE
)

Unit = tuple[int, int]
# A word of the engine's model: (start, end, tag), such as LAC's (0, 3, "PER").
TaggedWord = tuple[int, int, str]


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


def _kinds(word: str) -> list[str]:
    """What a Han character is apt to be in a name: a surname, a transliteration's syllable,
    grammar; so a name never seen is read by the characters it is made of."""
    if len(word) != 1 or not has_han(word):
        return []
    return [
        kind
        for kind, characters in (
            ("surname", SURNAMES),
            ("foreign", TRANSLITERATION),
            ("grammar", NOT_IN_GIVEN_NAME),
        )
        if word in characters
    ]


def _own(word: str) -> list[str]:
    features = [f"w={word.lower()}", f"shape={_shape(word)}", *_kinds(word)]
    if not has_han(word) and len(word) > 2:
        features += [f"p3={word[:3].lower()}", f"s3={word[-3:].lower()}"]
    return features


def _starts(units: list[Unit]) -> dict[int, int]:
    return {start: index for index, (start, _) in enumerate(units)}


def _covered(units: list[Unit], starts: dict[int, int], start: int, end: int) -> list[int]:
    """The indexes of the units from the one at `start` to the last ending by `end`; none when
    no unit starts at `start` (`starts`: each unit's index by its start)."""
    first = starts.get(start)
    if first is None:
        return []
    inside = [first]
    while inside[-1] + 1 < len(units) and units[inside[-1] + 1][1] <= end:
        inside.append(inside[-1] + 1)
    return inside


def engine_tags(units: list[Unit], mentions: Iterable[Mention]) -> list[str]:
    """The engine's suggestion over each unit, as B-LABEL, I-LABEL or O."""
    tags = ["O"] * len(units)
    starts = _starts(units)
    for mention in mentions:
        for number, index in enumerate(_covered(units, starts, mention.start, mention.end)):
            tags[index] = f"{'I' if number else 'B'}-{mention.label}"
    return tags


def engine_sources(units: list[Unit], mentions: Iterable[Mention]) -> list[str]:
    """Which stage of the engine suggested each unit (lac, rules, gazetteer, ...), or O: the
    model learns which stage to trust on the annotator's texts."""
    sources = ["O"] * len(units)
    starts = _starts(units)
    for mention in mentions:
        for index in _covered(units, starts, mention.start, mention.end):
            sources[index] = mention.origin
    return sources


def word_positions(units: list[Unit], words: Iterable[TaggedWord]) -> list[tuple[str, str, int]]:
    """Each unit's place in the model's word around it (B, I, E, or S for a word of one unit),
    the word's tag and its length in units, such as ("B", "PER", 3); ("-", "-", 0) outside
    every word (no Chinese model, or not Chinese)."""
    places = [("-", "-", 0)] * len(units)
    starts = _starts(units)
    for start, end, tag in words:
        inside = _covered(units, starts, start, end)
        for number, index in enumerate(inside):
            place = "B" if number == 0 else "E" if number == len(inside) - 1 else "I"
            places[index] = ("S" if len(inside) == 1 else place, tag, len(inside))
    return places


def features(
    text: str,
    units: list[Unit],
    engine: list[str],
    taught: list[str],
    sources: list[str],
    positions: list[tuple[str, str, int]],
) -> list[list[str]]:
    """Each unit's features: its own, its neighbours' two either side, the engine's tag and
    stage and an accepted name's (as B-LABEL, I-LABEL or O) here and next door, and its place
    in the model's word (see `word_positions`) here and next door."""
    words = [text[start:end] for start, end in units]
    own = [_own(word) for word in words]
    rows = []
    for index in range(len(units)):
        lowered = words[index].lower()
        place, tag, length = positions[index]
        row = [*own[index], f"e={engine[index]}", f"t={taught[index]}"]
        # The engine's tag on this very word: where the annotator's names differ from the
        # engine's on a word, the model learns that word's own correction.
        row.append(f"e|w={engine[index]}|{lowered}")
        row.append(f"e|source={engine[index]}|{sources[index]}")
        row += [
            f"tag={tag}",
            f"place={place}",
            f"place|tag={place}|{tag}",
            f"length={min(length, 5)}",
        ]
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
                        f"{step}:tag={positions[other][1]}",
                        f"{step}:place={positions[other][0]}",
                        *(f"{step}:{kind}" for kind in _kinds(words[other])),
                    ]
            else:
                row.append(f"{step}:edge")
        if has_han(words[index]):
            if index:
                row.append(f"bi={words[index - 1]}{words[index]}")
            if index + 1 < len(units):
                row.append(f"bi+1={words[index]}{words[index + 1]}")
        rows.append(row)
    return rows
