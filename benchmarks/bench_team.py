"""Team benchmark: agreement over 3 annotators x 1,000 documents x 100 spans each, and a merge of
two 1,000-document databases, each against a floor measured in the same run (reading the same
spans with one raw query; copying the same rows with INSERT ... SELECT between attached files).

Run: python benchmarks/bench_team.py"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from timing import size

from store.agreement import team_agreement
from store.connection import open_database, transaction
from store.team import merge_databases
from store.workspace import open_store
from talent.textio import document_id_for, sha256_of

DOCUMENTS = size(1_000, 5)
SPANS = size(100, 5)
ROUNDS = size(3, 1)
LABELS = ("PERSON", "ORG", "LOCATION", "MONEY")


def text_of(d: int) -> str:
    return f"Report {d}: " + "Meta hired Jiahui Yu from OpenAI for $100 million. " * 40


def build(path: Path, annotators: list[str], seed: int) -> None:
    """Documents with each annotator's 100 accepted spans: mostly the same, some moved or
    relabelled, written straight into the tables."""
    open_store(path, seed=False, suggest=False).close()
    db, _ = open_database(path)
    rng = random.Random(seed)
    with transaction(db):
        for d in range(DOCUMENTS):
            text = text_of(d)
            doc_id = document_id_for(sha256_of(text))
            db.execute(
                "INSERT INTO documents (id, title, lang, source, text, sha256, imported_at, "
                "review_state) VALUES (?, ?, 'en', ?, ?, ?, 'now', 'done')",
                [doc_id, f"Report {d}", f"r{d}", text, sha256_of(text)],
            )
            rows = []
            for name in annotators:
                for s in range(SPANS):
                    start, label = s * 20, LABELS[s % len(LABELS)]
                    roll = rng.random()
                    if roll < 0.05:
                        label = rng.choice(LABELS)
                    elif roll < 0.1:
                        start += 1
                    rows.append((doc_id, start, start + 6, label, text[start : start + 6], name))
            db.conn.executemany(
                'INSERT INTO spans (document_id, start, "end", label, quote, status, origin, '
                "annotator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'accepted', 'user', "
                "?, 'now', 'now')",
                rows,
            )
    db.close()


def floor_read(path: Path) -> None:
    """The agreement floor: every decided span read once, raw."""
    conn = sqlite3.connect(path)
    conn.execute('SELECT annotator, document_id, start, "end", label FROM spans').fetchall()
    conn.close()


def floor_copy(sources: list[Path], into: Path) -> None:
    """The merge floor: the same documents and spans copied with INSERT ... SELECT."""
    conn = sqlite3.connect(into)
    for number, source in enumerate(sources):
        conn.execute(f"ATTACH DATABASE '{source}' AS s{number}")
        if number == 0:
            conn.execute(f"CREATE TABLE documents AS SELECT * FROM s{number}.documents")
            conn.execute(f"CREATE TABLE spans AS SELECT * FROM s{number}.spans")
        else:
            conn.execute(
                f"INSERT INTO spans SELECT * FROM s{number}.spans WHERE id NOT IN "
                "(SELECT id FROM spans)"
            )
    conn.commit()
    conn.close()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        three = folder / "three.db"
        build(three, ["ana", "bob", "cy"], seed=1)
        ana, bob = folder / "ana.db", folder / "bob.db"
        build(ana, ["ana"], seed=2)
        build(bob, ["bob"], seed=3)
        agree, agree_floor, merge, merge_floor = [], [], [], []
        for round_ in range(ROUNDS):  # in turn, so a noisy machine slows both alike
            agree_floor.append(timed(lambda: floor_read(three)))
            db, _ = open_database(three)
            agree.append(timed(lambda db=db: team_agreement(db)))
            db.close()
            copy = folder / f"copy{round_}.db"
            merge_floor.append(timed(lambda copy=copy: floor_copy([ana, bob], copy)))
            team = folder / f"team{round_}.db"
            db = open_store(team, seed=False, suggest=False)
            merge.append(timed(lambda db=db, team=team: merge_databases(db, team, [ana, bob])))
            db.close()
    rows = (
        (
            f"agreement, 3 annotators x {DOCUMENTS:,} documents x {SPANS} spans",
            agree,
            agree_floor,
            2.0,
        ),
        (f"merge of two {DOCUMENTS:,}-document databases", merge, merge_floor, 5.0),
    )
    print(f"{'':56} {'seconds':>8} {'floor':>7} {'x floor':>8} {'target':>8}")
    for label, ours, floor, target in rows:
        seconds, base = statistics.median(ours), statistics.median(floor)
        print(f"{label:56} {seconds:8.3f} {base:7.3f} {seconds / base:8.1f} {target:7.1f}s")
    print(f"medians of {ROUNDS} rounds")


if __name__ == "__main__":
    main()
