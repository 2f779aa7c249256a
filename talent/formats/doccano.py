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
        spans = {}
        for number, entity in enumerate(raw, start=1):
            entity_id = entity.get("id")
            if not isinstance(entity_id, int | str) or isinstance(entity_id, bool):
                raise RecordError(f'entity {number}: "id" must be a number or a string')
            if entity_id in spans:
                raise RecordError(
                    f"entity {number}: the id {entity_id!r} names an earlier entity too; "
                    "each entity needs an id of its own"
                )
            spans[entity_id] = (
                entity.get("start_offset"),
                entity.get("end_offset"),
                entity.get("label"),
            )
    else:
        raw = obj.get("label", [])
        if not isinstance(raw, list) or not all(isinstance(t, list) and len(t) == 3 for t in raw):
            raise RecordError('"label" must be a list of [start, end, label] triples')
        spans = {index: tuple(triple) for index, triple in enumerate(raw)}
    native = named_spans(text, list(spans.values()))
    by_id = dict(zip(spans, native["spans"], strict=True))
    relations = obj.get("relations") or []
    if not isinstance(relations, list):
        raise RecordError('"relations" must be a list of objects')
    relation_ids: set = set()
    for number, relation in enumerate(relations, start=1):
        if not isinstance(relation, dict):
            raise RecordError(f"relation {number} must be a JSON object")
        relation_id = relation.get("id")
        if relation_id is not None:
            if not isinstance(relation_id, int | str) or relation_id in relation_ids:
                raise RecordError(
                    f'relation {number}: "id" {relation_id!r} is not an id of its own'
                )
            relation_ids.add(relation_id)
        for end, label in (("from_id", "PERSON"), ("to_id", "ORG")):
            if not isinstance(relation.get(end), int | str) or relation.get(end) not in by_id:
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
