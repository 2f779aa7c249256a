"""Export benchmark: 100,000 spans over 1,000 documents in each format, against a floor measured
in the same run (a raw cursor plus json.dumps per document), run by run in turn with it so a
noisy machine slows both alike; and the peak memory of exporting 100 and 1,000 documents (a
streaming export does not grow with the corpus).

Run: python benchmarks/bench_export.py"""

from __future__ import annotations

import gc
import shutil
import statistics
import tempfile
import tracemalloc
from pathlib import Path

from bench_store import build_corpus, floor_export
from timing import median_seconds, size

from store.dataset_export import export_dataset
from store.export import FORMATS, Selection

RUNS = size(5, 1)
EVERYTHING = Selection(status="all")
HUNDRED = Selection(status="all", documents="Document ?,Document ??")
TARGETS = {"jsonl": 1.5}  # the others: 3x the floor


def export_once(db, fmt: str, folder: Path, selection: Selection = EVERYTHING) -> None:
    out = folder / f"out-{fmt}"
    if out.is_dir():
        shutil.rmtree(out)
    else:
        out.unlink(missing_ok=True)
    export_dataset(db, fmt, out, selection)


def files_floor(db, folder: Path) -> None:
    """What brat cannot avoid: one .txt and one .ann file a document, written raw."""
    out = folder / "files-floor"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for doc_id, text in db.execute("SELECT id, text FROM documents"):
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (out / f"{doc_id}.ann").write_text("", encoding="utf-8")


def spacy_floor(db, folder: Path) -> None:
    """What the spacy format cannot avoid: spaCy tokenising each text and packing it in a DocBin."""
    import spacy
    from spacy.tokens import DocBin

    nlp, doc_bin = spacy.blank("en"), DocBin(attrs=["ORTH"])
    for (text,) in db.execute("SELECT text FROM documents"):
        doc_bin.add(nlp.tokenizer(text))
    (folder / "floor.spacy").write_bytes(doc_bin.to_bytes())


# What a format cannot help doing, added to its floor and measured in turn with it.
FORMAT_FLOORS = {"brat": files_floor, "spacy": spacy_floor}


def peak_mb(db, fmt: str, folder: Path, selection: Selection) -> float:
    gc.collect()
    tracemalloc.start()
    export_once(db, fmt, folder, selection)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = build_corpus(folder)
        rows = []
        for fmt in FORMATS:
            floors, ours = [], []
            try:
                for _ in range(RUNS):
                    floor = median_seconds(lambda: floor_export(db, folder / "f.jsonl"), 1)
                    if fmt in FORMAT_FLOORS:
                        floor += median_seconds(lambda fmt=fmt: FORMAT_FLOORS[fmt](db, folder), 1)
                    floors.append(floor)
                    ours.append(median_seconds(lambda fmt=fmt: export_once(db, fmt, folder), 1))
            except Exception as error:  # spaCy missing, say: reported, the others still run
                rows.append((fmt, None, None, None, None, str(error)))
                continue
            small = peak_mb(db, fmt, folder, HUNDRED)
            large = peak_mb(db, fmt, folder, EVERYTHING)
            rows.append((fmt, statistics.median(ours), statistics.median(floors), small, large, ""))
    print(
        f"{'format':12} {'seconds':>8} {'floor':>7} {'x floor':>8} {'target':>7} "
        f"{'peak MB 100 docs':>17} {'1,000 docs':>11}"
    )
    for fmt, seconds, floor, small, large, problem in rows:
        if seconds is None:
            print(f"{fmt:12} not measured: {problem}")
            continue
        target = TARGETS.get(fmt, 3.0)
        print(
            f"{fmt:12} {seconds:8.3f} {floor:7.3f} {seconds / floor:8.2f} {target:6.1f}x "
            f"{small:17.1f} {large:11.1f}"
        )
    print(
        "brat's floor adds creating its 2,001 files (raw writes of the texts, empty .ann), which "
        "alone varies tenfold from run to run on a shared disk; spacy's adds spaCy tokenising the "
        "texts into a DocBin"
    )


if __name__ == "__main__":
    main()
