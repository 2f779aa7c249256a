"""English names by rules: capitalised runs classified by their own words and their context."""

from __future__ import annotations

import re
from dataclasses import replace

from talent.recognize.base import Mention
from talent.recognize.english_words import (
    HONORIFICS,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_HEADS,
    PLACE_WORDS,
    TITLE_WORDS,
)
from talent.recognize.name_data import company_forms, given_names, places

ORIGIN = "rules"
_CONNECTOR_WORDS = ("of", "for", "de", "del", "van", "von", "der", "du", "la", "le", "and", "&")
_CONNECTORS = "(?:" + "|".join(_CONNECTOR_WORDS) + ")"
# A dot belongs to a run only after an honorific or an initial ("Dr. Li", "J. Smith"): after a
# word it ends a sentence, and "Paris. Maria" is two names. A possessive ends a name: "OpenAI's
# Sam Altman" is two (O'Brien keeps its apostrophe), and so does a lower-case suffix: Paris in
# "Paris-based" (Rolls-Royce stays whole, and so do Inzamam-ul-Haq and Weston-super-Mare).
# Latin letters with their accents (José, Würzburg, Łódź), capitals first.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"
# A given name of two syllables hyphenated, the second in lower case (Jae-in, Kam-wing, Ki-choo),
# is one word; a past participle or a compounding word after a hyphen is not a name's
# (Paris-based, Tokyo-style, Seoul-born, Asia-wide). A syllable ending in -ing is a name's:
# Wai-ching, Kam-shing.
_COMPOUNDING = (
    "born|run|made|built|style|era|like|bound|wide|year|month|day|week|tier|back|bill|rays?|"
    "bike|mail|seed|form|sized?|type|class|level|area|wise|free|only|less|ish|up|down|out|off"
)
_SYLLABLES = (
    rf"[{_UPPER}][a-z]{{1,4}}-(?![a-z]+ed\b)(?!(?:{_COMPOUNDING})\b)[a-z]{{1,5}}"
    rf"(?![{_LETTER}'’-])"
)
_WORD = (
    rf"{_SYLLABLES}|(?:Mr|Ms|Mrs|Dr|Prof|St|Jr|Sr)\.(?=\s[A-Z])|[A-Z]\.(?=\s[A-Z])"
    rf"|[{_UPPER}](?:[{_LETTER}]|-(?=[{_UPPER}])|-[a-z]{{1,6}}-(?=[{_UPPER}])|['’](?!s\b))*"
    rf"[{_LETTER}]|[{_UPPER}]"
)
# Words of a name are on one line: a line break ends it, as a title ends before its text.
_RUN = re.compile(
    rf"(?<![{_LETTER}0-9'’])(?:{_WORD})(?:[^\S\n]+(?:{_CONNECTORS}[^\S\n]+)?(?:{_WORD}))*"
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|Sir|Dame)\.?\s+"
    r"|\b(?:CEO|CTO|COO|CFO|founder|co-founder|cofounder|researcher|scientist|professor|engineer|"
    r"executive|chairman|chairwoman|president|director|investor|analyst|economist|spokesperson|"
    r"chief\s+\w+(?:\s+officer)?)\s+"
    r"|\b(?:researchers|scientists|engineers|executives|people|founders|leaders|experts|figures)\s+"
    r"(?:such\s+as|like|including)\s+)$",
    re.IGNORECASE,
)
# Hiring news: who is appointed, hired or poached is a person, when the name ends there
# ("appointed Toure , a former ..."; not "hired Australian coach Bob Brett").
_HIRED_BEFORE = re.compile(
    r"\b(?:appointed|appoints|appoint|hired|hires|poached|recruited)\s+$", re.IGNORECASE
)
_NAME_ENDS = re.compile(
    r"^(?:\s*[,.;:)]|\s+(?:as|to|from|who|in|on|at|after|before|for|and|during|with|by|since)\b|\s*$)"
)
_PERSON_AFTER = re.compile(
    r"^(?:,\s+(?:a|an|the|its|their|former|then)?\s*(?:associate|assistant|senior|chief|lead|principal|"
    r"former|co-?)?\s*(?:professor|CEO|CTO|founder|co-founder|researcher|scientist|head|director|engineer|"
    r"president|chairman|executive|partner|investor|lead)\b"
    # "In Paris, Professor Andrew Ng": a title before a name is that name's, not Paris's.
    r"(?!\s+(?-i:[A-Z][a-z]))"
    r"|\s+(?:said|says|told|joined|left|wrote|added|noted|argued|explained|announced|tweeted|posted)\b"
    # "... appointed Taleni Nengola as Head of ...", "X was appointed", "X, who joins ..."
    r"|\s+(?:as\s+(?:the\s+)?(?:new\s+)?(?:head|chief|CEO|CTO|CFO|COO|director|president|chairman|"
    r"chairwoman|managing\s+director|general\s+manager|vice\s+president)\b|(?:was|has\s+been|is)\s+"
    r"(?:appointed|named|hired|promoted|poached)\b|,\s+who\s+(?:joins|joined|will\s+join|leaves|left)\b))",
    re.IGNORECASE,
)
_ORG_BEFORE = re.compile(
    r"(?:\b(?:interview\s+with|reported\s+by|according\s+to|(?:CEO|CTO|founder|head|chief\s+\w+|"
    r"professor|researcher|scientist|engineer|employee|employees|staff|spokesperson)\s+(?:of|at)|"
    r"companies\s+(?:such\s+as|like|including)|\(such\s+as|signed\s+(?:with|by)|played\s+for|"
    r"(?:worked|works|working)\s+(?:for|at)|employed\s+by|acquired\s+by|owned\s+by|"
    # A common noun before a name says what it is: the band Killing Joke, the firm Datecs.
    r"(?:band|company|firm|club|team|label|newspaper|magazine|network|station|party|airline|"
    r"university|agency|group)\s*,?)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
TITLES_EN = re.compile(
    r"\b(?:(?:associate|assistant|full)\s+)?professor\b|\b(?:co-?)?founder\b|\bchief\s+(?:executive|technology|"
    r"scientific|operating|financial|research|AI|product|people|revenue)\s+officer\b|\bchief\s+scientist\b|\b(?:CEO|CTO|COO|CFO)\b"
    r"|\bhead\s+of\s+[a-z]+(?:\s+[a-z]+){0,4}?\s+(?:group|team|lab|department)\b|\b(?:vice\s+)?president\b",
    re.IGNORECASE,
)


def _classify(text: str, start: int, end: int) -> str | None:
    words = text[start:end].replace(".", "").split()
    # A head word alone is a sentence's first word ("Enterprises need..."), not a name.
    if len(words) > 1 and (
        any(word in ORG_WORDS for word in words) or words[-1].lower() in company_forms()
    ):
        return "ORG"
    if len(words) > 1 and (words[-1] in PLACE_WORDS or words[0] in PLACE_HEADS):
        return "LOCATION"
    before, after = text[max(0, start - 60) : start], text[end : end + 60]
    # "appointed Legal Affairs Minister": a title, not the person the cue promises.
    titled = words[-1] in TITLE_WORDS
    hired = _HIRED_BEFORE.search(before) and _NAME_ENDS.match(after)
    if not titled and (hired or _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after)):
        return "PERSON"
    # A title before the name is a cue of its own: "Professor Amos Frumkin", "Colonel Jesse Auton",
    # "Thai Prime Minister Banharn Silpa-archa".
    if any(word in TITLE_WORDS for word in words[:-1]):
        return "PERSON"
    if _ORG_BEFORE.search(before):
        return "ORG"
    # Without a cue in the context, the words themselves: a known place, or a given name
    # followed by a surname ("Paris" alone is a city, "Paris Hilton" a person).
    if " ".join(words) in places():
        return "LOCATION"
    if 2 <= len(words) <= 3 and words[0] in given_names():
        return "PERSON"
    return None


