"""doccano's JSONL: relation mode (`entities` with offsets, `relations` between them) or the
plain `label` triples form. Links become relations between their person's and organization's
first mentions in the document; claims have no place in either form."""

from __future__ import annotations

from talent.formats import Bundle, link_ends, named_spans
from talent.records import RecordError

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
    ends, left_out = link_ends(bundle)
    record["relations"] = [
        {"id": link.id, "from_id": person.id, "to_id": org.id, "type": link.relation}
        for link, person, org in ends
    ]
    record["meta"] = meta
    return record, left_out


def native_from_doccano(obj: object) -> dict:
    """A doccano line (relation mode or label triples) as a native record to check and import:
    spans accepted, PERSON and ORG spans tied to entities by name, relations as links."""
    if not isinstance(obj, dict):
        raise RecordError("each line must be a JSON object")
    text = obj.get("text")
    if "entities" in obj:
        raw = obj["entities"]
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise RecordError('"entities" must be a list of objects')
        spans = {
            e.get("id"): (e.get("start_offset"), e.get("end_offset"), e.get("label")) for e in raw
        }
    else:
        raw = obj.get("label", [])
        if not isinstance(raw, list) or not all(isinstance(t, list) and len(t) == 3 for t in raw):
            raise RecordError('"label" must be a list of [start, end, label] triples')
        spans = {index: tuple(triple) for index, triple in enumerate(raw)}
    native = named_spans(text, list(spans.values()))
    by_id = dict(zip(spans, native["spans"], strict=True))
    for number, relation in enumerate(obj.get("relations") or [], start=1):
        if not isinstance(relation, dict):
            raise RecordError(f"relation {number} must be a JSON object")
        for end, label in (("from_id", "PERSON"), ("to_id", "ORG")):
            if relation.get(end) not in by_id:
                raise RecordError(
                    f"relation {number}: {end} {relation.get(end)!r} names no entity of this line"
                )
            if by_id[relation[end]]["label"] != label:
                raise RecordError(
                    f"relation {number}: {end} {relation[end]!r} is a "
                    f"{by_id[relation[end]]['label']}; a link goes from a PERSON to an ORG"
                )
        native["links"].append(
            {
                "person": by_id[relation["from_id"]].get("entity"),
                "org": by_id[relation["to_id"]].get("entity"),
                "relation": relation.get("type"),
            }
        )
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    native.update({key: meta[key] for key in ("title", "lang") if isinstance(meta.get(key), str)})
    return native
