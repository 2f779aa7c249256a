"""The seed articles annotated as an analyst would for the talent flows: the four researchers
who left OpenAI for Meta with the pay the Chinese article gives, and Shulman leaving OpenAI in
the English one. Every step goes through the store's user actions."""

from __future__ import annotations

from store import actions, claim_link_actions
from store.annotations import spans_for_document
from store.documents import list_documents
from talent.model import Link
from talent.recognize.figures import parse_amount
from talent.sentences import sentence_at

RESEARCHERS = ("于佳慧", "赵盛佳", "毕树超", "任泓宇")
YU_PAY = (("4亿美元", "in all"), ("8000万美元", "signing bonus"), ("3.2亿美元", "equity"))
OTHERS_PAY = "1.2亿美元以上"


def seed_document(db, lang: str):
    return next(d for d in list_documents(db) if d.lang == lang)


def person_span(db, doc, name: str, annotator: str = "ana") -> int:
    """The span of the first mention of `name`, labelled PERSON if the suggestions missed it."""
    start = doc.text.index(name)
    for span in spans_for_document(db, doc.id):
        if span.start == start and span.end == start + len(name) and span.label == "PERSON":
            return span.id
    action = actions.label_range(db, doc.id, start, start + len(name), "PERSON", annotator)
    return next(c.after["id"] for c in action.changes if c.kind == "spans" and c.after)


def link(db, doc, name, org, relation, cue, amount="", note="", annotator="ana"):
    """Link `name` to `org`, citing the sentence that holds `cue`."""
    evidence = sentence_at(doc.text, doc.text.index(cue))
    claim_link_actions.save_link(
        db,
        Link(
            0, doc.id, "", "", relation, amount=parse_amount(amount) if amount else None, note=note
        ),
        annotator,
        person_span=person_span(db, doc, name, annotator),
        org_name=org,
        evidence_range=evidence,
    )


def annotate_seed_moves(db) -> None:
    """Links for the four moves from OpenAI to Meta, and Shulman's departure."""
    zh = seed_document(db, "zh")
    for name in RESEARCHERS:
        link(db, zh, name, "OpenAI", "formerly_at", "这4名华人在OpenAI都取得了显著成就")
    for amount, note in YU_PAY:
        relation = "joined" if note == "in all" else "offered_by"
        link(db, zh, "于佳慧", "Meta", relation, "仅于佳慧的招募", amount, note)
    for name in RESEARCHERS[1:]:
        link(db, zh, name, "Meta", "joined", "其他三位人才的待遇", OTHERS_PAY)
    en = seed_document(db, "en")
    link(db, en, "Shulman", "OpenAI", "left", "the departure of senior researchers")