def _skip_word(text: str, start: int, word: str) -> int:
    """The offset of the next word after `word`, which starts at or after `start`."""
    start = text.index(word, start) + len(word)
    return start + len(text[start:]) - len(text[start:].lstrip())


_AND = re.compile(r"[^\S\n]+(?:and|&)[^\S\n]+")


def _runs(text: str) -> list[tuple[int, int]]:
    """Capitalised runs, cut at an "and" that starts another person ("Carter and LeRoi", "Karl
    Langdon & Harvey Deegan"); "Procter and Gamble" stays whole."""
    runs = []
    for match in _RUN.finditer(text):
        start = match.start()
        for joint in _AND.finditer(text, match.start(), match.end()):
            following = text[joint.end() : match.end()].split()[0].rstrip(".")
            if following in given_names() or following in HONORIFICS | TITLE_WORDS:
                runs.append((start, joint.start()))
                start = joint.end()
        runs.append((start, match.end()))
    return runs


def name_runs(text: str) -> list[tuple[int, int]]:
    """Every capitalised run that may be a name, whether or not the rules could classify it:
    its leading function words left out, and cut at every "and" or "&" (in a run the rules
    could not read, that is a list: Shengjia Zhao and Hongyu Ren, Ottawa and Halifax)."""
    spans = []
    for run_start, run_end in _runs(text):
        pieces, start = [], run_start
        for joint in _AND.finditer(text, run_start, run_end):
            pieces.append((start, joint.start()))
            start = joint.end()
        pieces.append((start, run_end))
        for start, end in pieces:
            words = text[start:end].split()
            while words and words[0] in NOT_NAMES:
                start = _skip_word(text, start, words[0])
                words = words[1:]
            if words:
                spans.append((start, end))
    return spans


