"""Label Studio tasks: the text in `data`, people's spans, claims and links as an annotation,
machine suggestions as a prediction. Offsets are code points, as Label Studio's Python tools
read them. LABEL_CONFIG is the labelling interface that shows them."""

from __future__ import annotations

from talent.formats import Bundle, mention_of
from talent.model import CLAIM_CATEGORIES, CLAIM_STATUSES, LABELS, RELATIONS


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
    mentions = mention_of(bundle)
    left_out = 0
    for link in bundle.links:
        person, org = mentions.get(link.person), mentions.get(link.org)
        if (
            person is None
            or org is None
            or person.status == "suggested"
            or org.status == "suggested"
        ):
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
