"""Dataset exports, each read back by that format's own readers from PyPI (spaCy, seqeval, bratly,
pybrat, label-studio-sdk, pandas), with every span where it was."""

from __future__ import annotations

import json
import sys

import pytest

from tests.dataset_corpus import EN_TEXT, FORMULA_TITLE, ZH_TEXT, accepted, records, write_corpus

RECORDS = {record["id"]: record for record in records()}
TEXTS = {"en1": EN_TEXT, "zh1": ZH_TEXT}


@pytest.fixture
def exported(tmp_path, cli):
    """Import the corpus into a new database; return a function that exports it."""
    assert cli("import", write_corpus(tmp_path / "corpus.jsonl"))[0] == 0

    def export(fmt: str, *options: str) -> tuple:
        out = tmp_path / f"out-{fmt}"
        status, stdout, stderr = cli("export", "--format", fmt, "--out", out, *options)
        assert status == 0, stderr
        return out, stdout

    return export


def test_spacy_docbin_loads_with_every_span_as_an_entity(exported):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out, printed = exported("spacy")
    assert "1 overlapping span(s) left out" in printed
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert [doc.text for doc in docs] == [EN_TEXT, ZH_TEXT]
    for doc in docs:
        wanted = [s for s in accepted(RECORDS[doc.user_data["talent_id"]]) if s[:2] != (11, 17)]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == wanted
        for start, end, label in wanted:  # aligned: strict char_span finds every one
            assert doc.char_span(start, end, label=label) is not None
    en, zh = docs
    assert [(s.text, s.label_) for s in en.spans["claims"]] == [
        (EN_TEXT[: EN_TEXT.index(".\n") + 1], "compensation")
    ]
    assert {link["relation"] for link in en.user_data["links"]} == {"joined", "left", "leads"}
    # Tokens are spacy.blank's own (no span edge falls inside one here): training re-tokenises
    # the same way.
    assert [t.text for t in zh] == [t.text for t in spacy.blank("zh")(ZH_TEXT)]


def _conll_documents(text: str) -> list[list[list[tuple[str, str]]]]:
    """Documents of sentences of (token, tag) rows."""
    documents: list = []
    for line in text.split("\n"):
        if line.startswith("-DOCSTART-"):
            documents.append([[]])
        elif not line:
            if documents and documents[-1][-1]:
                documents[-1].append([])
        else:
            token, *_, tag = line.split(" ")
            documents[-1][-1].append((token, tag))
    return [[sentence for sentence in doc if sentence] for doc in documents]


def test_conll_bio_is_read_by_seqeval_strict_with_every_entity(exported):
    pytest.importorskip("seqeval")
    from seqeval.scheme import IOB2, Entities

    out, printed = exported("conll")
    assert "1 overlapping span(s) left out" in printed
    text = out.read_text(encoding="utf-8")
    assert text.count("-DOCSTART- -X- O O\n") == 2
    for doc_id, sentences in zip(("en1", "zh1"), _conll_documents(text), strict=True):
        tags = [[tag for _, tag in sentence] for sentence in sentences]
        # seqeval's strict mode: entities read by the IOB2 scheme, not by loose prefixes.
        found = Entities(tags, IOB2).entities
        recovered = sorted(
            (
                "".join(token for token, _ in sentences[e.sent_id][e.start : e.end]),
                e.tag,
            )
            for sentence in found
            for e in sentence
        )
        joined = TEXTS[doc_id]
        expected = sorted(
            ("".join(joined[s:e].split()), label)
            for s, e, label in accepted(RECORDS[doc_id])
            if (s, e) != (11, 17)
        )
        assert recovered == expected
    zh_tokens = [token for sentence in _conll_documents(text)[1] for token, _ in sentence]
    assert "OpenAI" in zh_tokens and "于" in zh_tokens  # Chinese by character, Latin words whole


