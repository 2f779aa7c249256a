"""Learning from the user: an accepted or labelled text is suggested wherever else it occurs,
in every document, and remembered for documents imported later."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlite_utils import Database

from store.history import UserAction
from talent.lang import has_han
from talent.segment import learn_word

_JIEBA_TAGS = {"PERSON": "nr", "ORG": "nt", "LOCATION": "ns"}
# Figures are found by rules already; learning them would only repeat one number everywhere.
LEARNABLE = ("PERSON", "ORG", "LOCATION", "TITLE")


def occurrences(text: str, document_text: str) -> list[tuple[int, int]]:
    """Where a text occurs as a whole (a Latin word is not matched inside a longer word)."""
    pattern = re.compile(
        re.escape(text)
        if not text.isascii()
        else rf"(?<![A-Za-z0-9]){re.escape(text)}(?![A-Za-z0-9])"
    )
    return [(m.start(), m.end()) for m in pattern.finditer(document_text)]


def _overlap_test(db: Database, doc_id: str) -> Callable[[int, int], bool]:
    """A test of whether [start, end) overlaps a span of the document, a step of two indexes
    each: only a span starting less than the document's longest span before `start` can reach
    it (reading every span instead took 5-20 ms on a 1 MB document, at each first accept)."""
    longest = db.execute(
        'SELECT max("end" - start) FROM spans WHERE document_id = ?', [doc_id]
    ).fetchone()[0]

    def overlaps(start: int, end: int) -> bool:
        if longest is None:
            return False
        found = db.execute(
            'SELECT 1 FROM spans WHERE document_id = ? AND start >= ? AND start < ? AND "end" > ? '
            "LIMIT 1",
            [doc_id, start - longest, end, start],
        ).fetchone()
        return found is not None

    return overlaps


def learn(action: UserAction, text: str, label: str) -> int:
    """Remember text as label and suggest it at its other unannotated occurrences, each insert
    logged in the user's action. Returns suggestions added."""
    if label not in LEARNABLE or not text.strip():
        return 0
    db = action.db
    known = action.read("lexicon", {"text": text})
    if known and known["label"] == label:
        return 0
    if known:
        action.update("lexicon", {"text": text}, {"label": label, "added_at": action.at})
    else:
        action.insert(
            "lexicon",
            {"text": text, "label": label, "annotator": action.annotator, "added_at": action.at},
        )
    if has_han(text):
        learn_word(text, _JIEBA_TAGS.get(label, "n"))
    added = 0
    for doc_id, doc_text in db.execute(
        "SELECT id, text FROM documents WHERE instr(text, ?) > 0", [text]
    ).fetchall():
        is_annotated = _overlap_test(db, doc_id)
        for start, end in occurrences(text, doc_text):
            if is_annotated(start, end):
                continue
            action.insert(
                "spans",
                {
                    "document_id": doc_id,
                    "start": start,
                    "end": end,
                    "label": label,
                    "quote": text,
                    "status": "suggested",
                    "origin": "learned",
                    "annotator": "",
                    "created_at": action.at,
                    "updated_at": action.at,
                },
            )
            added += 1
    return added
