"""Store benchmark: committing one annotation, and exporting 100,000 spans as JSONL, each against
a floor measured in the same run (bare sqlite3; a raw cursor plus json.dumps).

Run: python benchmarks/bench_store.py"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from timing import median_seconds, size

from store.annotations import add_span
from store.connection import open_database, transaction
from store.export import export_jsonl
from store.importer import write_records
from talent.model import Document, Span
from talent.records import DocumentRecord
from talent.textio import document_id_for, sha256_of

COMMITS = size(500, 5)
DOCUMENTS, SPANS_PER_DOCUMENT = size(1000, 5), size(100, 5)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_commit(folder: Path) -> tuple[float, float]:
    """Median ms to commit one span through the store, and a bare sqlite3 insert+commit."""
    db, _ = open_database(folder / "commit.db")
    text = "Meta hired Jiahui Yu from OpenAI. " * 200
    doc = Document(document_id_for(sha256_of(text)), "t", "en", "", text, sha256_of(text))
    write_records(db, [DocumentRecord(doc)], "bench")
    store_times = []
    for i in range(COMMITS):
        start = time.perf_counter()
        add_span(db, Span(0, doc.id, i, i + 4, "ORG", text[i : i + 4], "accepted", "user"))
        store_times.append(time.perf_counter() - start)
    bare = sqlite3.connect(folder / "bare.db")
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = NORMAL")
    bare.execute(
        "CREATE TABLE spans (id INTEGER PRIMARY KEY, doc TEXT, start INT, end INT, label TEXT)"
    )
    bare_times = []
    for i in range(COMMITS):
        start = time.perf_counter()
        bare.execute(
            "INSERT INTO spans (doc, start, end, label) VALUES (?, ?, ?, ?)", ["d", i, i + 4, "ORG"]
        )
        bare.commit()
        bare_times.append(time.perf_counter() - start)
    return median_ms(store_times), median_ms(bare_times)


def build_corpus(folder: Path):
    """1,000 documents with 100 spans each, written straight into the store's tables."""
    db, _ = open_database(folder / "export.db")
    with transaction(db):
        for d in range(DOCUMENTS):
            text = f"Document {d}: " + "Meta hired Jiahui Yu from OpenAI for $100 million. " * 40
            doc_id = document_id_for(sha256_of(text))
            db.execute(
                "INSERT INTO documents (id, title, lang, source, text, sha256, imported_at) "
                "VALUES (?, ?, 'en', '', ?, ?, 'now')",
                [doc_id, f"Document {d}", text, sha256_of(text)],
            )
            db.conn.executemany(
                'INSERT INTO spans (document_id, start, "end", label, quote, status, origin, value, '
                "created_at, updated_at) VALUES (?, ?, ?, 'ORG', ?, 'suggested', 'rules', ?, 'now', 'now')",
                [
                    (
                        doc_id,
                        s * 10,
                        s * 10 + 4,
                        text[s * 10 : s * 10 + 4],
                        '{"amount": 1}' if s % 5 == 0 else None,
                    )
                    for s in range(SPANS_PER_DOCUMENT)
                ],
            )
    return db


def floor_export(db, out: Path) -> None:
    """The floor: one raw cursor over the spans, json.dumps per document, no shaping."""
    with out.open("w", encoding="utf-8") as handle:
        spans: dict[str, list] = {}
        for row in db.execute(
            'SELECT document_id, id, start, "end", label, quote, status, origin, value FROM spans'
        ):
            spans.setdefault(row[0], []).append(row[1:])
        for doc_id, title, text in db.execute("SELECT id, title, text FROM documents"):
            handle.write(
                json.dumps([doc_id, title, text, spans.get(doc_id, [])], ensure_ascii=False)
            )
            handle.write("\n")


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        store_ms, bare_ms = bench_commit(folder)
        db = build_corpus(folder)
        ours = median_seconds(lambda: export_jsonl(db, folder / "ours.jsonl"), runs=size(5, 1))
        floor = median_seconds(lambda: floor_export(db, folder / "floor.jsonl"), runs=size(5, 1))
    print(f"{'measure':44} {'figure':>10} {'reference':>10} {'ratio':>7} target")
    print(
        f"{'commit one span (median ms)':44} {store_ms:10.3f} {bare_ms:10.3f} {store_ms / bare_ms:7.1f}  <= 1 ms"
    )
    print(
        f"{f'export {DOCUMENTS * SPANS_PER_DOCUMENT:,} spans / {DOCUMENTS:,} docs, JSONL (s)':44} {ours:10.3f} {floor:10.3f} {ours / floor:7.2f}  <= 1.5x floor"
    )


if __name__ == "__main__":
    main()