def capitalised_names(text: str) -> list[Mention]:
    """PERSON, ORG and LOCATION from capitalised runs that their words or context classify."""
    found = []
    for run_start, end in _runs(text):
        start = run_start
        # Drop leading sentence-initial function words: "In OpenAI" is "OpenAI".
        words = text[start:end].split()
        while words and (
            words[0] in NOT_NAMES
            or words[0].rstrip(".") in HONORIFICS
            # Once a leading word is gone, a connector cannot start the name: "CEO of Meta".
            or (start > run_start and words[0] in _CONNECTOR_WORDS)
        ):
            start = _skip_word(text, start, words[0])
            words = words[1:]
        if not words or all(w in NOT_NAMES for w in words):
            continue
        places_listed = _listed_places(text, start, end)
        if places_listed:
            found += places_listed
            continue
        label = _classify(text, start, end)
        if label == "PERSON":
            # The name follows its title, and what comes before the title is the title's too
            # ("Thai Prime Minister Banharn Silpa-archa").
            titled = [i + 1 for i, w in enumerate(words[:-1]) if w.rstrip(".") in TITLE_WORDS]
            name_starts = titled[-1] if titled else 0
            for word in words[:name_starts]:
                start = _skip_word(text, start, word)
            words = words[name_starts:]
            if words[0] in _CONNECTOR_WORDS:  # "(Minister) of Finance Bill Birch"
                portfolio = _portfolio_length(words)
                for word in words[:portfolio]:
                    start = _skip_word(text, start, word)
                words = words[portfolio:]
                if not words:
                    continue  # "(King) of Scotland": a title's place, no one named
        if label:
            found.append(Mention(start, end, label, ORIGIN, None, 1))
    return found


def _portfolio_length(words: list[str]) -> int:
    """How many words a title's portfolio takes at the start of `words` ("of Foreign Affairs"
    before "Lloyd Axworthy"): up to a given name or an honorific, else all but the last two
    words (a name of two), else all of them."""
    for index, word in enumerate(words[1:], start=1):
        if word in given_names() or word.rstrip(".") in HONORIFICS | TITLE_WORDS:
            return index
    return len(words) - 2 if len(words) >= 4 else len(words)


def _listed_places(text: str, start: int, end: int) -> list[Mention]:
    """Known places joined by "and" (Syria and Lebanon, Britain, France and Italy), each a
    place; none when the run is one place by that name (Trinidad and Tobago) or a piece is
    no known place. The first piece may bring a capitalised word before the place (a
    sentence's "Both Iran and Turkey")."""
    if text[start:end] in places() or not _AND.search(text, start, end):
        return []
    pieces, piece_start = [], start
    for joint in _AND.finditer(text, start, end):
        pieces.append((piece_start, joint.start()))
        piece_start = joint.end()
    pieces.append((piece_start, end))
    first_start, first_end = pieces[0]
    while first_start < first_end and text[first_start:first_end] not in places():
        next_word = text.find(" ", first_start, first_end)
        first_start = first_end if next_word == -1 else next_word + 1
    pieces[0] = (first_start, first_end)
    if not all(s < e and text[s:e] in places() for s, e in pieces):
        return []
    return [Mention(s, e, "LOCATION", ORIGIN, None, 1) for s, e in pieces]


