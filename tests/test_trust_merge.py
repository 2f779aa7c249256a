"""A merge trusts no annotator's file: all of its work is the annotator it is merged as, its
documents match by their text, its aliases move nobody else's mentions, it is checked as an
import is and read without being changed, and a query on it cannot run forever."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from team_corpus import annotate_seeds

from store.team import MergeFailure, merge_databases
from store.workspace import open_store
from tests.integrity import export_text, integrity
from tui.cli.main import main


@pytest.fixture(scope="module")
def ana_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ana") / "ana.db"
    annotate_seeds(path, "ana")
    return path


@pytest.fixture
def bob_db(tmp_path, ana_db) -> Path:
    """bob's file: a copy of ana's work as a stand-in, which each test then turns hostile."""
    path = tmp_path / "bob.db"
    source = sqlite3.connect(ana_db)
    target = sqlite3.connect(path)
    source.backup(target)
    target.execute("UPDATE store_state SET value = 'bob-file' WHERE key = 'database_id'")
    target.commit()
    source.close(), target.close()
    return path


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _merge(capsys, *args) -> tuple[int, str]:
    status = main(["merge", *map(str, args)])
    return status, capsys.readouterr().err


def _query(path: Path, sql: str, *parameters) -> list[tuple]:
    db = open_store(path, suggest=False, seed=False, create=False)
    try:
        return [tuple(row) for row in db.execute(sql, parameters).fetchall()]
    finally:
        db.close()


def test_a_files_work_is_the_annotator_it_is_merged_as(ana_db, bob_db, tmp_path, capsys):
    _sql(
        bob_db,
        "UPDATE spans SET annotator = 'gold' WHERE id % 2 = 0",
        "UPDATE spans SET annotator = 'ana' WHERE id % 2 = 1",
        "UPDATE links SET annotator = 'gold'",
    )
    team = tmp_path / "team.db"
    assert _merge(capsys, ana_db, bob_db, "--into", team)[0] == 0
    who = dict(_query(team, "SELECT annotator, count(*) FROM spans GROUP BY annotator"))
    assert set(who) == {"ana", "bob"} and who["ana"] == who["bob"]
    assert _query(team, "SELECT count(*) FROM links WHERE annotator = 'gold'") == [(0,)]
    out = tmp_path / "gold.jsonl"
    main(["export", "--format", "jsonl", "--gold", "--out", str(out), "--db", str(team)])
    assert '"annotator":"gold"' not in out.read_text(encoding="utf-8")


def test_gold_and_a_name_another_file_holds_are_refused(ana_db, bob_db, tmp_path, capsys):
    team = tmp_path / "team.db"
    assert _merge(capsys, ana_db, "--into", team)[0] == 0
    before = export_text(team)
    status, err = _merge(capsys, bob_db, "--as", "gold", "--into", team)
    assert status == 1 and "cannot be merged as 'gold'" in err
    status, err = _merge(capsys, bob_db, "--as", "ana", "--into", team)
    assert status == 1 and "'ana' is already in the team, from another database" in err
    assert export_text(team) == before
    # ana's own file again, under a new name on disk, is still ana's: nothing new comes in.
    renamed = tmp_path / "ana-monday.db"
    renamed.write_bytes(ana_db.read_bytes())
    status = main(["merge", str(renamed), "--as", "ana", "--into", str(team)])
    assert status == 0 and export_text(team) == before


def test_one_annotators_review_state_leaves_anothers_alone(ana_db, bob_db, tmp_path, capsys):
    team = tmp_path / "team.db"
    _sql(bob_db, "UPDATE documents SET review_state = 'in_progress'")
    assert _merge(capsys, ana_db, bob_db, "--into", team)[0] == 0
    states = dict(
        _query(
            team, "SELECT annotator, group_concat(DISTINCT state) FROM reviews GROUP BY annotator"
        )
    )
    assert states == {"ana": "done", "bob": "in_progress"}


def test_documents_match_by_their_text_not_the_files_ids(ana_db, tmp_path, capsys):
    """bob's English article carries the id of ana's Chinese one: his spans stay on English."""
    bob = tmp_path / "bob.db"
    annotate_seeds(bob, "bob")
    zh_id = _query(ana_db, "SELECT id FROM documents WHERE lang = 'zh'")[0][0]
    en_id = _query(bob, "SELECT id FROM documents WHERE lang = 'en'")[0][0]
    _sql(
        bob,
        "DELETE FROM spans WHERE document_id IN (SELECT id FROM documents WHERE lang = 'zh')",
        "DELETE FROM links",
        "DELETE FROM claims",
        "DELETE FROM documents WHERE lang = 'zh'",
        f"UPDATE spans SET document_id = '{zh_id}' WHERE document_id = '{en_id}'",
        f"UPDATE documents SET id = '{zh_id}' WHERE id = '{en_id}'",
    )
    team = tmp_path / "team.db"
    assert _merge(capsys, ana_db, bob, "--into", team)[0] == 0
    on_chinese = _query(
        team,
        "SELECT count(*) FROM spans s JOIN documents d ON d.id = s.document_id "
        "WHERE d.lang = 'zh' AND s.annotator = 'bob'",
    )
    assert on_chinese == [(0,)]
    quotes = _query(
        team,
        'SELECT s.quote, substr(d.text, s.start + 1, s."end" - s.start) FROM spans s '
        "JOIN documents d ON d.id = s.document_id WHERE s.annotator = 'bob'",
    )
    assert quotes and all(quote == text for quote, text in quotes)


def test_an_annotators_aliases_never_move_anothers_mentions(ana_db, bob_db, tmp_path, capsys):
    _sql(
        bob_db,
        "UPDATE entities SET aliases = json_insert(aliases, '$[#]', 'Anthropic') "
        "WHERE name = 'OpenAI'",
    )
    cy = tmp_path / "cy.db"
    cy_db = open_store(cy, seed=False, suggest=False)
    from store import actions
    from store.importer import import_paths

    article = tmp_path / "anthropic.txt"
    article.write_text("Anthropic hired a researcher.\n", encoding="utf-8")
    import_paths(cy_db, [article])
    doc_id = cy_db.execute("SELECT id FROM documents").fetchone()[0]
    actions.label_range(cy_db, doc_id, 0, 9, "ORG", "cy")
    cy_db.close()
    team = tmp_path / "team.db"
    assert _merge(capsys, bob_db, cy, "--into", team)[0] == 0
    rows = _query(
        team,
        "SELECT e.name FROM spans s JOIN entities e ON e.id = s.entity_id WHERE s.annotator = 'cy'",
    )
    assert rows == [("Anthropic",)]
    aliases = _query(team, "SELECT aliases FROM entities WHERE name = 'OpenAI'")
    assert all("Anthropic" not in json.loads(row[0]) for row in aliases)


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE documents SET text = 'a' || char(0) || text", "U+0000"),
        ("UPDATE spans SET label = char(27) || ']0;PWNED' || char(7) WHERE id = 1", '"label"'),
        ('UPDATE spans SET "end" = 999999 WHERE id = 1', "outside the text"),
        ("UPDATE spans SET value = '{\"amount\": 1e999}' WHERE id = 1", "too large a number"),
        ("UPDATE entities SET aliases = '[{\"x\": 1}]'", '"aliases" must be a list of names'),
    ],
    ids=["nul-text", "escape-label", "end-past-text", "infinite-value", "alias-types"],
)
def test_a_file_the_model_cannot_hold_is_refused_and_nothing_merged(
    ana_db, bob_db, tmp_path, capsys, statement, message
):
    _sql(bob_db, statement)
    team = tmp_path / "team.db"
    assert _merge(capsys, ana_db, "--into", team)[0] == 0
    before = export_text(team)
    status, err = _merge(capsys, bob_db, "--into", team)
    assert status == 1 and message in err and err.count("\n") == 1, err
    assert "\x1b" not in err
    assert integrity(team) == "ok" and export_text(team) == before


def test_a_document_larger_than_an_import_takes_is_refused(ana_db, tmp_path):
    team_path = tmp_path / "team.db"
    team = open_store(team_path, seed=False, suggest=False)
    with pytest.raises(MergeFailure, match="more than an import takes"):
        merge_databases(team, team_path, [ana_db], max_mb=0.001)
    team.close()


def test_a_view_in_place_of_a_table_is_refused_at_once(ana_db, bob_db, tmp_path, capsys):
    _sql(
        bob_db,
        "DROP TABLE entities",
        "CREATE VIEW entities AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT 'e' || i AS id, 'ORG' AS label, 'x' AS name, '[]' AS aliases FROM n",
    )
    team = tmp_path / "team.db"
    status, err = _merge(capsys, ana_db, bob_db, "--into", team)
    assert status == 1 and "entities is not a table" in err


def test_a_query_that_runs_on_is_stopped(ana_db, tmp_path):
    team_path = tmp_path / "team.db"
    team = open_store(team_path, seed=False, suggest=False)
    with pytest.raises(MergeFailure, match="took over 0 s"):
        merge_databases(team, team_path, [ana_db], seconds=0)
    team.close()


def test_the_annotators_file_is_read_without_being_changed(ana_db, tmp_path, capsys):
    source = tmp_path / "dee.db"
    source.write_bytes(ana_db.read_bytes())
    _sql(source, "PRAGMA journal_mode = DELETE")
    before = source.read_bytes()
    assert _merge(capsys, source, "--into", tmp_path / "team.db")[0] == 0
    assert source.read_bytes() == before
    conn = sqlite3.connect(source)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_number_too_long_to_read_in_a_value_is_one_line(ana_db, bob_db, tmp_path, capsys):
    _sql(bob_db, 'UPDATE spans SET value = \'{"amount": ' + "9" * 5000 + "}' WHERE id = 1")
    status, err = _merge(capsys, bob_db, "--into", tmp_path / "team.db")
    assert status == 1 and "too large a whole number" in err and "unexpected" not in err
