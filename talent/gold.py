"""Gold annotations in the formats public NER corpora come in, read into texts and spans with our
labels: CoNLL/BIO rows (one character or one token a row; IOB1, IOB2, BIOES and BMES tags) and
CLUENER's JSON lines. Types with no label of ours (MISC, book, game...) are left out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from talent.lang import detect_language

# Corpus types to our labels (upper-cased before lookup).
LABEL_OF = {
    "PER": "PERSON", "PERSON": "PERSON", "NR": "PERSON", "NAME": "PERSON",
    "ORG": "ORG", "ORGANIZATION": "ORG", "NT": "ORG", "COMPANY": "ORG", "GOVERNMENT": "ORG",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "NS": "LOCATION", "GPE": "LOCATION",
    "ADDRESS": "LOCATION",
    "DATE": "DATE", "TIME": "DATE", "MONEY": "MONEY", "PERCENT": "PERCENT",
    "QUANTITY": "NUMBER", "CARDINAL": "NUMBER", "POSITION": "TITLE", "TITLE": "TITLE",
}  # fmt: skip
# Sentences put together into one document, so recognition sees some context.
SENTENCES_PER_DOCUMENT = 20


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the line."""


@dataclass
class GoldText:
    """One text of a gold corpus and its spans (start, end, label), end exclusive."""

    text: str
    lang: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def our_label(corpus_type: str) -> str | None:
    """Our label for a corpus's entity type, or None when we have none."""
    return LABEL_OF.get(corpus_type.upper())


def read_cluener(text: str) -> list[GoldText]:
    """CLUENER JSON lines: {"text": ..., "label": {type: {mention: [[start, end_inclusive]]}}}."""
    texts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            spans = [
                (start, end + 1, label)
                for kind, mentions in (obj.get("label") or {}).items()
                if (label := our_label(kind))
                for places in mentions.values()
                for start, end in places
            ]
            texts.append(GoldText(obj["text"], detect_language(obj["text"]), sorted(spans)))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise GoldError(f"line {number}: not a CLUENER record ({error})") from None
    return texts


def _rows(text: str) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, token, tag) per row; (number, None, None) for a sentence break and a
    document start."""
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            yield number, None, "-DOCSTART-" if parts else None
            continue
        if len(parts) < 2:
            raise GoldError(f"line {number}: a row needs a token and a tag: {line[:40]!r}")
        yield number, parts[0], parts[-1]


def read_bio(text: str) -> list[GoldText]:
    """CoNLL/BIO rows into texts: sentences joined with a newline, SENTENCES_PER_DOCUMENT to a
    text (or as `-DOCSTART-` divides them); tokens joined directly when they are single CJK
    characters, else with a space."""
    sentences: list[list[tuple[str, str]]] = [[]]
    starts_document: set[int] = set()
    for number, token, tag in _rows(text):
        if token is None:
            if sentences[-1]:
                sentences.append([])
            if tag == "-DOCSTART-":
                starts_document.add(len(sentences) - 1)
            continue
        if tag != "O" and not (len(tag) > 2 and tag[1] in "-_" and tag[0] in "BIESM"):
            raise GoldError(f"line {number}: tag {tag!r} is not O or B-, I-, E-, S-, M- TYPE")
        sentences[-1].append((token, tag))
    sentences = [s for s in sentences if s]
    cjk = sum(len(t) == 1 and "\u3400" <= t <= "\u9fff" for s in sentences for t, _ in s)
    joiner = "" if cjk * 2 > sum(len(s) for s in sentences) else " "
    texts: list[GoldText] = []
    current: GoldText | None = None
    for index, sentence in enumerate(sentences):
        if current is None or index in starts_document or index % SENTENCES_PER_DOCUMENT == 0:
            current = GoldText("", "")
            texts.append(current)
        if current.text:
            current.text += "\n"
        _append_sentence(current, sentence, joiner)
    for gold in texts:
        gold.lang = detect_language(gold.text)
    return texts


def _append_sentence(gold: GoldText, sentence: list[tuple[str, str]], joiner: str) -> None:
    """Add a sentence's tokens to the text and its entities to the spans."""
    open_span: tuple[int, str] | None = None  # (start, corpus type)
    last_end = len(gold.text)

    def close() -> None:
        nonlocal open_span
        if open_span is not None:
            label = our_label(open_span[1])
            if label:
                gold.spans.append((open_span[0], last_end, label))
            open_span = None

    for position, (token, tag) in enumerate(sentence):
        if position and joiner:
            gold.text += joiner
        start = len(gold.text)
        gold.text += token
        prefix, kind = (tag[0], tag[2:]) if tag != "O" else ("O", "")
        continuing = open_span is not None and open_span[1] == kind and prefix in "IME"
        if not continuing:
            close()
            if prefix != "O":
                open_span = (start, kind)  # B, S, or an I that starts an entity (IOB1)
        last_end = len(gold.text)
        if prefix in "ES":
            close()
    close()


def read_gold(text: str, name: str) -> list[GoldText]:
    """A gold corpus in whichever format it is: CLUENER JSON lines, else CoNLL/BIO rows."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.lstrip().startswith("{"):
        try:
            is_cluener = isinstance(json.loads(first).get("label"), dict)
        except ValueError:
            is_cluener = False
        if is_cluener:
            return read_cluener(text)
        raise GoldError(f'{name}: JSON lines, but not CLUENER\'s (a "label" object per line)')
    return read_bio(text)