def test_brat_standoff_is_read_by_bratly_and_pybrat(exported):
    pytest.importorskip("bratly")
    pybrat = pytest.importorskip("pybrat.parser")
    from bratly import (
        AnnotationCollection,
        AttributeAnnotation,
        Document,
        EntityAnnotation,
        NoteAnnotation,
        RelationAnnotation,
    )

    out, _ = exported("brat")
    assert (out / "annotation.conf").read_text(encoding="utf-8").startswith("[entities]")
    raw = (out / "en1.ann").read_bytes()
    assert b"\r" not in raw
    lines = raw.decode("utf-8").splitlines()
    entities = {
        a.id: a for a in (EntityAnnotation.from_line(x) for x in lines if x.startswith("T"))
    }
    others = [
        RelationAnnotation.from_line(x, entities)
        if x.startswith("R")
        else AttributeAnnotation.from_line(x, entities)
        if x.startswith("A")
        else NoteAnnotation.from_line(x, entities)
        for x in lines
        if not x.startswith("T")
    ]
    document = Document(
        fullpath=str(out / "en1.txt"),
        annotation_collections=[AnnotationCollection(annotations=[*entities.values(), *others])],
        text=EN_TEXT,
    )
    assert document.check_ann_compatibility_with_txt()
    spans = sorted(
        (e.get_start(), e.get_end(), e.label) for e in entities.values() if e.label != "Claim"
    )
    assert [s for s in spans if s[2] != "DATE"] == accepted(RECORDS["en1"])
    crossing = next(e for e in entities.values() if e.label == "TITLE")
    assert [(f.start, f.end) for f in crossing.fragments] == [
        (EN_TEXT.index("research"), EN_TEXT.index("research") + 8),
        (EN_TEXT.index("scientist"), EN_TEXT.index("scientist") + 9),
    ]
    relations = sorted(r.label for r in others if isinstance(r, RelationAnnotation))
    assert relations == ["joined", "leads", "left"]
    attributes = {(a.label, a.values[0]) for a in others if isinstance(a, AttributeAnnotation)}
    assert {("Category", "compensation"), ("Status", "supported")} <= attributes
    notes = [n.value for n in others if isinstance(n, NoteAnnotation)]
    assert '+1 source, "confirmed" by two people' in notes
    examples = {example.id: example for example in pybrat.BratParser().parse(out)}
    zh = examples["zh1"]
    assert sorted((e.start, e.end, e.type) for e in zh.entities) == accepted(RECORDS["zh1"])
    assert all(zh.text[e.start : e.end] == e.mention for e in zh.entities)
    assert [(r.type, r.arg1.mention, r.arg2.mention) for r in zh.relations] == [
        ("left", "于佳慧", "OpenAI")
    ]


def test_label_studio_tasks_are_read_by_label_studio_sdk(exported, tmp_path):
    pytest.importorskip("label_studio_sdk")
    from label_studio_sdk.converter import Converter

    from talent.formats.labelstudio import LABEL_CONFIG

    out, _ = exported("labelstudio", "--status", "all")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    converter = Converter(LABEL_CONFIG, project_dir=str(tmp_path))
    items = list(converter.iter_from_json_file(str(out)))
    by_text = {item["input"]["text"]: item for item in items}
    en = by_text[EN_TEXT]["output"]
    regions = sorted((r["start"], r["end"], r["labels"][0]) for r in en["label"])
    assert regions == accepted(RECORDS["en1"])
    assert all(EN_TEXT[r["start"] : r["end"]] == r["text"] for r in en["label"])
    assert [r["labels"] for r in en["claim"]] == [["compensation"]]
    # Suggestions travel as predictions, relations with the annotation.
    prediction = tasks[0]["predictions"][0]["result"]
    assert [(r["value"]["text"], r["value"]["labels"]) for r in prediction] == [("July", ["DATE"])]
    relations = [r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "relation"]
    assert sorted(r["labels"][0] for r in relations) == ["joined", "leads", "left"]


