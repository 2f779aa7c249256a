"""Imports store exactly what a file says or refuse it with one line: offsets counted against
the text as given, ids unique, values typed and finite, no NUL, no link out of the folder, and
a large Label Studio file never parsed whole. Each attack leaves the database as it was."""

from __future__ import annotations

import json
import unicodedata

import pytest

from store.workspace import open_store
from tests.integrity import export_text, integrity

# "Café" in decomposed form: the accent is a character of its own before normalisation.
NFD_TEXT = unicodedata.normalize("NFD", "Café chef joined OpenAI.\r\nMeta paid.")
OPENAI = NFD_TEXT.index("OpenAI")
META = NFD_TEXT.index("Meta")


def _refused(cli, db_path, path, *options: str) -> str:
    """Import `path`, check it was refused with one line and nothing changed; the line."""
    before = export_text(db_path)
    status, out, err = cli("import", path, *options)
    assert status == 1 and out == "", err
    assert err.count("\n") == 1 and "unexpected error" not in err, err
    assert integrity(db_path) == "ok" and export_text(db_path) == before
    return err


def _stored_spans(db_path) -> list[tuple[str, str]]:
    db = open_store(db_path, suggest=False, create=False)
    try:
        rows = db.execute(
            "SELECT quote, label FROM spans WHERE origin = 'import' ORDER BY start"
        ).fetchall()
        return [tuple(row) for row in rows]
    finally:
        db.close()


def _doccano_line(text: str, entities: list[dict]) -> str:
    return json.dumps({"text": text, "entities": entities}, ensure_ascii=False)


@pytest.mark.parametrize("form", ["native", "doccano", "labelstudio"])
def test_decomposed_text_keeps_every_span_on_its_words(cli, db, db_path, tmp_path, form):
    spans = [(OPENAI, OPENAI + 6, "ORG"), (META, META + 4, "ORG")]
    if form == "native":
        path = tmp_path / "nfd.jsonl"
        record = {
            "text": NFD_TEXT,
            "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in spans],
        }
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        options = ()
    elif form == "doccano":
        path = tmp_path / "nfd.jsonl"
        entities = [
            {"id": n, "label": lab, "start_offset": s, "end_offset": e}
            for n, (s, e, lab) in enumerate(spans)
        ]
        path.write_text(_doccano_line(NFD_TEXT, entities) + "\n", encoding="utf-8")
        options = ("--format", "doccano")
    else:
        path = tmp_path / "nfd.json"
        result = [
            {"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": s, "end": e, "labels": [lab]}}
            for n, (s, e, lab) in enumerate(spans)
        ]  # fmt: skip
        task = {"data": {"text": NFD_TEXT}, "annotations": [{"result": result}]}
        path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
        options = ("--format", "labelstudio")
    status, _, err = cli("import", path, *options)
    assert status == 0, err
    assert _stored_spans(db_path) == [("OpenAI", "ORG"), ("Meta", "ORG")]


def test_a_span_cutting_a_composed_character_is_refused(cli, db, db_path, tmp_path):
    accent = NFD_TEXT.index("\u0301")
    path = tmp_path / "cut.jsonl"
    record = {"text": NFD_TEXT, "spans": [{"start": 0, "end": accent, "label": "ORG"}]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    err = _refused(cli, db_path, path)
    assert "cut.jsonl, line 1: span 1: offsets 0-4 cut into a character" in err


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        (
            "twice.jsonl",
            _doccano_line(
                "Meta and OpenAI",
                [
                    {"id": 1, "label": "ORG", "start_offset": 0, "end_offset": 4},
                    {"id": 1, "label": "ORG", "start_offset": 9, "end_offset": 15},
                ],
            ),
            ("--format", "doccano"),
            "line 1: entity 2: the id 1 names an earlier entity too",
        ),
        (
            "list-id.jsonl",
            _doccano_line(
                "Meta", [{"id": [1], "label": "ORG", "start_offset": 0, "end_offset": 4}]
            ),
            ("--format", "doccano"),
            'line 1: entity 1: "id" must be a number or a string',
        ),
        (
            "native-twice.jsonl",
            json.dumps(
                {
                    "text": "Meta and OpenAI",
                    "spans": [
                        {"id": 7, "start": 0, "end": 4, "label": "ORG"},
                        {"id": 7, "start": 9, "end": 15, "label": "ORG"},
                    ],
                }
            ),
            (),
            "line 1: two spans have the id 7",
        ),
        (
            "aliases.jsonl",
            json.dumps(
                {
                    "text": "Meta",
                    "entities": [
                        {"id": "e", "label": "ORG", "name": "Meta", "aliases": [{"x": 1}, None, 5]}
                    ],
                }
            ),
            (),
            'entity e: "aliases" must be a list of names (strings)',
        ),
        (
            "nul-title.jsonl",
            json.dumps({"text": "Meta", "title": "a\u0000b"}),
            (),
            '"title" holds a NUL character (U+0000)',
        ),
        (
            "nul-name.jsonl",
            json.dumps(
                {"text": "Meta", "entities": [{"id": "e", "label": "ORG", "name": "M\u0000"}]}
            ),
            (),
            '"entities[0].name" holds a NUL character',
        ),
        (
            "digits.jsonl",
            '{"text": "Meta", "spans": [{"start": 0, "end": ' + "9" * 5000 + ', "label": "ORG"}]}',
            (),
            "is too large a whole number",
        ),
        (
            "past-64-bits.jsonl",
            json.dumps(
                {"text": "Meta", "spans": [{"id": 2**63, "start": 0, "end": 4, "label": "ORG"}]}
            ),
            (),
            "9223372036854775808 is too large a whole number",
        ),
        (
            "predictions.json",
            json.dumps([{"data": {"text": "Meta"}, "annotations": [5]}]),
            ("--format", "labelstudio"),
            'task 1: "annotations" must hold objects, not int',
        ),
        (
            "result.json",
            json.dumps([{"data": {"text": "Meta"}, "annotations": [{"result": "x"}]}]),
            ("--format", "labelstudio"),
            'task 1: "result" must be a list, not str',
        ),
    ],
    ids=[
        "doccano-duplicate-id",
        "doccano-list-id",
        "native-duplicate-id",
        "alias-types",
        "nul-title",
        "nul-name",
        "5000-digits",
        "id-past-64-bits",
        "ls-annotation-not-object",
        "ls-result-not-list",
    ],
)
def test_what_the_model_cannot_hold_is_refused_in_one_line(
    cli, db, db_path, tmp_path, name, content, options, message
):
    path = tmp_path / name
    path.write_text(content + "\n", encoding="utf-8")
    assert message in _refused(cli, db_path, path, *options)


