"""`talent-tui import`: real-world files in, one transaction, one clear line on bad input."""

import codecs
import json

import pytest

from store.documents import list_documents
from store.workspace import open_store

ZH = "扎克伯格以超过1亿美元的年薪从OpenAI聘请人才。\n于佳慧加入了Meta。\n"


def counts(db_path):
    db = open_store(db_path)
    try:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "spans", "events")
        }
    finally:
        db.close()


def test_fresh_database_holds_the_two_seeds(db, cli):
    status, out, _ = cli("stats")
    assert status == 0
    assert "2 documents" in out
    assert "美国一周内吸引4位中国顶尖AI人才" in out
    assert "OpenAI's talent changes" in out


def test_gb18030_and_utf16_files_import_as_the_right_text(cli, tmp_path, db_path):
    (tmp_path / "gb.txt").write_bytes(ZH.encode("gb18030"))
    (tmp_path / "wide.txt").write_bytes(
        codecs.BOM_UTF16_LE + ZH.replace("Meta", "谷歌").encode("utf-16-le")
    )
    status, out, err = cli("import", tmp_path / "gb.txt", tmp_path / "wide.txt")
    assert (status, err) == (0, "")
    assert "imported 2 document(s)" in out
    db = open_store(db_path)
    texts = {doc.text for doc in list_documents(db)}
    assert ZH in texts and ZH.replace("Meta", "谷歌") in texts
    imported = [doc for doc in list_documents(db) if doc.text == ZH][0]
    assert imported.lang == "zh"
    assert imported.title == "扎克伯格以超过1亿美元的年薪从OpenAI聘请人才。"


def test_crlf_and_bom_are_normalised_once(cli, tmp_path, db_path):
    (tmp_path / "win.txt").write_bytes(codecs.BOM_UTF8 + b"Title\r\nMeta hired Jiahui Yu.\r\n")
    assert cli("import", tmp_path / "win.txt")[0] == 0
    texts = [doc.text for doc in list_documents(open_store(db_path))]
    assert "Title\nMeta hired Jiahui Yu.\n" in texts


def test_same_text_twice_adds_nothing(cli, tmp_path, db_path):
    (tmp_path / "a.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(ZH.encode("gb18030"))
    status, out, _ = cli("import", tmp_path / "a.txt")
    assert status == 0
    before = counts(db_path)
    status, out, _ = cli("import", tmp_path / "a.txt", tmp_path / "b.md")
    assert status == 0
    assert "imported 0 document(s), 2 already stored" in out
    assert counts(db_path) == before


def test_folders_are_imported_recursively_with_only_known_formats(cli, tmp_path, db_path):
    folder = tmp_path / "corpus"
    (folder / "deep" / "er").mkdir(parents=True)
    (folder / "one.txt").write_text("Anthropic hired a researcher.", encoding="utf-8")
    (folder / "deep" / "two.md").write_text("# OpenAI\nA departure.", encoding="utf-8")
    (folder / "deep" / "er" / "three.jsonl").write_text(
        json.dumps({"text": "华为招聘了一位研究员。"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (folder / "picture.png").write_bytes(b"\x89PNG\x00\x00")
    status, out, _ = cli("import", folder)
    assert status == 0
    assert "imported 3 document(s)" in out
    titles = {doc.title for doc in list_documents(open_store(db_path))}
    assert {"Anthropic hired a researcher.", "OpenAI", "华为招聘了一位研究员。"} <= titles


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        ("nuls.txt", b"text\x00\x00\x01\x00\xff\x00\x00\x07" * 40, "binary"),
        # NULs that fall like UTF-32's, in data that is not UTF-32: binary, not "looks like".
        ("words.txt", (b"\x01\x00\x00\x00" * 3 + b"\xff\xff\xff\x7f") * 64, "binary data"),
        ("empty.txt", b"", "empty"),
        ("bom.txt", codecs.BOM_UTF8, "byte-order mark"),
        ("table.csv", b"a,b\n1,2\n", "unknown format '.csv'"),
    ],
)
def test_bad_file_is_refused_and_nothing_is_written(cli, tmp_path, db_path, name, data, message):
    good = tmp_path / "good.txt"
    good.write_text("Meta hired four researchers from OpenAI.", encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    before = counts(db_path)
    status, out, err = cli("import", good, bad)
    assert status == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0]
    assert "Traceback" not in err
    assert counts(db_path) == before


def test_broken_jsonl_names_the_line(cli, tmp_path, db_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"text": "fine"}\n\n{"text": "oops\n', encoding="utf-8")
    before = counts(db_path)
    status, _, err = cli("import", path)
    assert status == 1
    # The whole message, position included (json's own ends in "starting at").
    assert "broken.jsonl, line 3: not valid JSON: Unterminated string starting at column 10" in err
    assert counts(db_path) == before


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "no text"}, '"text" must be a non-empty string'),
        ({"text": "Meta", "spans": [{"start": 0, "end": 9, "label": "ORG"}]}, "outside the text"),
        (
            {"text": "Meta", "spans": [{"start": 0, "end": 4, "label": "COMPANY"}]},
            "expected one of",
        ),
        (
            {"text": "Meta", "spans": [{"start": 0, "end": 4, "label": "ORG", "text": "Meth"}]},
            "is not what the document has",
        ),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_invalid_records_are_refused_with_the_reason(cli, tmp_path, record, message):
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    status, _, err = cli("import", path)
    assert status == 1
    assert "records.jsonl, line 1:" in err and message in err


def test_missing_path_is_one_clear_line(cli, tmp_path):
    status, _, err = cli("import", tmp_path / "nowhere.txt")
    assert status == 1
    assert err.strip().endswith("nowhere.txt: no such file or folder")


def test_a_folder_with_nothing_to_import_says_so(cli, tmp_path):
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n", encoding="utf-8")
    status, _, err = cli("import", empty)
    assert status == 1
    assert "no .txt, .md or .jsonl files to import" in err
