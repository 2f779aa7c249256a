"""Suggestions are stored once per recognizer version, refreshed without touching decisions,
and users teach the recognizer by accepting."""

import subprocess
import sys
from pathlib import Path

import pytest

from store.actions import decide_span
from store.annotations import add_span, spans_for_document
from store.documents import list_documents
from store.importer import import_paths
from store.suggestions import (
    pending_documents,
    recognizer_for,
    refresh_pending,
    store_suggestions,
)
from talent.model import Span
from talent.recognize.base import Mention
from talent.segment import tokenizer


class FakeRecognizer:
    """A newer engine that finds one thing: the first OpenAI."""

    name = "talent-rules"
    version = "99"

    def recognize(self, text, lang):
        start = text.find("OpenAI")
        return [Mention(start, start + 6, "ORG", "fake")] if start >= 0 else []


def zh_document(db):
    return next(d for d in list_documents(db) if d.lang == "zh")


def test_seeds_arrive_with_suggestions_and_nothing_is_pending(db):
    doc = zh_document(db)
    spans = spans_for_document(db, doc.id)
    assert {(s.quote, s.label) for s in spans} >= {
        ("于佳慧", "PERSON"),
        ("8000万美元", "MONEY"),
        ("Meta", "ORG"),
    }
    assert all(s.status == "suggested" and s.origin for s in spans)
    assert pending_documents(db, recognizer_for(db)) == []


def test_a_newer_recognizer_refreshes_suggestions_and_keeps_decisions(db):
    doc = zh_document(db)
    spans = spans_for_document(db, doc.id)
    accepted = next(s for s in spans if s.quote == "于佳慧")
    rejected = next(s for s in spans if s.quote == "美国")
    decide_span(db, accepted.id, "accepted", "ana")
    decide_span(db, rejected.id, "rejected", "ana")
    newer = FakeRecognizer()
    assert doc.id in pending_documents(db, newer)
    store_suggestions(db, doc.id, newer.recognize(doc.text, "zh"), newer)
    after = spans_for_document(db, doc.id)
    assert [s.status for s in after if s.id == accepted.id] == ["accepted"]
    assert [s.status for s in after if s.id == rejected.id] == ["rejected"]
    assert [(s.quote, s.origin) for s in after if s.status == "suggested"] == [("OpenAI", "fake")]
    assert doc.id not in pending_documents(db, newer)


def test_accepting_a_name_suggests_it_everywhere_and_teaches_jieba(db, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "据报道，智元机器人挖走了两位研究员。智元机器人此前融资10亿元。", encoding="utf-8"
    )
    import_paths(db, [story])
    refresh_pending(db)
    doc = next(d for d in list_documents(db) if "智元机器人" in d.text)
    assert "智元机器人" not in {s.quote for s in spans_for_document(db, doc.id)}
    start = doc.text.index("智元机器人")
    add_span(
        db,
        Span(0, doc.id, start, start + 5, "ORG", "智元机器人", "accepted", "user", annotator="ana"),
    )
    spans = [s for s in spans_for_document(db, doc.id) if s.quote == "智元机器人"]
    assert sorted((s.status, s.origin) for s in spans) == [
        ("accepted", "user"),
        ("suggested", "learned"),
    ]
    assert "智元机器人" in list(tokenizer().cut("智元机器人此前融资", HMM=False))
    # A document imported later gets the learned name suggested too.
    later = tmp_path / "later.txt"
    later.write_text("消息人士称智元机器人将在上海建厂。", encoding="utf-8")
    import_paths(db, [later])
    refresh_pending(db)
    doc = next(d for d in list_documents(db) if d.text.startswith("消息人士"))
    assert ("智元机器人", "ORG") in {(s.quote, s.label) for s in spans_for_document(db, doc.id)}


@pytest.mark.parametrize(
    "story",
    [
        "星海机器人研究院今天宣布，星海机器人获得融资。",
        # The span starts well before the occurrence: only its length says it reaches it.
        "北京华为星海机器人研究院今天宣布，星海机器人获得融资。",
    ],
)
def test_a_learned_name_is_not_suggested_inside_a_longer_span(db, tmp_path, story):
    path = tmp_path / "story.txt"
    path.write_text(story, encoding="utf-8")
    import_paths(db, [path])
    doc = next(d for d in list_documents(db) if d.text == story)
    long_end = doc.text.index("今天")
    add_span(
        db,
        Span(0, doc.id, 0, long_end, "ORG", doc.text[:long_end], "accepted", "user", annotator="a"),
    )
    start = doc.text.index("星海机器人", long_end)
    add_span(
        db,
        Span(0, doc.id, start, start + 5, "ORG", "星海机器人", "accepted", "user", annotator="a"),
    )
    spans = spans_for_document(db, doc.id)
    assert [s.quote for s in spans if s.start < long_end] == [doc.text[:long_end]]


def test_a_users_span_replaces_the_suggestions_it_overlaps(db):
    doc = zh_document(db)
    start = doc.text.index("Meta超级智能实验室")
    add_span(
        db, Span(0, doc.id, start, start + 4, "ORG", "Meta", "accepted", "user", annotator="ana")
    )
    at_start = [s for s in spans_for_document(db, doc.id) if s.start < start + 4 and s.end > start]
    assert [(s.quote, s.status) for s in at_start] == [("Meta", "accepted")]


def test_big_batches_recognise_in_parallel_even_when_stderr_has_no_file(tmp_path):
    # Textual replaces sys.stderr with a capture whose fileno() is -1; the process pool used to
    # fail there ("bad value(s) in fds_to_keep"). A fresh interpreter, so no tracker runs yet.
    script = f"""
import sys
from pathlib import Path

import pytest
from store.workspace import open_store
from store.importer import import_paths
from store.suggestions import refresh_pending

class Capture:
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

db = open_store(Path({str(tmp_path / "t.db")!r}), suggest=False, seed=False)
paths = []
for number in range(2):
    path = Path({str(tmp_path)!r}) / f"big-{{number}}.txt"
    path.write_text(f"第{{number}}篇\\n" + "OpenAI 研究员于佳慧加入 Meta。\\n" * 4000, encoding="utf-8")
    paths.append(path)
import_paths(db, paths)
sys.stderr = Capture()
print(refresh_pending(db))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 0
