"""Flows over the annotated seed articles: the moves from OpenAI to Meta with the Chinese
article's pay, `talent-tui flows`, and the talent graph in JSON and GraphML (read by networkx)."""

from __future__ import annotations

import csv
import json

import networkx
import pytest
from seed_moves import annotate_seed_moves

from store.flows import evidence_sentence, moves
from talent.flows import pair_summaries


@pytest.fixture
def annotated(db):
    annotate_seed_moves(db)
    return db


def test_the_four_researchers_moved_from_openai_to_meta_with_the_articles_pay(annotated):
    found = {m.person_name: m for m in moves(annotated) if m.destination_name == "Meta"}
    assert len(found) == 4
    assert all(m.origin_name == "OpenAI" for m in found.values())
    yu = next(m for m in found.values() if "于佳慧" in m.person_aliases)
    assert yu.pay_text() == "$400M in all ($320M equity; $80M signing bonus)"
    others = [m for m in found.values() if m is not yu]
    assert all(m.pay_text() == "≥$120M" for m in others)
    [pair] = [p for p in pair_summaries(found.values())]
    assert (pair.people, pair.paid) == (4, 4)


def test_every_move_is_traceable_to_its_sentence(annotated):
    yu = next(m for m in moves(annotated) if "于佳慧" in m.person_aliases)
    texts = [evidence_sentence(annotated, e)[2] for e in yu.evidence]
    assert any("总计达到4亿美元" in text for text in texts)


def test_both_articles_openai_is_one_organization(annotated):
    origins = {m.origin for m in moves(annotated)}
    assert len(origins) == 1
    assert {m.evidence[0].document_id for m in moves(annotated)} == {
        row[0] for row in annotated.execute("SELECT id FROM documents")
    }


def test_flows_command_prints_and_filters_the_moves(annotated, cli):
    status, out, _ = cli("flows", "--filter", "于佳慧 meta")
    assert status == 0
    assert "1 move(s)" in out and "$400M in all" in out
    status, out, _ = cli("flows", "--filter", "anthropic")
    assert "0 move(s)" in out and "loosen the filter" in out


def test_flows_csv_opens_with_the_chinese_names_and_neutral_cells(annotated, cli, tmp_path):
    out = tmp_path / "moves.csv"
    status, _, err = cli("flows", "--csv", out)
    assert status == 0 and "wrote 5 move(s)" in err
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["to"] for r in rows} == {"Meta", "?"}
    assert rows[0]["evidence"]
    assert cli("flows", "--csv", out)[0] == 1  # not replaced without --force


def test_graphml_reads_in_networkx_with_the_same_nodes_and_edges(annotated, cli, tmp_path):
    cli("export", "--format", "graph", "--out", tmp_path / "g.json")
    cli("export", "--format", "graphml", "--out", tmp_path / "g.graphml")
    ours = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    graph = networkx.read_graphml(tmp_path / "g.graphml")
    assert set(graph.nodes) == {node["id"] for node in ours["nodes"]}
    edges = sorted((e["source"], e["target"], e["kind"]) for e in ours["edges"])
    assert sorted((a, b, d["kind"]) for a, b, d in graph.edges(data=True)) == edges
    moves_ = [d for _, _, d in graph.edges(data=True) if d["kind"] == "move"]
    assert len(moves_) == 4
    yu = next(d for d in moves_ if d["pay"].startswith("$400M"))
    evidence = json.loads(yu["evidence"])
    assert any("总计达到4亿美元" in e["text"] for e in evidence)
    assert json.loads(yu["total"]) == {"amount": 400000000, "currency": "USD", "per": None}
    names = networkx.get_node_attributes(graph, "name")
    assert names[moves_[0]["person"]] and "OpenAI" in names.values()
