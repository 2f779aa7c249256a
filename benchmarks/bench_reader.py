"""Reader benchmark, in one run:
- seconds from process start to the first full paint with the seeds, against a bare Textual app;
- for a 1 MB Chinese document with over 20,000 highlighted spans: the time to open it, and the
  extra cost of a cursor move and of a page down over the same keys on a 2 KB document (the
  pilot's own overhead cancels out).
Real-terminal figures (tmux, against SLATE) come from benchmarks/bench_terminal.py.

Run: python benchmarks/bench_reader.py"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store.connection import open_database
from store.importer import import_paths
from store.suggestions import recognizer_for, store_suggestions
from talent.recognize.base import Mention
from tui.app import TalentApp

RUNS = 5
KEYS = 40
BARE_APP = """
import sys
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""
SEEDED_APP = """
import sys
from pathlib import Path
from store.workspace import open_store
from tui.app import TalentApp
class FirstPaint(TalentApp):
    def start_reading(self):
        super().start_reading()
        self.call_after_refresh(self.exit)
FirstPaint(open_store(Path(sys.argv[1]), suggest=False), Path(sys.argv[1])).run(headless=True)
"""


def first_paint(code: str, *args: str) -> float:
    """Median seconds for a fresh interpreter to start, paint once and exit."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def big_chinese(folder: Path) -> tuple[Path, Path]:
    """A 1 MB Chinese document and a 2 KB one, from the seed text."""
    from importlib import resources

    seed = resources.files("seeds").joinpath("001_d0394ddac6e6eddc.txt").read_text(encoding="utf-8")
    big = folder / "big.txt"
    big.write_text("一兆字节\n" + (seed * 200)[: 1_000_000 // 3], encoding="utf-8")
    small = folder / "small.txt"
    small.write_text("两千字节\n" + seed[:680], encoding="utf-8")
    return big, small


def dense_spans(db, doc_id: str) -> int:
    """The recognizer's suggestions plus a span every 12 characters, past 20,000 in all."""
    text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    recognizer = recognizer_for(db)
    found = recognizer.recognize(text, "zh")
    taken = {m.start for m in found}
    extra = [
        Mention(i, i + 4, "NUMBER", "bench") for i in range(0, len(text) - 4, 12) if i not in taken
    ]
    mentions = sorted(found + extra, key=lambda m: m.start)
    # Keep them disjoint, as suggestions are.
    disjoint, end = [], -1
    for m in mentions:
        if m.start >= end:
            disjoint.append(m)
            end = m.end
    return store_suggestions(db, doc_id, disjoint, recognizer)


async def key_costs(db_path: Path, doc_id: str) -> tuple[float, float, float]:
    """(seconds to open, median ms per cursor move, median ms per page down) for a document."""
    db, _ = open_database(db_path)
    app = TalentApp(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.open_document(doc_id)
        await pilot.pause()
        opened = time.perf_counter() - start
        moves, pages = [], []
        for _ in range(KEYS):
            start = time.perf_counter()
            await pilot.press("l")
            moves.append(time.perf_counter() - start)
        for _ in range(KEYS):
            start = time.perf_counter()
            await pilot.press("pagedown")
            pages.append(time.perf_counter() - start)
    db.close()
    return opened, statistics.median(moves) * 1000, statistics.median(pages) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        seeded_db = folder / "seeded.db"
        from store.workspace import open_store

        open_store(seeded_db).close()
        ours_paint = first_paint(SEEDED_APP, str(seeded_db))
        bare_paint = first_paint(BARE_APP)

        db_path = folder / "big.db"
        db, _ = open_database(db_path)
        big, small = big_chinese(folder)
        import_paths(db, [big, small])
        ids = {title: doc_id for doc_id, title in db.execute("SELECT id, title FROM documents")}
        big_id, small_id = ids["一兆字节"], ids["两千字节"]
        spans = dense_spans(db, big_id)
        store_suggestions(
            db,
            small_id,
            recognizer_for(db).recognize(small.read_text(encoding="utf-8"), "zh"),
            recognizer_for(db),
        )
        db.close()
        big_open, big_move, big_page = asyncio.run(key_costs(db_path, big_id))
        small_open, small_move, small_page = asyncio.run(key_costs(db_path, small_id))

    print(f"{'measure':52} {'figure':>9} {'reference':>10} {'ratio':>6}  target")
    print(
        f"{'first paint with the seeds (s) vs bare Textual app':52} {ours_paint:9.3f} {bare_paint:10.3f} {ours_paint / bare_paint:6.2f}  <= 1.0 s, <= 2x"
    )
    print(
        f"{f'open 1 MB zh, {spans} spans (s) vs 2 KB doc':52} {big_open:9.3f} {small_open:10.3f} {big_open / small_open:6.1f}  <= 1 s"
    )
    print(
        f"{'cursor move (ms): 1 MB vs 2 KB, extra':52} {big_move:9.2f} {small_move:10.2f} {'':6}  extra {big_move - small_move:+.2f} ms (<= 5)"
    )
    print(
        f"{'page down (ms): 1 MB vs 2 KB, extra':52} {big_page:9.2f} {small_page:10.2f} {'':6}  extra {big_page - small_page:+.2f} ms (<= 5)"
    )


if __name__ == "__main__":
    main()
