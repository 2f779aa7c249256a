"""The default recognizer: figures, gazetteer and learned words, and language rules, combined."""

from __future__ import annotations

from bisect import bisect_right

from talent.lang import has_han
from talent.recognize import chinese, english
from talent.recognize.base import Mention, resolve_overlaps
from talent.recognize.figures import find_figures
from talent.recognize.gazetteer import Entry, Gazetteer, bundled_entries, gazetteer_version

RULES_VERSION = "8"


def recognizer_version() -> str:
    """The version of the rules and gazetteer together."""
    return f"{RULES_VERSION}-{gazetteer_version()}"


class RuleRecognizer:
    """Rules, gazetteer and jieba; learned words (accepted by users) rank above everything."""

    name = "talent-rules"
    engine = "rules"

    def __init__(self, learned: list[tuple[str, str]] = ()) -> None:
        self.learned = list(learned)
        entries = bundled_entries()
        self.gazetteer = Gazetteer(entries)
        # A word of one Han character accepted as a name (中 in 中美, 日 in 中日) is a name only
        # beside what it pairs with: suggested everywhere it was most of People's Daily dev's
        # wrong places after fifty reviewed documents (中 101 times, 以 97, 日 96 in 30 documents).
        spread = [(text, label) for text, label in self.learned if not _one_han(text)]
        self.lexicon = Gazetteer(tuple(Entry(label, text, (text,)) for text, label in spread))
        # Learned words are not part of the version: learning suggests them everywhere at once,
        # so a new word must not make every document be recognised again.
        self.version = recognizer_version()
        if any(has_han(text) for text, _ in self.learned):
            from talent.segment import learn_word

            for text, label in self.learned:
                if has_han(text):
                    learn_word(
                        text, {"PERSON": "nr", "ORG": "nt", "LOCATION": "ns"}.get(label, "n")
                    )

    def recognize(self, text: str, lang: str) -> list[Mention]:
        """Every suggested mention in the text, without overlaps, ordered by position."""
        mentions = find_figures(text)
        mentions += [
            Mention(m.start, m.end, m.label, "learned", None, 4)
            for m in self.lexicon.mentions(text)
        ]
        # A place inside a sum of money is its currency's (US in US$5 million).
        money = bytearray(len(text) + 1)
        for figure in mentions:
            if figure.label == "MONEY":
                money[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
        gazetteer = [m for m in self.gazetteer.mentions(text) if not money[m.start]]
        english_rules: list[Mention] = []
        if lang != "zh":
            # English context rules ("Mr.", "professor at") do not apply to Chinese sentences.
            names = english.capitalised_names(text)
            # An alias inside a longer name is part of that name, whether the rules could say
            # what it is or not: Paris in Paris Hilton, Texas in Texas Longhorn.
            runs = [Mention(s, e, "", "", None) for s, e in english.name_runs(text)]
            starts = [r.start for r in runs]
            gazetteer = [m for m in gazetteer if not _inside_longer(m, runs, starts)]
            english_rules = names + english.titles(text)
        if lang == "zh" or has_han(text):
            mentions += self._chinese(text, gazetteer, lang == "zh")
        else:
            mentions += gazetteer
        resolved = resolve_overlaps(mentions + english_rules)
        if lang != "zh" and not has_han(text):
            # What the document says of a name once holds wherever the context is silent.
            resolved = sorted(english.consistent_names(text, resolved), key=lambda m: m.start)
        return resolved

    def _chinese(self, text: str, gazetteer: list[Mention], full: bool) -> list[Mention]:
        from talent.segment import word_tags, words

        # A place's name standing for something else is no place (北京时间, 日本語).
        gazetteer = [
            m
            for m in gazetteer
            if m.label != "LOCATION" or not chinese.place_name_used_otherwise(text, m.start, m.end)
        ]
        if not full:
            # A few Han words in another language's text: check each alias in a small window.
            return [m for m in gazetteer if not _inside_longer_word_nearby(text, m)]
        seg = chinese.Segmented(text, words(text), word_tags())
        # An alias inside a longer word is not a mention: 中国 in 中国籍.
        kept = [
            m
            for m in gazetteer
            if not has_han(text[m.start : m.end])
            or not chinese.inside_longer_word(seg, m.start, m.end)
        ]
        return (
            kept
            + chinese.dotted_names(seg)
            + chinese.surname_names(seg)
            + chinese.tagged_names(seg)
            + chinese.organizations(text)
            + chinese.titles(text)
        )


def _one_han(text: str) -> bool:
    return len(text.strip()) == 1 and has_han(text)


def _inside_longer(mention: Mention, names: list[Mention], starts: list[int]) -> bool:
    """Whether a longer name holds the mention; names come from one regex scan, so they do not
    overlap and only the last one starting at or before it can."""
    index = bisect_right(starts, mention.start) - 1
    if index < 0:
        return False
    name = names[index]
    return mention.end <= name.end and name.end - name.start > mention.end - mention.start


def _inside_longer_word_nearby(text: str, mention: Mention) -> bool:
    from talent.segment import word_tags, words

    if not has_han(text[mention.start : mention.end]):
        return False
    offset = max(0, mention.start - 4)
    window = text[offset : mention.end + 4]
    seg = chinese.Segmented(window, words(window), word_tags())
    return chinese.inside_longer_word(seg, mention.start - offset, mention.end - offset)
