"""doccano's JSONL: relation mode (`entities` with offsets, `relations` between them) or the
plain `label` triples form. Links become relations between their person's and organization's
first mentions in the document; claims have no place in either form."""

from __future__ import annotations

from talent.formats import Bundle, mention_of

FORMS = ("relations", "label")


def doccano_record(bundle: Bundle, number: int, form: str = "relations") -> tuple[dict, int]:
    """One doccano line for the document, and how many links it could not carry (no mention
    of their person or organization in the text)."""
    document = bundle.document
    record: dict = {"id": number, "text": document.text}
    spans = sorted(bundle.spans, key=lambda s: (s.start, s.end, s.id))
    meta = {"talent_id": document.id, "title": document.title, "lang": document.lang}
    if form == "label":
        record["label"] = [[s.start, s.end, s.label] for s in spans]
        record["meta"] = meta
        return record, len(bundle.links)
    record["entities"] = [
        {"id": s.id, "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in spans
    ]
    mentions = mention_of(bundle)
    relations, left_out = [], 0
    for link in bundle.links:
        person, org = mentions.get(link.person), mentions.get(link.org)
        if person is None or org is None:
            left_out += 1
            continue
        relations.append(
            {"id": link.id, "from_id": person.id, "to_id": org.id, "type": link.relation}
        )
    record["relations"] = relations
    record["meta"] = meta
    return record, left_out