def _brat(folder, text: str, ann: str):
    folder.mkdir(exist_ok=True)
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tORG 0 4\tMeta\nT1\tORG 9 15\tOpenAI\n", "line 2: T1 is defined twice"),
        (
            'T1\tMONEY 0 4\tMeta\n#1\tAnnotatorNotes T1\tvalue: {"amount": Infinity}\n',
            "line 2: the value of T1: Infinity is not a JSON number",
        ),
        ("T1\tORG 0 " + "4" * 5000 + "\tMeta\n", "line 1: T1's offsets are too large a number"),
    ],
    ids=["duplicate-t", "infinity-note", "huge-offset"],
)
def test_brat_lines_the_model_cannot_hold_are_refused(cli, db, db_path, tmp_path, ann, message):
    folder = _brat(tmp_path / "brat", "Meta and OpenAI", ann)
    assert message in _refused(cli, db_path, folder, "--format", "brat")


def test_a_link_out_of_the_imported_folder_is_not_followed(cli, db, db_path, tmp_path):
    secret = tmp_path / "secret" / "id_key.txt"
    secret.parent.mkdir()
    secret.write_text("-----BEGIN PRIVATE KEY-----\nabc\n", encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Meta hired a researcher.\n", encoding="utf-8")
    (news / "key.txt").symlink_to(secret)
    err = _refused(cli, db_path, news)
    assert "key.txt: a link to a file outside" in err
    # A link that stays inside the folder is an ordinary file of it.
    (news / "key.txt").unlink()
    (news / "again.txt").symlink_to(news / "a.txt")
    status, out, _ = cli("import", news)
    assert status == 0 and "imported 1 document(s)" in out


def test_a_brat_text_linked_out_of_its_folder_is_not_read(cli, db, db_path, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE KEY material\n", encoding="utf-8")
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.ann").write_text("T1\tORG 0 7\tPRIVATE\n", encoding="utf-8")
    (folder / "doc.txt").symlink_to(secret)
    assert "doc.txt: a link to a file outside" in _refused(cli, db_path, folder, "--format", "brat")


def test_a_large_label_studio_file_is_read_one_task_at_a_time(cli, db, db_path, tmp_path):
    """Each task is parsed when its turn comes: the first is read before the parser has looked
    at the broken end of the file, and a bad last task is refused by its number."""
    from talent.strict_json import RecordError, parse_elements

    tasks = parse_elements('[{"data": {"text": "Meta"}}, {"data": ', "task")
    assert next(tasks) == (1, {"data": {"text": "Meta"}})
    with pytest.raises(RecordError, match="task 2: not valid JSON"):
        next(tasks)
    many = [{"data": {"text": f"Meta hired researcher {n}."}} for n in range(50)]
    path = tmp_path / "tasks.json"
    path.write_text(
        json.dumps([*many, {"data": {"text": "x"}, "annotations": 5}]), encoding="utf-8"
    )
    assert "tasks.json, task 51:" in _refused(cli, db_path, path, "--format", "labelstudio")
