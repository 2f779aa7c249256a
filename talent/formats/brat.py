"""brat standoff: per document a .txt and an .ann (T lines for spans and claims, R lines for
links, A lines for a claim's category and status, # notes for notes and normalised values), plus
one annotation.conf. Offsets are code points into the .txt, LF line ends. A span across a line
end, which brat cannot draw, becomes fragments (`T1 ORG 0 4;5 9`)."""

from __future__ import annotations

import json
import re

from talent.formats import Bundle, asserted_by, link_ends, named_spans, read_asserted_by
from talent.model import CLAIM_CATEGORIES, CLAIM_STATUSES, LABELS, RELATIONS, SPAN_STATUSES
from talent.strict_json import RecordError, parse_line

CLAIM_TYPE = "Claim"
# A note of this type on a claim names who asserts it: `#4\tAssertedBy T9\tPERSON Jensen Huang`.
ASSERTED_BY = "AssertedBy"


# Every character that ends a line for Python's splitlines, which brat's reader uses: none may
# stand inside an .ann line.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between line breaks (each piece non-empty)."""
    if not LINE_BREAKS.search(text, start, end):
        return [(start, end)]  # nearly every span: no line break inside
    pieces, at = [], start
    for match in LINE_BREAKS.finditer(text[start:end]):
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
        if speaker := asserted_by(bundle, claim):
            lines.append(f"{next_id('#')}\t{ASSERTED_BY} {tid}\t{_one_line(speaker)}")
    ends, left_out = link_ends(bundle)
    for link, person, org in ends:
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
    # Spans may nest and claims hold spans: brat's validator allows any overlap only when told.
    overlap = "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"
    return (
        f"[entities]\n{entities}\n\n[relations]\n{relations}\n{overlap}\n\n[events]\n\n"
        f"[attributes]\n{attributes}\n"
    )


_T_LINE = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)")
_R_LINE = re.compile(r"(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)\s*")
_A_LINE = re.compile(r"([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?\s*")
_NOTE_LINE = re.compile(r"(#\d*)\t(\S+) ([TR]\d+)\t(.*)")


def native_from_brat(text: str, ann: str) -> dict:
    """A brat .txt and .ann as a native record to check and import: T lines as accepted spans
    (Claim ones as claims), A lines as statuses and categories, notes as values and claim
    notes, R lines as links. A line brat allows but talent-tui cannot hold is refused, naming
    its line."""
    boxes: dict[str, tuple[int, int, str]] = {}
    attributes: list[tuple[int, str, str, str | None]] = []
    notes: list[tuple[int, str, str, str]] = []
    relations: list[tuple[int, str, str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(ann.splitlines(), start=1):
        if not line.strip():
            continue
        line_id = line.split("\t", 1)[0]
        if line_id in seen and line_id != "#":
            raise RecordError(
                f"line {number}: {line_id} is defined twice; each id names one annotation only"
            )
        seen.add(line_id)
        if match := _T_LINE.fullmatch(line):
            tid, label, offsets, covered = match.groups()
            if any(len(number_) > 18 for number_ in re.findall(r"\d+", offsets)):
                raise RecordError(f"line {number}: {tid}'s offsets are too large a number")
            pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
            start, end = pieces[0][0], pieces[-1][1]
            expected = " ".join(text[s:e] for s, e in pieces)
            if any(e > len(text) or s >= e for s, e in pieces) or covered != expected:
                raise RecordError(
                    f"line {number}: {tid} says {covered!r} at {offsets}, but the .txt has "
                    f"{expected!r} there"
                )
            if any(text[a:b].strip() for (_, a), (b, _) in zip(pieces, pieces[1:], strict=False)):
                raise RecordError(
                    f"line {number}: {tid} has fragments apart; talent-tui spans are whole"
                )
            if label not in LABELS and label != CLAIM_TYPE:
                raise RecordError(
                    f"line {number}: {tid} is a {label}, not one of {', '.join(LABELS)} or Claim"
                )
            boxes[tid] = (start, end, label)
        elif match := _R_LINE.fullmatch(line):
            relations.append((number, *match.group(1, 2, 3, 4)))
        elif match := _A_LINE.fullmatch(line):
            attributes.append((number, *match.group(2, 3, 4)))
        elif match := _NOTE_LINE.fullmatch(line):
            notes.append((number, *match.group(2, 3, 4)))
        else:
            raise RecordError(
                f"line {number}: not a T, R, A or # line talent-tui can hold: {line[:60]!r}"
            )
    spans = {tid: box for tid, box in boxes.items() if box[2] != CLAIM_TYPE}
    native = named_spans(text, list(spans.values()))
    by_tid = dict(zip(spans, native["spans"], strict=True))
    claims = {
        tid: {"id": index, "start": s, "end": e, "category": "other"}
        for index, (tid, (s, e, _)) in enumerate(
            ((t, b) for t, b in boxes.items() if b[2] == CLAIM_TYPE), start=1
        )
    }
    for number, name, tid, value in attributes:
        target = claims.get(tid) or by_tid.get(tid)
        if target is None:
            raise RecordError(f"line {number}: {name} of {tid}, which no T line defines")
        key = {"Category": "category", "Status": "status"}.get(name)
        if key is None or (key == "category" and tid not in claims):
            raise RecordError(f"line {number}: attribute {name} is not one talent-tui knows")
        target[key] = value
    link_notes: dict[str, str] = {}
    for number, kind, tid, note in notes:
        if kind == ASSERTED_BY and tid in claims:
            claims[tid]["attributed_to"] = read_asserted_by(note, native)
            continue
        if tid.startswith("R"):
            link_notes[tid] = note
        elif tid in claims:
            claims[tid]["note"] = note
        elif tid in by_tid and note.startswith("value: "):
            try:
                value = parse_line(note.removeprefix("value: "))
            except RecordError as error:
                raise RecordError(f"line {number}: the value of {tid}: {error}") from None
            if not isinstance(value, dict):
                raise RecordError(f"line {number}: the value of {tid} must be a JSON object")
            by_tid[tid]["value"] = value
    for number, rid, relation, arg1, arg2 in relations:
        for tid, label in ((arg1, "PERSON"), (arg2, "ORG")):
            if tid not in by_tid:
                raise RecordError(f"line {number}: {relation} names {tid}, which no T line defines")
            if by_tid[tid]["label"] != label:
                raise RecordError(
                    f"line {number}: {tid} is a {by_tid[tid]['label']}; a link goes from a "
                    "PERSON to an ORG"
                )
        link = {
            "person": by_tid[arg1]["entity"],
            "org": by_tid[arg2]["entity"],
            "relation": relation,
        }
        native["links"].append(link | _link_note(link_notes.get(rid, "")))
    native["claims"] = list(claims.values())
    return native


def _link_note(note: str) -> dict:
    """A link's note as ann_text writes it: free text, then its date and amount as JSON."""
    for at in (i for i, ch in enumerate(note) if ch == "{"):
        try:
            found = parse_line(note[at:])
        except RecordError:
            continue
        if isinstance(found, dict) and set(found) <= {"date", "amount"}:
            return {**found, "note": note[:at].strip()}
    return {"note": note} if note else {}
