"""Merging annotators' databases: documents by the sha256 of their text, entities by name and
across scripts, every annotation with its annotator; idempotent; a differing document refused."""

from __future__ import annotations

import pytest
from team_corpus import annotate_seeds

from store.stats import annotator_progress
from store.workspace import open_store
from talent.textio import sha256_of
from tui.cli.main import main


@pytest.fixture
def cli(capsys):
    """Run `talent-tui ARGS` (merge names its databases itself); (status, stdout, stderr)."""

    def run(*args):
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team")
    annotate_seeds(folder / "ana.db", "ana")
    annotate_seeds(folder / "bob.db", "bob", differ=True)
    return folder


def counts(db):
    return {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("documents", "entities", "spans", "claims", "links", "reviews")
    }


def test_merge_keeps_whose_work_is_whose_and_matches_documents_by_text(annotated, cli, tmp_path):
    team = tmp_path / "team.db"
    status, out, err = cli("merge", annotated / "ana.db", annotated / "bob.db", "--into", team)
    assert status == 0, err
    assert "2 new document(s), 2 matched by their text" in out
    assert "annotators: ana, bob" in out
    db = open_store(team, suggest=False, seed=False, create=False)
    assert counts(db)["documents"] == 2
    by_annotator = dict(
        db.execute(
            "SELECT annotator, count(*) FROM spans WHERE status = 'accepted' GROUP BY annotator"
        ).fetchall()
    )
    assert set(by_annotator) == {"ana", "bob"} and by_annotator["ana"] > by_annotator["bob"]
    assert (
        db.execute(
            "SELECT count(*) FROM spans WHERE annotator = 'bob' AND status = 'rejected'"
        ).fetchone()[0]
        >= 1
    )
    # One Meta and one 于佳慧 for both annotators' links: entities matched by name.
    people = db.execute("SELECT DISTINCT person FROM links").fetchall()
    orgs = db.execute("SELECT DISTINCT org FROM links").fetchall()
    assert len(orgs) == 1 and len(people) == 2  # 于佳慧 (both), 赵盛佳 (bob)
    assert dict(db.execute("SELECT annotator, count(*) FROM reviews GROUP BY annotator")) == {
        "ana": 2,
        "bob": 2,
    }


def test_merging_the_same_files_again_adds_nothing(annotated, cli, tmp_path):
    team = tmp_path / "team.db"
    cli("merge", annotated / "ana.db", annotated / "bob.db", "--into", team)
    before = counts(open_store(team, suggest=False, seed=False, create=False))
    status, out, _ = cli("merge", annotated / "bob.db", annotated / "ana.db", "--into", team)
    assert status == 0 and "added 0 span(s), 0 claim(s), 0 link(s) and 0 entities" in out
    assert counts(open_store(team, suggest=False, seed=False, create=False)) == before


def test_a_document_that_differs_between_files_is_refused_and_nothing_is_written(
    annotated, cli, tmp_path
):
    team = tmp_path / "team.db"
    cli("merge", annotated / "ana.db", "--into", team)
    before = counts(open_store(team, suggest=False, seed=False, create=False))
    other = tmp_path / "cy.db"
    db = open_store(other, suggest=False)
    doc_id, text = db.execute("SELECT id, text FROM documents WHERE lang = 'zh'").fetchone()
    db.execute(
        "UPDATE documents SET text = ?, sha256 = ? WHERE id = ?",
        [text + "补充", sha256_of(text + "补充"), doc_id],
    )
    db.close()
    status, _, err = cli("merge", annotated / "bob.db", other, "--into", team)
    assert status == 1
    assert "has another text than the document of that source already merged" in err
    assert err.count("\n") == 1
    assert counts(open_store(team, suggest=False, seed=False, create=False)) == before


def test_a_failed_merge_into_a_new_file_leaves_no_file(annotated, cli, tmp_path):
    team = tmp_path / "new-team.db"
    status, _, err = cli("merge", annotated / "ana.db", tmp_path / "missing.db", "--into", team)
    assert status == 1 and "no such database" in err
    assert not team.exists()


def test_entities_match_across_scripts(cli, tmp_path):
    from store.importer import import_paths
    from store.suggestions import refresh_pending

    english = tmp_path / "zhao.txt"
    english.write_text("Meta hires\n\nShengjia Zhao joined Meta.\n", encoding="utf-8")
    chinese = tmp_path / "zhao-zh.txt"
    chinese.write_text("赵盛佳加入Meta\n\n赵盛佳加入了Meta。\n", encoding="utf-8")
    for name, path in (("ana", english), ("bob", chinese)):
        db = open_store(tmp_path / f"{name}.db", seed=False)
        import_paths(db, [path])
        refresh_pending(db)
        from store import actions
        from store.documents import list_documents

        doc = list_documents(db)[0]
        start = doc.text.index("Shengjia Zhao" if name == "ana" else "赵盛佳")
        size = len("Shengjia Zhao") if name == "ana" else 3
        actions.label_range(db, doc.id, start, start + size, "PERSON", name)
        db.close()
    team = tmp_path / "team.db"
    assert cli("merge", tmp_path / "ana.db", tmp_path / "bob.db", "--into", team)[0] == 0
    db = open_store(team, suggest=False, seed=False, create=False)
    people = db.execute("SELECT name, aliases FROM entities WHERE label = 'PERSON'").fetchall()
    assert len(people) == 1 and "赵盛佳" in people[0][1] and "Shengjia Zhao" in people[0][1]


def test_agreement_prints_figures_per_label_pair_and_document(annotated, cli, tmp_path):
    team = tmp_path / "team.db"
    cli("merge", annotated / "ana.db", annotated / "bob.db", "--into", team)
    status, out, _ = cli("agreement", team)
    assert status == 0
    for heading in ("kappa", "alpha", "exact F1", "overlap F1", "links F1", "lowest agreement"):
        assert heading in out
    assert "ana · bob" in out and "LOCATION" in out and "美国一周内吸引4位中国顶尖AI人才" in out
    status, out, _ = cli("agreement", annotated / "ana.db")
    assert status == 0 and "no two annotators worked on the same document" in out


def test_stats_and_the_document_list_show_each_annotators_progress(annotated, cli, tmp_path):
    team = tmp_path / "team.db"
    cli("merge", annotated / "ana.db", annotated / "bob.db", "--into", team)
    status, out, _ = cli("stats", "--db", team)
    assert status == 0 and "progress by annotator" in out
    rows = [line for line in out.splitlines() if "│ ana" in line or "│ bob" in line]
    assert len(rows) == 4 and all("done" in row for row in rows)
    from tui.app import TalentApp

    app = TalentApp(open_store(team, suggest=False, seed=False, create=False))
    progress = annotator_progress(app.db)
    assert {p.annotator for rows in progress.values() for p in rows} == {"ana", "bob"}
