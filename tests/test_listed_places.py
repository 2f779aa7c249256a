"""Places joined by "and" are each a place, unless the whole is one place's name; sentences
from CoNLL-2003 train."""

from __future__ import annotations

import pytest

from talent.recognize.engines import build_recognizer


def places(text: str) -> list[str]:
    found = build_recognizer("rules").recognize(text, "en")
    return [text[m.start : m.end] for m in found if m.label == "LOCATION"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel is preparing for war against Syria and Lebanon .", ["Israel", "Syria", "Lebanon"]),
        ("Both Iran and Turkey mount air and land strikes", ["Iran", "Turkey"]),
        ('resume trade ties between Russia and Iraq , " he told reporters', ["Russia", "Iraq"]),
        ("the tournament which also includes India and Zimbabwe", ["India", "Zimbabwe"]),
        # One country whose name holds "and" stays one place.
        ("the Bosnia and Herzegovina team", ["Bosnia and Herzegovina"]),
    ],
)
def test_places_joined_by_and(text, expected):
    assert places(text) == expected


def test_a_name_with_and_that_is_no_list_of_places_is_left_as_it_was():
    # Procter and Gamble: not places, so not cut into two.
    assert "Procter" not in places("shares of Procter and Gamble rose")
