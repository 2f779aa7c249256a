"""The command line's messages: one complete line and exit 1 for every error, plain output when
piped, progress that counts documents, and `evaluate` only on gold."""

import json

from store.suggestions import recognizer_for, suggest_documents
from store.workspace import open_store
from tui.cli.main import main


def test_help_says_that_no_command_opens_the_reader(capsys):
    assert main(["--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "With no command, talent-tui opens the reader" in text


def test_a_usage_error_is_one_line_and_exit_1(capsys):
    assert main(["frobnicate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("talent-tui: error: argument COMMAND")


def test_an_unknown_export_format_is_one_line_and_writes_nothing(tmp_path, capsys):
    db_path, out = tmp_path / "new.db", tmp_path / "out.xlsx"
    status = main(["export", "--format", "xlsx", "--out", str(out), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert status == 1
    known = "jsonl, doccano, conll, spacy, labelstudio, graph, graphml, brat, csv, xmi"
    assert err == f"talent-tui: error: unknown export format 'xlsx' (known: {known})\n"
    assert not db_path.exists() and not out.exists()


def test_a_failed_import_into_a_new_path_leaves_no_database(tmp_path, capsys):
    good, binary = tmp_path / "good.txt", tmp_path / "photo.txt"
    good.write_text("Meta hired Jiahui Yu.", encoding="utf-8")
    binary.write_bytes(b"\x89PNG\x00\x00\x00\rIHDR")
    db_path = tmp_path / "new.db"
    assert main(["import", str(good), str(binary), "--db", str(db_path)]) == 1
    assert "binary data" in capsys.readouterr().err
    assert list(tmp_path.glob("new.db*")) == []


def test_a_failed_import_into_an_existing_database_keeps_it_as_it_was(tmp_path, capsys):
    db_path = tmp_path / "kept.db"
    open_store(db_path, suggest=False).close()
    assert main(["import", str(tmp_path / "missing.txt"), "--db", str(db_path)]) == 1
    assert "no such file" in capsys.readouterr().err
    db = open_store(db_path, suggest=False)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2  # the seeds


def test_the_import_summary_is_one_line_when_piped(cli, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(8):
        (folder / f"{number}.txt").write_text(f"第{number}篇：于佳慧加入了Meta。", encoding="utf-8")
    status, out, _ = cli("import", folder)
    assert status == 0
    assert out.count("\n") == 1 and out.startswith("imported 8 document(s)")


def test_recognition_progress_counts_every_document_from_the_start(tmp_path):
    db = open_store(tmp_path / "t.db", suggest=False)
    ids = [doc_id for (doc_id,) in db.execute("SELECT id FROM documents")]
    seen = []
    suggest_documents(db, recognizer_for(db), ids, lambda index, total: seen.append((index, total)))
    assert seen == [(index, len(ids)) for index in range(len(ids) + 1)]


def evaluate(path, capsys) -> tuple[int, str, str]:
    status = main(["evaluate", str(path)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_evaluate_refuses_a_text_file(tmp_path, capsys):
    plain = tmp_path / "article.txt"
    plain.write_text("Meta hired four researchers from OpenAI.", encoding="utf-8")
    status, out, err = evaluate(plain, capsys)
    assert status == 1 and out == ""
    assert "line 1: tag 'OpenAI.' is not O or B-" in err and err.count("\n") == 1
    assert "evaluate reads gold as our JSONL (reviewed spans), CoNLL/BIO rows or CLUENER" in err


def test_evaluate_refuses_unreviewed_suggestions_and_warns_about_a_mix(db, cli, tmp_path, capsys):
    exported = tmp_path / "export.jsonl"
    assert cli("export", "--format", "jsonl", "--out", exported)[0] == 0
    # A fresh database's export: every span is a suggestion nobody reviewed.
    status, out, err = evaluate(exported, capsys)
    assert status == 1 and "unreviewed suggestion(s)" in err and "F1" not in out
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    records[0]["spans"][0]["status"] = "accepted"
    exported.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    status, out, err = evaluate(exported, capsys)
    assert status == 0 and "F1" in out
    assert err.startswith("warning: ") and "were left out: only accepted spans are gold" in err
