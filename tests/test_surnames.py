"""A surname that is also a place's name is the person once the document has named them in
full, unless a place's preposition comes before it; a title's portfolio, and what comes before
the title, is not the person; a name hyphenated through lower-case words is one, and so is a
given name hyphenated in lower case (not a participle after a hyphen); sentences from CoNLL-2003
train."""

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


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Canada 's Minister of Foreign Affairs Lloyd Axworthy said on Friday", "Lloyd Axworthy"),
        ("Prime Minister Jim Bolger , Minister of Finance Bill Birch and others", "Bill Birch"),
        (
            "Ali Alatas and Minister of Trade and Industry Tungky Ariwibowo met on Monday",
            "Tungky Ariwibowo",
        ),
    ],
)
def test_a_titles_portfolio_is_not_part_of_the_person(text, person):
    found = build_recognizer("rules").recognize(text, "en")
    people = [text[m.start : m.end] for m in found if m.label == "PERSON"]
    assert person in people
    assert not any(name.split()[0] in ("of", "for") for name in people)


def test_a_title_with_only_its_place_names_no_one():
    text = "1241 - Alexander III , King of Scotland , was born ."
    found = build_recognizer("rules").recognize(text, "en")
    assert "of Scotland" not in [text[m.start : m.end] for m in found]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pakistan batsman Inzamam-ul-Haq said he was fit to play .", "Inzamam-ul-Haq"),
        ("Somerset play at Weston-super-Mare next week .", "Weston-super-Mare"),
    ],
)
def test_a_name_hyphenated_through_lower_case_words_stays_whole(text, name):
    found = [text[m.start : m.end] for m in build_recognizer("rules").recognize(text, "en")]
    assert name in found
    assert not [part for part in found if part != name and part in name]  # never a piece


def test_a_given_name_hyphenated_in_lower_case_stays_whole():
    text = (
        "Thailand 's powerful military thinks the government is dishonest and Prime Minister "
        "Banharn Silpa-archa 's resignation might solve the nation 's political woes ."
    )
    found = [text[m.start : m.end] for m in build_recognizer("rules").recognize(text, "en")]
    assert "Banharn Silpa-archa" in found and "Banharn Silpa" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Diana first met the Albanian-born missionary in Rome in 1992 .",
        "The current NATO-led peace force ( IFOR ) in Bosnia is due to return home .",
        "Goldman Sachs has issued five million American-style call warrants .",
    ],
)
def test_a_participle_or_compounding_word_after_a_hyphen_is_not_a_name(text):
    found = [text[m.start : m.end] for m in build_recognizer("rules").recognize(text, "en")]
    assert not [name for name in found if "-" in name]


def test_what_comes_before_a_title_is_not_the_person():
    text = (
        "Thai Prime Minister Banharn Silpa-archa on Monday proposed September 18 as the date "
        "for parliamentary debate on an opposition no-confidence motion ."
    )
    people = [
        text[m.start : m.end]
        for m in build_recognizer("rules").recognize(text, "en")
        if m.label == "PERSON"
    ]
    assert people == ["Banharn Silpa-archa"]
