"""Label Studio tasks: the text in `data`, people's spans, claims and links as an annotation,
machine suggestions as a prediction. Offsets are code points, as Label Studio's Python tools
read them. LABEL_CONFIG is the labelling interface that shows them."""

from __future__ import annotations

from talent.formats import Bundle, asserted_by, link_ends, named_spans, read_asserted_by
from talent.model import CLAIM_CATEGORIES, CLAIM_STATUSES, LABELS, RELATIONS
from talent.records import RecordError


def _tag(name: str, attributes: str, child: str, values: tuple[str, ...]) -> str:
    return (
        f"<{name} {attributes}>" + "".join(f'<{child} value="{v}"/>' for v in values) + f"</{name}>"
    )


LABEL_CONFIG = (
    "<View>"
    + _tag("Labels", 'name="label" toName="text"', "Label", LABELS)
    + _tag("Labels", 'name="claim" toName="text"', "Label", CLAIM_CATEGORIES)
    + '<Text name="text" value="$text"/>'
    + _tag("Relations", "", "Relation", RELATIONS)
    + _tag(
        "Choices", 'name="claim_status" toName="text" perRegion="true"', "Choice", CLAIM_STATUSES
    )
    # Who asserts a claim, as `PERSON Jensen Huang`: Label Studio has no entity to point to.
    + '<TextArea name="asserted_by" toName="text" perRegion="true" maxSubmissions="1"/>'
    + "</View>"
)


def _region(region_id: str, name: str, text: str, start: int, end: int, labels: list[str]) -> dict:
    return {
        "id": region_id,
        "from_name": name,
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": labels},
    }


def labelstudio_task(bundle: Bundle, number: int) -> tuple[dict, int]:
    """One Label Studio task, and how many links it could not carry."""
    document = bundle.document
    text = document.text
    people, machine = [], []
    for span in sorted(bundle.spans, key=lambda s: (s.start, s.end, s.id)):
        region = _region(f"s{span.id}", "label", text, span.start, span.end, [span.label])
        (machine if span.status == "suggested" else people).append(region)
    for claim in bundle.claims:
        region_id = f"c{claim.id}"
        people.append(_region(region_id, "claim", text, claim.start, claim.end, [claim.category]))
        status = _region(region_id, "claim_status", text, claim.start, claim.end, [])
        status["type"] = "choices"
        del status["value"]["labels"]
        status["value"]["choices"] = [claim.status]
        people.append(status)
        if speaker := asserted_by(bundle, claim):
            said = _region(region_id, "asserted_by", text, claim.start, claim.end, [])
            said["type"] = "textarea"
            del said["value"]["labels"]
            said["value"]["text"] = [speaker]
            people.append(said)
    ends, left_out = link_ends(bundle)
    for link, person, org in ends:
        # A relation joins regions of the annotation; suggestions are in the prediction.
        if "suggested" in (person.status, org.status):
            left_out += 1
            continue
        people.append(
            {
                "from_id": f"s{person.id}",
                "to_id": f"s{org.id}",
                "type": "relation",
                "direction": "right",
                "labels": [link.relation],
            }
        )
    task: dict = {
        "id": number,
        "data": {
            "text": text,
            "title": document.title,
            "lang": document.lang,
            "talent_id": document.id,
        },
        "annotations": [{"result": people}] if people else [],
        "predictions": [{"model_version": "talent-tui", "result": machine}] if machine else [],
    }
    return task, left_out


def native_from_labelstudio(task: object) -> dict:
    """A Label Studio task as a native record to check and import: the first annotation's label
    regions as accepted spans (claim regions as claims, with their status), the first
    prediction's as suggestions, relations as links."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise RecordError('a task must be an object with "data"')
    data = task["data"]
    text = data.get("text")
    annotations = [a for a in _objects(task, "annotations") if not a.get("was_cancelled")]
    # Label Studio's own export lists a task's predictions by id: nothing to read there.
    predictions = [p for p in _objects(task, "predictions", ids_allowed=True) if p is not None]
    people = _objects(annotations[0], "result") if annotations else []
    machine = _objects(predictions[0], "result") if predictions else []
    spans, claims, status_of, said_by, relations = [], {}, {}, {}, []
    regions: set = set()
    for status, results in (("accepted", people), ("suggested", machine)):
        for result in results:
            kind, value = result.get("type"), result.get("value") or {}
            if not isinstance(value, dict):
                raise RecordError(f'result {result.get("id")!r}: "value" must be an object')
            if kind == "relation":
                relations.append(result)
            elif kind == "choices" and result.get("from_name") == "claim_status":
                status_of[result.get("id")] = (value.get("choices") or [None])[0]
            elif kind == "textarea" and result.get("from_name") == "asserted_by":
                said_by[result.get("id")] = (value.get("text") or [""])[0]
            elif kind == "labels" and result.get("from_name") == "claim":
                claims[result.get("id")] = {
                    "start": value.get("start"),
                    "end": value.get("end"),
                    "category": (value.get("labels") or [None])[0],
                }
            elif kind == "labels":
                key = (status, result.get("id"))
                if result.get("id") is not None and key in regions:
                    raise RecordError(
                        f"result {result.get('id')!r}: two regions have this id; "
                        "each region needs an id of its own"
                    )
                regions.add(key)
                labels = value.get("labels") or []
                if not isinstance(labels, list):
                    raise RecordError(f'result {result.get("id")!r}: "labels" must be a list')
                for label in labels:
                    spans.append(
                        (result.get("id"), value.get("start"), value.get("end"), label, status)
                    )
            else:
                raise RecordError(
                    f"result {result.get('id')!r}: type {kind!r} is not one talent-tui reads"
                )
    native = named_spans(text, [span[1:] for span in spans])
    by_region = {span[0]: record for span, record in zip(spans, native["spans"], strict=True)}
    for number, (region, claim) in enumerate(claims.items(), start=1):
        claim["id"] = number
        if status_of.get(region):
            claim["status"] = status_of[region]
        if isinstance(said_by.get(region), str):
            claim["attributed_to"] = read_asserted_by(said_by[region], native)
    native["claims"] = list(claims.values())
    for relation in relations:
        ends = []
        for key, label in (("from_id", "PERSON"), ("to_id", "ORG")):
            region = by_region.get(relation.get(key))
            if region is None or region["label"] != label:
                raise RecordError(
                    f"relation {relation.get('from_id')!r} → {relation.get('to_id')!r}: "
                    f"{key} must name a {label} region of this task"
                )
            ends.append(region["entity"])
        native["links"].append(
            {"person": ends[0], "org": ends[1], "relation": (relation.get("labels") or [None])[0]}
        )
    native.update({key: data[key] for key in ("title", "lang") if isinstance(data.get(key), str)})
    return native


def _objects(holder: dict, key: str, ids_allowed: bool = False) -> list:
    """The list of objects under `key` (None for each bare id, where ids are allowed), or a
    RecordError naming what is there instead."""
    items = holder.get(key) or []
    if not isinstance(items, list):
        raise RecordError(f'"{key}" must be a list, not {type(items).__name__}')
    read = []
    for item in items:
        if isinstance(item, dict):
            read.append(item)
        elif ids_allowed and isinstance(item, int) and not isinstance(item, bool):
            read.append(None)
        else:
            raise RecordError(f'"{key}" must hold objects, not {type(item).__name__}')
    return read