def test_doccano_relation_mode_and_label_form(exported):
    out, _ = exported("doccano")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    en = lines[0]
    assert sorted((e["start_offset"], e["end_offset"], e["label"]) for e in en["entities"]) == (
        accepted(RECORDS["en1"])
    )
    ids = {e["id"]: EN_TEXT[e["start_offset"] : e["end_offset"]] for e in en["entities"]}
    assert sorted((ids[r["from_id"]], r["type"], ids[r["to_id"]]) for r in en["relations"]) == [
        ("Jiahui Yu", "joined", "Meta"),
        ("Jiahui Yu", "left", "OpenAI"),
        ("Sam Altman", "leads", "OpenAI"),
    ]
    out, _ = exported("doccano", "--doccano-form", "label", "--force")
    zh = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()][1]
    assert sorted(tuple(triple) for triple in zh["label"]) == accepted(RECORDS["zh1"])


def test_csv_tables_read_by_pandas_with_chinese_commas_newlines_and_no_formulas(exported):
    pandas = pytest.importorskip("pandas")

    out, _ = exported("csv")
    assert (
        (out / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    )  # BOM: Excel reads UTF-8
    documents = pandas.read_csv(out / "documents.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(documents["text"]) == [EN_TEXT, ZH_TEXT]
    assert list(documents["title"]) == ["'" + FORMULA_TITLE, "于佳慧加入Meta, 据报道"]
    claims = pandas.read_csv(out / "claims.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(claims["note"]) == ['\'+1 source, "confirmed"\nby two people']
    spans = pandas.read_csv(out / "spans.csv", encoding="utf-8-sig", keep_default_na=False)
    assert sorted(zip(spans["start"], spans["end"], spans["label"], strict=True)) == sorted(
        accepted(RECORDS["en1"]) + accepted(RECORDS["zh1"])
    )
    assert set(spans["text"]) >= {"于佳慧", "research\nscientist", "$80 million"}
    for table in ("entities", "links"):
        assert len(pandas.read_csv(out / f"{table}.csv", encoding="utf-8-sig")) > 0


def test_export_options_choose_statuses_documents_and_annotator(exported, cli, tmp_path):
    out, _ = exported("doccano", "--status", "suggested")
    en = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [e["label"] for e in en["entities"]] == ["DATE"]
    out, printed = exported("doccano", "--docs", "于佳慧*", "--force")
    assert "exported 1 document(s)" in printed
    status, _, err = cli("export", "--format", "csv", "--out", tmp_path / "x", "--docs", "Nope*")
    assert status == 1 and "matches no document" in err and not (tmp_path / "x").exists()
    out, _ = exported("doccano", "--annotator", "nobody", "--force")
    assert all(not json.loads(line)["entities"] for line in out.read_text().splitlines())


def test_folder_formats_refuse_an_existing_folder_without_force_and_stdout(exported, cli, tmp_path):
    out, _ = exported("brat")
    status, _, err = cli("export", "--format", "brat", "--out", out)
    assert status == 1 and "already exists; add --force" in err
    status, _, err = cli("export", "--format", "csv", "--out", "-")
    assert status == 1 and "writes a folder" in err
    (out / "stale.ann").write_text("T1\tORG 0 1\tx\n", encoding="utf-8")
    exported("brat", "--force")
    assert not (out / "stale.ann").exists()  # replaced whole, not merged


def test_without_spacy_the_spacy_format_is_one_clear_line(exported, cli, tmp_path, monkeypatch):
    for name in ("spacy", "spacy.tokens"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    status, out, err = cli("export", "--format", "spacy", "--out", tmp_path / "x.spacy")
    assert status == 1 and out == ""
    assert (
        err == "talent-tui: error: the spacy format needs spaCy: pip install 'talent-tui[spacy]'\n"
    )
    assert not (tmp_path / "x.spacy").exists()


LINKS = {
    "en1": [
        ("Jiahui Yu", "Meta", "joined"),
        ("Jiahui Yu", "OpenAI", "left"),
        ("Sam Altman", "OpenAI", "leads"),
    ],
    "zh1": [("于佳慧", "OpenAI", "left")],
}


@pytest.mark.parametrize(
    ("fmt", "options"),
    [("doccano", ()), ("brat", ()), ("labelstudio", ("--status", "all"))],
)
def test_other_tools_formats_import_back_with_the_same_spans_and_links(
    exported, tmp_path, fmt, options
):
    from store.annotations import (
        claims_for_document,
        entities_by_id,
        links_for_document,
        spans_for_document,
    )
    from store.documents import list_documents
    from store.workspace import open_store
    from tui.cli.main import main

    out, _ = exported(fmt, *options)
    again = tmp_path / "again.db"
    assert main(["import", str(out), "--format", fmt, "--db", str(again)]) == 0
    db = open_store(again, suggest=False, create=False)
    entities = entities_by_id(db)
    documents = {doc.text: doc for doc in list_documents(db)}
    assert set(documents) == {EN_TEXT, ZH_TEXT}
    for doc_id, text in TEXTS.items():
        doc = documents[text]
        spans = spans_for_document(db, doc.id)
        decided = sorted((s.start, s.end, s.label) for s in spans if s.status == "accepted")
        assert decided == accepted(RECORDS[doc_id])
        links = sorted(
            (link.relation, entities[link.person].aliases, entities[link.org].aliases)
            for link in links_for_document(db, doc.id)
        )
        assert [relation for relation, *_ in links] == sorted(r for *_, r in LINKS[doc_id])
        for relation, people, orgs in links:
            assert any(
                person in people and org in orgs and relation == r
                for person, org, r in LINKS[doc_id]
            )
    en = documents[EN_TEXT]
    if fmt == "brat":  # its notes carry a link's date, amount and note
        (joined,) = [k for k in links_for_document(db, en.id) if k.relation == "joined"]
        assert (joined.date, joined.note) == ("2025-07", "signing bonus {reported}")
        assert joined.amount == {"amount": 80000000, "currency": "USD", "per": None}
    if fmt != "doccano":  # doccano has no claims
        (claim,) = claims_for_document(db, en.id)
        assert (claim.category, claim.status) == ("compensation", "supported")
    if fmt == "labelstudio":  # suggestions came back as suggestions
        assert [s.quote for s in spans_for_document(db, en.id) if s.status == "suggested"] == [
            "July"
        ]
    db.close()


@pytest.mark.parametrize(
    ("fmt", "name", "content", "message"),
    [
        (
            "doccano",
            "bad.jsonl",
            '{"text": "Jiahui Yu joined Meta", "entities": [{"id": 1, "label": "PERSON", '
            '"start_offset": 0, "end_offset": 9}], "relations": [{"from_id": 1, "to_id": 7, '
            '"type": "joined"}]}',
            "bad.jsonl, line 1: relation 1: to_id 7 names no entity of this line",
        ),
        (
            "doccano",
            "bad.jsonl",
            '{"text": "Meta", "label": [[0, 40, "ORG"]]}',
            "bad.jsonl, line 1: span 1: offsets 0-40 are outside the text (length 4)",
        ),
        (
            "brat",
            "doc.ann",
            "T1\tORG 0 4\tMeta\nT2\tPERSON 20 29\tJiahui Yu\n",
            "doc.ann, line 2: T2 says 'Jiahui Yu' at 20 29, but the .txt has",
        ),
        (
            "brat",
            "doc.ann",
            "T1\tORG 0 4\tMeta\nR1\tjoined Arg1:T5 Arg2:T1\n",
            "doc.ann, line 2: joined names T5, which no T line defines",
        ),
        (
            "labelstudio",
            "tasks.json",
            '[{"data": {"text": "Meta"}, "annotations": [{"result": [{"id": "a", "type": '
            '"relation", "from_id": "x", "to_id": "a"}]}]}]',
            "tasks.json, task 1: relation 'x' → 'a': from_id must name a PERSON region",
        ),
    ],
    ids=["doccano-relation", "doccano-offset", "brat-offset", "brat-relation", "ls-relation"],
)
def test_what_another_format_cannot_say_is_refused_and_nothing_written(
    cli, db, db_path, tmp_path, fmt, name, content, message
):
    from tests.integrity import export_text

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    (folder / "doc.txt").write_text("Meta hired someone.", encoding="utf-8")
    before = export_text(db_path)
    status, _, err = cli("import", folder / name, "--format", fmt)
    assert status == 1 and message in err and err.count("\n") == 1
    assert export_text(db_path) == before


async def test_e_exports_from_the_app_with_progress_and_the_path(tmp_path, monkeypatch):
    from tests.tui_helpers import make_app

    monkeypatch.chdir(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#out").value == str(tmp_path / "talent-jsonl.jsonl")
        form.query_one("#format").value = "brat"
        await pilot.pause()
        assert form.query_one("#out").value == str(tmp_path / "talent-brat")
        assert form.query_one("#status").value == "accepted"
        form.query_one("#status").value = "all"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.reader.query_one("#status").render())
        assert f"exported 2 document(s) as brat to {tmp_path / 'talent-brat'}" in status
        assert len(list((tmp_path / "talent-brat").glob("*.ann"))) == 2
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#out").value = "talent-brat"
        await pilot.press("enter")
        await pilot.pause()
        assert "already exists" in str(app.screen.query_one(".form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reader


def test_an_export_with_no_spans_says_so(db, cli, tmp_path):
    status, out, _ = cli("export", "--format", "conll", "--out", tmp_path / "seeds.conll")
    assert status == 0
    assert (
        "note: no accepted spans in these documents yet (--status all takes suggestions too)" in out
    )


def test_the_annotated_seeds_load_in_every_reader(db, db_path, cli, tmp_path):
    """The issue's own check: the seeds, every suggestion accepted, in each format's reader."""
    import pandas
    import spacy
    from pybrat.parser import BratParser
    from spacy.tokens import DocBin

    from store.actions import decide_span
    from store.annotations import spans_for_document
    from store.documents import list_documents
    from talent.formats import non_overlapping

    for doc in list_documents(db):
        for span in spans_for_document(db, doc.id):
            decide_span(db, span.id, "accepted")
    # After every decision: accepting teaches the recognizer, which suggests anew elsewhere.
    expected, kept = {}, {}
    for doc in list_documents(db):
        spans = [s for s in spans_for_document(db, doc.id) if s.status == "accepted"]
        expected[doc.text] = sorted((s.start, s.end, s.label) for s in spans)
        kept[doc.text] = [(s.start, s.end, s.label) for s in non_overlapping(spans)[0]]
    for fmt in ("spacy", "doccano", "brat", "csv", "labelstudio", "conll"):
        assert cli("export", "--format", fmt, "--out", tmp_path / fmt)[0] == 0
    for doc in DocBin().from_disk(tmp_path / "spacy").get_docs(spacy.blank("xx").vocab):
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == kept[doc.text]
    for line in (tmp_path / "doccano").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found = sorted((e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"])
        assert found == expected[record["text"]]
    for example in BratParser().parse(tmp_path / "brat"):
        assert sorted((e.start, e.end, e.type) for e in example.entities) == expected[example.text]
    spans = pandas.read_csv(tmp_path / "csv" / "spans.csv", encoding="utf-8-sig")
    assert len(spans) == sum(len(v) for v in expected.values())
    for task in json.loads((tmp_path / "labelstudio").read_text(encoding="utf-8")):
        regions = task["annotations"][0]["result"]
        found = sorted(
            (r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in regions
        )
        assert found == expected[task["data"]["text"]]
    conll = (tmp_path / "conll").read_text(encoding="utf-8")
    begins = sum(line.split(" ")[-1].startswith("B-") for line in conll.splitlines() if line)
    assert begins == sum(len(v) for v in kept.values())
