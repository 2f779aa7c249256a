"""A small annotated corpus with the cases dataset formats get wrong: spans at the very start and
end of a text, an astral character (U+20000) before a span, a span across a line end, Latin
words inside Chinese, overlapping spans, a claim with a note, links, and cells that look like
spreadsheet formulas."""

from __future__ import annotations

import json
from pathlib import Path

EN_TEXT = (
    "Meta hired Jiahui Yu from OpenAI, paying $80 million.\n"
    "He becomes a research\nscientist in July, \U00020000 Sam Altman said at OpenAI"
)
ZH_TEXT = "于佳慧离开OpenAI加入Meta，获得8000万美元签约奖金。\n\U00020000扎克伯格确认了此事，Meta"
FORMULA_TITLE = '=HYPERLINK("http://x","click"), a title'


def _span(text: str, quote: str, label: str, nth: int = 0, **extra) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return {"start": start, "end": start + len(quote), "label": label, "text": quote, **extra}


def records() -> list[dict]:
    """The two documents, in native JSONL form."""
    en_entities = [
        {"id": "p1", "label": "PERSON", "name": "Jiahui Yu"},
        {"id": "o1", "label": "ORG", "name": "Meta"},
        {"id": "o2", "label": "ORG", "name": "OpenAI"},
        {"id": "p2", "label": "PERSON", "name": "Sam Altman"},
    ]
    claim_start = EN_TEXT.index("Meta hired")
    claim_end = EN_TEXT.index(".\n") + 1
    en = {
        "id": "en1",
        "title": FORMULA_TITLE,
        "lang": "en",
        "source": "en.txt",
        "text": EN_TEXT,
        "entities": en_entities,
        "spans": [
            _span(EN_TEXT, "Meta", "ORG", entity="o1"),  # the very start
            _span(EN_TEXT, "Jiahui Yu", "PERSON", entity="p1"),
            _span(EN_TEXT, "Jiahui", "PERSON"),  # overlaps the longer one
            _span(EN_TEXT, "OpenAI", "ORG", entity="o2"),
            _span(EN_TEXT, "$80 million", "MONEY", value={"amount": 80000000, "currency": "USD"}),
            _span(EN_TEXT, "research\nscientist", "TITLE"),  # across a line end
            _span(EN_TEXT, "July", "DATE", status="suggested"),
            _span(EN_TEXT, "Sam Altman", "PERSON", entity="p2"),  # after an astral character
            _span(EN_TEXT, "OpenAI", "ORG", nth=1, entity="o2"),  # the very end
        ],
        "claims": [
            {
                "id": 1,
                "start": claim_start,
                "end": claim_end,
                "text": EN_TEXT[claim_start:claim_end],
                "category": "compensation",
                "status": "supported",
                "note": '+1 source, "confirmed"\nby two people',
            }
        ],
        "links": [
            {
                "person": "p1",
                "org": "o1",
                "relation": "joined",
                "evidence": 1,
                "date": "2025-07",
                "amount": {"amount": 80000000, "currency": "USD", "per": None},
                "note": "signing bonus {reported}",
            },
            {"person": "p1", "org": "o2", "relation": "left"},
            {"person": "p2", "org": "o2", "relation": "leads"},
        ],
    }
    zh_entities = [
        {"id": "p3", "label": "PERSON", "name": "于佳慧"},
        {"id": "o3", "label": "ORG", "name": "OpenAI"},
        {"id": "o4", "label": "ORG", "name": "Meta"},
    ]
    zh = {
        "id": "zh1",
        "title": "于佳慧加入Meta, 据报道",
        "lang": "zh",
        "source": "zh.txt",
        "text": ZH_TEXT,
        "entities": zh_entities,
        "spans": [
            _span(ZH_TEXT, "于佳慧", "PERSON", entity="p3"),  # the very start
            _span(ZH_TEXT, "OpenAI", "ORG", entity="o3"),  # a Latin word inside Chinese
            _span(ZH_TEXT, "Meta", "ORG", entity="o4"),
            _span(ZH_TEXT, "8000万美元", "MONEY"),
            _span(ZH_TEXT, "扎克伯格", "PERSON"),  # after an astral character
            _span(ZH_TEXT, "Meta", "ORG", nth=1, entity="o4"),  # the very end
        ],
        "links": [{"person": "p3", "org": "o3", "relation": "left"}],
    }
    return [en, zh]


def write_corpus(path: Path) -> Path:
    """The corpus as a native JSONL file to import."""
    path.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records()),
        encoding="utf-8",
    )
    return path


def accepted(record: dict) -> list[tuple[int, int, str]]:
    """(start, end, label) of a record's accepted spans, in text order."""
    return sorted(
        (s["start"], s["end"], s["label"])
        for s in record["spans"]
        if s.get("status", "accepted") == "accepted"
    )
