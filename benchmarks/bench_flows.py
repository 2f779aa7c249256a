"""Flows benchmark: a corpus of 10,000 documents with 50,000 links; the seconds to open the flows
screen (F pressed until the moves table is filled and drawn), cold (the moves derived then) and
warm (derived in the background after start-up or the last change, as the app does), and the CPU
of one filter keystroke (the moves filtered, the screen drawn); against the same on a corpus of
100 documents measured in the same run.

Run: python benchmarks/bench_flows.py"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from timing import size

from store.connection import open_database, transaction
from store.workspace import open_store
from talent.textio import document_id_for, sha256_of
from tui.app import TalentApp
from tui.widgets.row_table import RowTable

LINKS_PER_DOCUMENT = 5
ROUNDS = size(5, 1)
LARGE, SMALL = size(10_000, 20), size(100, 5)  # documents
QUERY = "openai meta"  # typed a key at a time; each key is one measurement
ORGS = [f"Lab {n}" for n in range(40)] + ["OpenAI", "Meta", "Google DeepMind", "Anthropic"]


def build_corpus(path: Path, documents: int) -> None:
    """Documents with a person, an organization left and one joined, and pay, written straight
    into the store's tables (the store's own actions would take minutes for 50,000 links)."""
    open_store(path, seed=False, suggest=False).close()
    db, _ = open_database(path)
    rng = random.Random(7)
    people = max(documents // 2, 10)
    with transaction(db):
        rows = [(f"e{n}", "PERSON", f"Person {n}") for n in range(people)]
        rows += [(f"o{n}", "ORG", name) for n, name in enumerate(ORGS)]
        db.conn.executemany(
            "INSERT INTO entities (id, label, name, aliases) VALUES (?, ?, ?, json_array(?))",
            [(*row, row[2]) for row in rows],
        )
        for d in range(documents):
            text = f"Report {d}: Person moves from one lab to another for $1 million. " * 4
            doc_id = document_id_for(sha256_of(text))
            db.execute(
                "INSERT INTO documents (id, title, lang, source, text, sha256, imported_at) "
                "VALUES (?, ?, 'en', ?, ?, ?, 'now')",
                [doc_id, f"Report {d}", f"r{d}", text, sha256_of(text)],
            )
            links = []
            for _ in range(LINKS_PER_DOCUMENT):
                person = f"e{rng.randrange(people)}"
                org = f"o{rng.randrange(len(ORGS))}"
                relation = rng.choice(("left", "formerly_at", "joined", "joined", "offered_by"))
                amount = (
                    json.dumps({"amount": rng.randrange(1, 400) * 10**6, "currency": "USD"})
                    if relation in ("joined", "offered_by")
                    else None
                )
                date = f"202{rng.randrange(6)}-0{rng.randrange(1, 10)}"
                links.append((doc_id, person, org, relation, date, amount))
            db.conn.executemany(
                "INSERT INTO links (document_id, person, org, relation, date, amount, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'now', 'now')",
                links,
            )
    db.close()


async def open_flows(app: TalentApp, pilot) -> tuple[float, RowTable]:
    """Seconds from F until the moves table is filled and drawn."""
    start = time.perf_counter()
    await pilot.press("F")
    table = app.screen.query_one("#moves", RowTable)
    while not table.count:  # filled from a worker: look every 5 ms
        await pilot.pause(0.005)
    await pilot.pause()  # and drawn
    return time.perf_counter() - start, table


async def measure(path: Path) -> tuple[float, float, float, int]:
    """(seconds to open the flows screen cold and warm, median ms of CPU a filter keystroke,
    moves shown)."""
    db, _ = open_database(path)
    app = TalentApp(db, path, refresh_suggestions=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.flows.forget_if_changed({"links"})  # cold: nothing derived yet
        cold, table = await open_flows(app, pilot)
        moves = table.count
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        warm, _ = await open_flows(app, pilot)
        await pilot.press("slash")
        keys = []
        for key in QUERY.replace(" ", "_"):
            began = time.process_time()
            await pilot.press("space" if key == "_" else key)
            keys.append((time.process_time() - began) * 1000)
    db.close()
    return cold, warm, statistics.median(keys), moves


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        large, small = folder / "large.db", folder / "small.db"
        build_corpus(large, LARGE)
        build_corpus(small, SMALL)
        large_runs, small_runs = [], []
        for _ in range(ROUNDS):  # in turn, so a noisy machine slows both alike
            large_runs.append(asyncio.run(measure(large)))
            small_runs.append(asyncio.run(measure(small)))
    print(
        f"{'corpus':36} {'cold open s':>11} {'warm open s':>11} {'filter key ms':>14} {'moves':>7}"
    )
    rows = (
        (f"{LARGE:,} documents, {LARGE * LINKS_PER_DOCUMENT:,} links", large_runs),
        (f"{SMALL:,} documents, {SMALL * LINKS_PER_DOCUMENT:,} links (reference)", small_runs),
    )
    medians = {}
    for name, runs in rows:
        cold, warm, key = (statistics.median(run[i] for run in runs) for i in range(3))
        medians[name] = (cold, warm, key)
        print(f"{name:36} {cold:11.3f} {warm:11.3f} {key:14.1f} {runs[0][3]:7,}")
    (cold, warm, key), (ref_cold, ref_warm, ref_key) = medians.values()
    print(
        f"targets: open under 1 s (cold {cold / ref_cold:.1f}x the reference, warm "
        f"{warm / ref_warm:.1f}x), a filter key under 50 ms ({key / ref_key:.1f}x); medians of "
        f"{ROUNDS} rounds"
    )


if __name__ == "__main__":
    main()
