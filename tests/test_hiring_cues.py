"""Hiring news names people: whoever is appointed, hired or poached, when the name ends there,
and whoever "was appointed" or is appointed "as head of"; a title or a nationality after the
verb is not a person. Sentences from CoNLL-2003 train."""

from __future__ import annotations

import pytest

from talent.recognize.engines import build_recognizer


def people(text: str) -> list[str]:
    found = build_recognizer("rules").recognize(text, "en")
    return [text[m.start : m.end] for m in found if m.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("President Lansana Conte appointed Toure , a former senior civil servant .", "Toure"),
        (
            "Clinton last month invoked special powers to appoint Fowler during the recess .",
            "Fowler",
        ),
    ],
)
def test_who_is_appointed_is_a_person(text, person):
    assert person in people(text)


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Shimaponda had been appointed Legal Affairs Minister , while others stayed .",
         "Legal Affairs Minister"),
        ("Leeds were held 0-0 at home by newly-promoted Sunderland .", "Sunderland"),
        ("Medvedev hired Australian coach Bob Brett at the start of the year .", "Australian"),
    ],
)  # fmt: skip
def test_a_title_a_club_or_a_nationality_after_the_verb_is_not(text, not_a_person):
    assert not_a_person not in people(text)