# An acronym: three to six capitals (digits and & allowed inside), not a Roman numeral; two
# letters are too often a unit or a common abbreviation (AM, KO, EP) to take alone.
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{2,5}$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")


_PLACE_BEFORE = re.compile(r"\b(?:in|near|from)\s+$")
# Where a sentence starts, any word is capitalised: a first name alone there may be a verb.
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“]\s*|\n\s*)$")


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and not _ROMAN.match(word) and word not in NOT_NAMES


def consistent_names(text: str, found: list[Mention]) -> list[Mention]:
    """Names the context did not classify, labelled as the document labels them elsewhere: the
    same text, a person's surname alone (Bobick after Ron Bobick), an acronym given after its
    name in brackets (Dave Matthews Band ( DMB )); and other acronyms, as organizations
    unless they are places (NHL, CBC; not US)."""
    labels: dict[str, str] = {}
    for mention in found:
        name = text[mention.start : mention.end]
        labels.setdefault(name, mention.label)
        if mention.label == "PERSON" and " " in name:
            parts = name.split()
            labels.setdefault(parts[-1], "PERSON")
            labels.setdefault(parts[0], "PERSON")  # "Jeff" after "Jeff Smith"
    for mention in found:
        after = re.match(
            r"\s*\(\s*([A-Z][A-Za-z0-9&.]{1,7})\s*\)", text[mention.end : mention.end + 14]
        )
        if after and _is_acronym(after.group(1).replace(".", "")):
            labels.setdefault(after.group(1), mention.label)
    # Where each surname of a person named in full first ends: a place by that name after
    # it is the person.
    surnames: dict[str, int] = {}
    for mention in found:
        name = text[mention.start : mention.end]
        if mention.label == "PERSON" and " " in name:
            surname = name.split()[-1]
            surnames[surname] = min(surnames.get(surname, mention.end), mention.end)
    found = [_surname_as_person(text, m, surnames) for m in found]
    taken = sorted((m.start, m.end) for m in found)
    extra = []
    for start, end in _runs(text):
        words = text[start:end].split()
        while words and words[0] in NOT_NAMES:
            start = _skip_word(text, start, words[0])
            words = words[1:]
        name = " ".join(words)
        if not words or any(s < end and start < e for s, e in taken):
            continue
        label = labels.get(name)
        glued = text[end : end + 1].isalnum()  # MTV2, EZ2DJ: part of a longer token
        if label is None and len(words) == 1 and _is_acronym(name) and not glued:
            label = "LOCATION" if name in places() else "ORG"
        if (
            label is None
            and len(words) == 1
            and name in given_names()
            and name not in places()
            and not _SENTENCE_START.search(text[max(0, start - 4) : start])
        ):
            label = "PERSON"  # a first name alone ("fell in love with Ilona"), not "Will the..."
        if label is None and _PLACE_BEFORE.search(text[max(0, start - 8) : start]):
            label = "LOCATION"  # studied in Würzburg, fled to the hills near Abra
        if label:
            extra.append(Mention(start, end, label, ORIGIN, None, 1))
    return found + extra


def _surname_as_person(text: str, mention: Mention, surnames: dict[str, int]) -> Mention:
    """A one-word place that is the surname of a person named before it in the document is
    that person (Carlos Alvarado ... Alvarado), unless a place's preposition comes before it;
    `surnames` says where each person's surname was first named in full."""
    name = text[mention.start : mention.end]
    if mention.label != "LOCATION" or name not in surnames or surnames[name] > mention.start:
        return mention
    if _PLACE_BEFORE.search(text[max(0, mention.start - 8) : mention.start]):
        return mention
    return replace(mention, label="PERSON")


def titles(text: str) -> list[Mention]:
    """Job titles: CEO, associate professor, chief scientist."""
    return [Mention(m.start(), m.end(), "TITLE", ORIGIN, None, 1) for m in TITLES_EN.finditer(text)]
