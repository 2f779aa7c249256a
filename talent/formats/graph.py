"""The talent graph: people and organizations as nodes; links (person to organization) and moves
(organization to organization, for one person) as edges, each with its evidence. As one JSON
document, or as GraphML for graph tools (networkx, Gephi, yEd)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from talent.flows import Evidence, LinkFact, Move
from talent.formats import xml_safe
from talent.model import Entity

# Where an evidence is and what it says: (start, end, text), read by the store from the document.
EvidenceText = Callable[[Evidence], tuple[int, int, str]]


@dataclass(frozen=True)
class Edge:
    """One edge and its attributes (a dict value, such as an amount, is JSON in GraphML)."""

    source: str
    target: str
    attributes: dict[str, object]


def _evidence(evidence: Evidence, text_of: EvidenceText) -> dict:
    start, end, text = text_of(evidence)
    return {
        "document": evidence.document_id,
        "title": evidence.title,
        "start": start,
        "end": end,
        "text": text,
    }


def link_edges(facts: list[LinkFact], text_of: EvidenceText) -> Iterator[tuple[Edge, list[dict]]]:
    """A person-to-organization edge per link, with its evidence."""
    for fact in facts:
        attributes = {
            "kind": "link",
            "link": fact.id,
            "relation": fact.relation,
            "date": fact.date,
            "amount": fact.amount,
            "note": fact.note,
        }
        yield Edge(fact.person, fact.org, attributes), [_evidence(fact.evidence, text_of)]


def move_edges(moves: list[Move], text_of: EvidenceText) -> Iterator[tuple[Edge, list[dict]]]:
    """An organization-to-organization edge per move whose both ends are known."""
    for move in moves:
        if move.origin is None or move.destination is None:
            continue  # its links say what is known
        attributes = {
            "kind": "move",
            "person": move.person,
            "person_name": move.person_name,
            "date": move.date,
            "pay": move.pay_text(),
            "total": move.total,
            "conflicts": "; ".join(move.conflicts),
        }
        yield (
            Edge(move.origin, move.destination, attributes),
            [_evidence(e, text_of) for e in move.evidence],
        )


def graph_json(
    entities: dict[str, Entity], facts: list[LinkFact], moves: list[Move], text_of: EvidenceText
) -> str:
    """The graph as one JSON document: {"nodes": [...], "edges": [...]}."""
    edges = [
        {"source": edge.source, "target": edge.target, **edge.attributes, "evidence": evidence}
        for edge, evidence in (*link_edges(facts, text_of), *move_edges(moves, text_of))
    ]
    nodes = [
        {"id": e.id, "label": e.label, "name": e.name, "aliases": list(e.aliases)}
        for e in sorted(entities.values(), key=lambda e: e.id)
    ]
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent=1) + "\n"


_NODE_KEYS = ("label", "name", "aliases")
_EDGE_KEYS = (
    "kind", "relation", "link", "person", "person_name", "date", "amount", "pay", "total",
    "note", "conflicts", "evidence",
)  # fmt: skip


def graphml_lines(
    entities: dict[str, Entity], facts: list[LinkFact], moves: list[Move], text_of: EvidenceText
) -> Iterator[str]:
    """The graph as GraphML, line by line; an edge's evidence is a JSON list in one attribute."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    for key in _NODE_KEYS:
        yield f'  <key id="n_{key}" for="node" attr.name="{key}" attr.type="string"/>\n'
    for key in _EDGE_KEYS:
        kind = "int" if key == "link" else "string"
        yield f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="{kind}"/>\n'
    yield '  <graph id="talent" edgedefault="directed">\n'
    for entity in sorted(entities.values(), key=lambda e: e.id):
        values = {
            "label": entity.label,
            "name": entity.name,
            "aliases": list(entity.aliases),
        }
        yield f"    <node id={quoteattr(xml_safe(entity.id))}>{_data('n', values)}</node>\n"
    edges = (*link_edges(facts, text_of), *move_edges(moves, text_of))
    for number, (edge, evidence) in enumerate(edges, start=1):
        values = {**edge.attributes, "evidence": evidence}
        yield (
            f'    <edge id="x{number}" source={quoteattr(xml_safe(edge.source))} '
            f"target={quoteattr(xml_safe(edge.target))}>{_data('e', values)}</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def _data(prefix: str, values: dict[str, object]) -> str:
    return "".join(
        f'<data key="{prefix}_{key}">{escape(xml_safe(_cell(value)))}</data>'
        for key, value in values.items()
        if value not in ("", None)
    )


def _cell(value: object) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
