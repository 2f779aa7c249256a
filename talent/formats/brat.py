"""brat standoff: per document a .txt and an .ann (T lines for spans and claims, R lines for
links, A lines for a claim's category and status, # notes for notes and normalised values), plus
one annotation.conf. Offsets are code points into the .txt, LF line ends. A span across a line
end, which brat cannot draw, becomes fragments (`T1 ORG 0 4;5 9`)."""

from __future__ import annotations

import json
import re

from talent.formats import Bundle, mention_of
from talent.model import CLAIM_CATEGORIES, CLAIM_STATUSES, LABELS, RELATIONS, SPAN_STATUSES

CLAIM_TYPE = "Claim"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between line ends (each piece non-empty)."""
    pieces, at = [], start
    for match in re.finditer(r"\n+", text[start:end]):
        if start + match.start() > at:
            pieces.append((at, start + match.start()))
        at = start + match.end()
    if end > at:
        pieces.append((at, end))
    return pieces


def _one_line(value: str) -> str:
    return " ".join(value.split())


def ann_text(bundle: Bundle) -> tuple[str, int]:
    """The .ann file of a document, and how many links it could not carry."""
    text = bundle.document.text
    lines: list[str] = []
    t_ids: dict[tuple[str, int], str] = {}
    counters = {"T": 0, "A": 0, "#": 0, "R": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def text_bound(kind: str, key: int, label: str, start: int, end: int) -> str:
        tid = next_id("T")
        pieces = fragments(text, start, end)
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        covered = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"{tid}\t{label} {offsets}\t{covered}")
        t_ids[(kind, key)] = tid
        return tid

    for span in sorted(bundle.spans, key=lambda s: (s.start, s.end, s.id)):
        tid = text_bound("span", span.id, span.label, span.start, span.end)
        if span.status != "accepted":
            lines.append(f"{next_id('A')}\tStatus {tid} {span.status}")
        if span.value is not None:
            value = json.dumps(span.value, ensure_ascii=False, sort_keys=True)
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\tvalue: {value}")
    for claim in sorted(bundle.claims, key=lambda c: (c.start, c.end, c.id)):
        tid = text_bound("claim", claim.id, CLAIM_TYPE, claim.start, claim.end)
        lines.append(f"{next_id('A')}\tCategory {tid} {claim.category}")
        lines.append(f"{next_id('A')}\tStatus {tid} {claim.status}")
        if claim.note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{_one_line(claim.note)}")
    mentions = mention_of(bundle)
    left_out = 0
    for link in bundle.links:
        person, org = mentions.get(link.person), mentions.get(link.org)
        if person is None or org is None:
            left_out += 1
            continue
        rid = next_id("R")
        arg1, arg2 = t_ids[("span", person.id)], t_ids[("span", org.id)]
        lines.append(f"{rid}\t{link.relation} Arg1:{arg1} Arg2:{arg2}")
        details = {k: v for k, v in (("date", link.date), ("amount", link.amount)) if v}
        if link.note or details:
            note = _one_line(link.note) + (" " if link.note and details else "")
            note += json.dumps(details, ensure_ascii=False, sort_keys=True) if details else ""
            lines.append(f"{next_id('#')}\tAnnotatorNotes {rid}\t{note}")
    return "".join(line + "\n" for line in lines), left_out


def annotation_conf() -> str:
    """The configuration brat needs to show and edit these files."""
    entities = "\n".join((*LABELS, CLAIM_TYPE))
    relations = "\n".join(f"{relation}\tArg1:PERSON, Arg2:ORG" for relation in RELATIONS)
    span_statuses = "|".join(s for s in SPAN_STATUSES if s != "accepted")
    attributes = "\n".join(
        (
            f"Category\tArg:{CLAIM_TYPE}, Value:{'|'.join(CLAIM_CATEGORIES)}",
            f"Status\tArg:<ENTITY>, Value:{'|'.join(CLAIM_STATUSES)}|{span_statuses}",
        )
    )
    return (
        f"[entities]\n{entities}\n\n[relations]\n{relations}\n\n[events]\n\n"
        f"[attributes]\n{attributes}\n"
    )
