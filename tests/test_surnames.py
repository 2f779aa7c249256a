"""A surname that is also a place's name is the person once the document has named them in
full, unless a place's preposition comes before it; sentences from CoNLL-2003 train."""

from __future__ import annotations

import pytest

from talent.recognize.engines import build_recognizer


def labels(text: str, word: str) -> list[str]:
    found = build_recognizer("rules").recognize(text, "en")
    return [m.label for m in found if text[m.start : m.end] == word]


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        (
            "In Boston , Mike Stanley 's bases-loaded two-run single capped a rally .\n"
            "Stanley owns a .367 career average against the Athletics .",
            "Stanley",
        ),
        (
            "Dr Andrew Wakefield of the Royal Free Hospital led the study .\n"
            "\" Three of the four children had Crohn 's disease , \" Wakefield 's group wrote .",
            "Wakefield",
        ),
    ],
)
def test_a_surname_after_the_full_name_is_the_person(text, surname):
    assert labels(text, surname) == ["PERSON"]


def test_a_place_preposition_keeps_the_place():
    text = "Mike Stanley signed on Monday .\nThe club plays in Stanley next week ."
    assert labels(text, "Stanley") == ["LOCATION"]


def test_before_the_full_name_a_place_stays_a_place():
    text = "Stanley beat Boston on Sunday .\nMike Stanley scored twice ."
    assert labels(text, "Stanley") == ["LOCATION"]  # the one alone, before Mike Stanley
