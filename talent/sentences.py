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
    (
        "joined",
        (
            "加入",
            "加盟",
            "聘请",
            "招募",
            "挖走",
            "吸引",
            "出任",
            "joined",
            "hired",
            "hires",
            "recruited",
            "poached",
            "appointed",
        ),
    ),
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


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Every sentence of the text as (start, end), as `sentence_at` cuts them; none empty."""
    found = []
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        if text[start:end].strip():
            found.append(sentence_at(text, start))
        start = end
    return list(dict.fromkeys(found))


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
    return next((found for found in sentences_of(text) if names_both(*found)), here)


def _first_cue(sentence: str, cues: tuple[tuple[str, tuple[str, ...]], ...], default: str) -> str:
    lowered = sentence.lower()
    for name, words in cues:
        if any(word in lowered for word in words):
            return name
    return default


def guess_category(sentence: str, labels: set[str]) -> str:
    """The claim category a sentence most likely is: a sum of money makes it compensation,
    unless the sentence makes its sums only the price of a deal (a stake bought beside a hire:
    then what the words say, hiring or investment)."""
    lowered = sentence.lower()
    deal_only = any(c in lowered for c in _DEAL_CUES) and not any(c in lowered for c in _PAY_CUES)
    if "MONEY" in labels and not deal_only:
        return "compensation"
    return _first_cue(
        sentence, _CATEGORY_CUES, "statistic" if labels & {"PERCENT", "NUMBER"} else "other"
    )


# Words that make a sum the price of a deal (a stake, a valuation, a purchase), not someone's pay.
_DEAL_CUES = (
    "收购", "估值", "融资", "投资", "入股", "持股", "股份", "市值", "stake", "valuation",
    "valued", "acquir", "acquisition", "invest", "funding", "bought", "buy ", "purchase",
    "worth", "deal",
)  # fmt: skip
# Words that make a sum pay (or its total).
_PAY_CUES = (
    "年薪", "薪酬", "薪资", "待遇", "奖金", "报酬", "总计", "合计", "共计", "期权", "股权",
    "salary", "pay", "package", "bonus", "compensation", "offer", "in all", "total", "equity",
)  # fmt: skip
# Where a clause ends: its punctuation, a sentence's end, a comma not inside a number ($1,000).
_CLAUSE_END = re.compile(r"[，；;：:。！？!?\n]|,(?!\d)|\.(?=\s|$)")


def proposed_pay(text: str, sums: list[tuple[int, int, float]]) -> tuple[int, int] | None:
    """Of the sums (start, end, amount) in a sentence, the one a link's pay should propose: none
    that its clause makes the price of a deal (the stake bought beside a hire); among the rest,
    those its clause calls pay first; the largest of them (a total outweighs its parts). None
    when no sum is left: an empty amount beats a wrong one."""

    def clause(start: int, end: int) -> str:
        before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
        after = _CLAUSE_END.search(text, end)
        return text[before[-1] if before else 0 : after.start() if after else len(text)].lower()

    kept = [(s, e, a, clause(s, e)) for s, e, a in sums]
    kept = [k for k in kept if not any(cue in k[3] for cue in _DEAL_CUES)]
    paid = [k for k in kept if any(cue in k[3] for cue in _PAY_CUES)]
    best = max(paid or kept, key=lambda k: k[2], default=None)
    return None if best is None else (best[0], best[1])


# What the words just before an organization's name say the person did there.
_BEFORE_ORG = (
    ("left", ("away from", "from", "离开", "离开了", "从", "left", "quit", "departed")),
    ("joined", ("join", "joined", "加入", "加入了", "加盟", "to", "到")),
)


def guess_relation(sentence: str, org_names: tuple[str, ...] = ()) -> str:
    """The person-organization relation a sentence most likely states about this organization:
    what the words right before its name say ("poached away from OpenAI" is leaving OpenAI),
    else what the sentence says."""
    lowered = sentence.lower()
    for name in org_names:
        at = lowered.find(name.lower()) if name else -1
        if at > 0:
            before = lowered[max(0, at - 12) : at]
            for relation, cues in _BEFORE_ORG:
                if any(before.rstrip().endswith(cue) for cue in cues):
                    return relation
    return _first_cue(sentence, _RELATION_CUES, "works_at")
