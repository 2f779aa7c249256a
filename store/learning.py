"""Learning from the user: an accepted or labelled text is suggested wherever else it occurs,
in every document, and remembered for documents imported later."""

from __future__ import annotations

import re

from sqlite_utils import Database

from store.events import record_event, utc_now
from talent.segment import learn_word

_JIEBA_TAGS = {"PERSON": "nr", "ORG": "nt", "LOCATION": "ns"}
# Figures are found by rules already; learning them would only repeat one number everywhere.
LEARNABLE = ("PERSON", "ORG", "LOCATION", "TITLE")


def learn(db: Database, text: str, label: str, annotator: str) -> int:
    """Remember text as label and suggest it at its other unannotated occurrences.
    Call inside the transaction that records the user's decision. Returns suggestions added."""
    if label not in LEARNABLE or not text.strip():
        return 0
    at = utc_now()
    known = db.execute("SELECT label FROM lexicon WHERE text = ?", [text]).fetchone()
    if known and known[0] == label:
        return 0
    db.execute(
        "INSERT OR REPLACE INTO lexicon (text, label, annotator, added_at) VALUES (?, ?, ?, ?)",
        [text, label, annotator, at],
    )
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        learn_word(text, _JIEBA_TAGS.get(label, "n"))
    added = 0
    pattern = re.compile(
        re.escape(text)
        if not text.isascii()
        else rf"(?<![A-Za-z0-9]){re.escape(text)}(?![A-Za-z0-9])"
    )
    for doc_id, doc_text in db.execute(
        "SELECT id, text FROM documents WHERE instr(text, ?) > 0", [text]
    ).fetchall():
        for match in pattern.finditer(doc_text):
            overlapping = db.execute(
                'SELECT 1 FROM spans WHERE document_id = ? AND start < ? AND "end" > ? LIMIT 1',
                [doc_id, match.end(), match.start()],
            ).fetchone()
            if overlapping:
                continue
            db.execute(
                'INSERT INTO spans (document_id, start, "end", label, quote, status, origin, annotator, '
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'suggested', 'learned', '', ?, ?)",
                [doc_id, match.start(), match.end(), label, text, at, at],
            )
            added += 1
    record_event(
        db, "learn", "lexicon", text, None, {"label": label, "suggested": added}, annotator, at
    )
    return added
