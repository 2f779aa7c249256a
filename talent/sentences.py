"""Sentence boundaries (Chinese 。！？ and English . ! ?) and the guesses a form starts from:
a claim's category and a link's relation, read from the words of the sentence."""

from __future__ import annotations

import re

_END = re.compile(r"[。！？!?；]|\.(?=\s|$)|\n")

_CATEGORY_CUES = (
    ("hiring", ("加入", "聘请", "招募", "挖走", "加盟", "joined", "hired", "recruit", "poach")),
    ("departure", ("离职", "离开", "出走", "流失", "left ", "departure", "resign", "quit")),
    ("investment", ("投资", "融资", "invest", "funding")),
    ("forecast", ("预计", "将成为", "will ", "expected to", "forecast")),
)

_RELATION_CUES = (
    ("formerly_at", ("前负责人", "曾担任", "曾在", "前", "former", "previously", "ex-")),
    ("left", ("离职", "离开", "left", "departed", "quit")),
    ("joined", ("加入", "加盟", "聘请", "招募", "挖走", "吸引", "joined", "hired", "recruited")),
    ("founded", ("创始人", "创立", "创建", "founder", "founded")),
    ("leads", ("负责人", "领导", "head of", "leads", "chief")),
    ("studied_at", ("毕业", "博士", "graduated", "studied", "phd")),
)


def sentence_ends(text: str) -> list[int]:
    """The offset just past each sentence's end (its punctuation, or a line end)."""
    return [match.end() for match in _END.finditer(text)]


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding the offset, as (start, end), its ending punctuation included and
    surrounding spaces left out."""
    start = 0
    for match in _END.finditer(text, 0, offset):
        start = match.end()
    found = _END.search(text, offset)
    end = found.end() if found else len(text)
    if found and found.group() == "\n":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_naming_both(
    text: str, offset: int, first: tuple[str, ...], second: tuple[str, ...]
) -> tuple[int, int]:
    """The sentence to cite for a tie between two things: the one at the offset if it names
    both (one of each's names), else the first that does, else the one at the offset."""

    def names_both(start: int, end: int) -> bool:
        sentence = text[start:end]
        return any(n in sentence for n in first if n) and any(n in sentence for n in second if n)

    here = sentence_at(text, offset)
    if names_both(*here):
        return here
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        if end > start and names_both(start, end):
            return sentence_at(text, start)
        start = end
    return here


def _first_cue(sentence: str, cues: tuple[tuple[str, tuple[str, ...]], ...], default: str) -> str:
    lowered = sentence.lower()
    for name, words in cues:
        if any(word in lowered for word in words):
            return name
    return default


def guess_category(sentence: str, labels: set[str]) -> str:
    """The claim category a sentence most likely is: a sum of money makes it compensation."""
    if "MONEY" in labels:
        return "compensation"
    return _first_cue(
        sentence, _CATEGORY_CUES, "statistic" if labels & {"PERCENT", "NUMBER"} else "other"
    )


def guess_relation(sentence: str) -> str:
    """The person-organization relation a sentence most likely states."""
    return _first_cue(sentence, _RELATION_CUES, "works_at")
