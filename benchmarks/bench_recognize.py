"""Recognition benchmark: throughput on about 1 MB of Chinese and of English text against
jieba.cut and jieba.posseg.cut on the same text in the same run; the rules on 5 MB in files on
both cores against one; and the time to fully highlight a 20 KB article. Then the LAC engine: its
throughput on 1 MB of Chinese on both cores against jieba.posseg on one, a 20 KB article's rule
suggestions and then its model suggestions, and bulk import of 10 MB of Chinese news.

Run: python benchmarks/bench_recognize.py [--bulk-mb N] (10 by default)"""

from __future__ import annotations

import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path

from timing import SMOKE, median_seconds, size

from store.connection import open_database
from store.importer import import_paths
from store.suggestions import (
    PARALLEL_CHARS,
    pending_documents,
    refresh_pending,
    set_engine,
    suggest_documents,
)
from talent.recognize.engines import RULES, build_recognizer
from talent.recognize.pipeline import RuleRecognizer
from talent.segment import tokenizer

MB = 1_000_000
ROUNDS = size(5, 1)
ZH_SEED = "001_d0394ddac6e6eddc.txt"
RULES_BULK_MB = size(5, 0.02)


def seed_text(name: str) -> str:
    return resources.files("seeds").joinpath(name).read_text(encoding="utf-8")


def corpus(name: str, nbytes: int) -> str:
    text = seed_text(name)
    return (text * (nbytes // len(text.encode("utf-8")) + 1))[
        : nbytes // 3 if not text.isascii() else nbytes
    ]


def write_documents(folder: Path, text: str, chunk: int = 10_000) -> Path:
    """The text as news articles of `chunk` characters, one file each."""
    docs = folder / "docs"
    docs.mkdir()
    for i in range(0, len(text), chunk):
        (docs / f"{i:08d}.txt").write_text(f"{i}\n" + text[i : i + chunk], encoding="utf-8")
    return docs


def engine_rows(zh: str, article: str, posseg_seconds: float, bulk_mb: float) -> list[tuple]:
    """The LAC engine's figures: the 20 KB article, 1 MB on both cores, bulk import."""
    from talent.recognize import lac

    started = time.perf_counter()
    lac.tagged_words("预热")
    load = time.perf_counter() - started
    engine = build_recognizer("lac")
    # A new recognizer each run: one keeps the last text's words (the learned model reads them
    # right after), so the same article again would not be tagged at all.
    model_ms = median_seconds(lambda: build_recognizer("lac").recognize(article, "zh"), runs=5)
    model_ms *= 1000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, _ = open_database(folder / "engine.db")
        import_paths(db, [write_documents(folder, zh)], annotator="bench")
        start = time.perf_counter()
        suggest_documents(db, engine, pending_documents(db, engine))
        both_cores = time.perf_counter() - start
        db.close()
        bulk = corpus(ZH_SEED, int(bulk_mb * MB))
        (folder / "bulk").mkdir()
        db, _ = open_database(folder / "bulk" / "bulk.db")
        set_engine(db, "lac")
        start = time.perf_counter()
        import_paths(db, [write_documents(folder / "bulk", bulk)], annotator="bench")
        refresh_pending(db)
        bulk_seconds = time.perf_counter() - start
    zh_mb = len(zh.encode()) / MB
    return [
        ("LAC model load (s)", load, "", 0, ""),
        ("20 KB article: + model suggestions (ms)", model_ms, "", 0, "< 500 ms"),
        (
            "LAC engine, both cores (MB/s)",
            zh_mb / both_cores,
            "posseg, 1 core",
            zh_mb / posseg_seconds,
            "",
        ),
        (f"bulk import {bulk_mb:g} MB zh, LAC (s)", bulk_seconds, "", 0, "< 90 s, two cores"),
    ]


def main() -> None:
    import argparse

    import jieba.posseg

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk-mb", type=float, default=0.01 if SMOKE else 10.0)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: only checks it runs")
    args = parser.parse_args()

    recognizer = RuleRecognizer()
    recognizer.recognize("预热", "zh")
    tokenizer()
    zh = corpus(ZH_SEED, size(MB, 20_000))
    en = corpus("000_c92fd515c658d046.txt", size(MB, 20_000))
    zh_mb, en_mb = len(zh.encode()) / MB, len(en.encode()) / MB
    # Rounds interleave ours with the references, so a noisy moment hits both sides; the
    # ratio is the median of the rounds' ratios.
    rounds = []
    for _ in range(ROUNDS):
        rounds.append(
            (
                median_seconds(lambda: recognizer.recognize(zh, "zh"), runs=1),
                median_seconds(lambda: list(tokenizer().cut(zh)), runs=1),
                median_seconds(lambda: list(jieba.posseg.cut(zh)), runs=1),
                median_seconds(lambda: recognizer.recognize(en, "en"), runs=1),
                median_seconds(lambda: list(tokenizer().cut(en)), runs=1),
            )
        )
    ours_zh, cut, posseg, ours_en, cut_en = (
        statistics.median(column) for column in zip(*rounds, strict=True)
    )
    posseg_ratio = statistics.median(p / o for o, _, p, _, _ in rounds)
    article = zh[:6700]  # 20 KB of UTF-8
    one_article = median_seconds(lambda: recognizer.recognize(article, "zh"), runs=size(7, 1))

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # The rules go on both cores only past PARALLEL_CHARS: below, starting the workers costs
        # more than their work.
        rules_bulk = corpus(ZH_SEED, int(RULES_BULK_MB * MB))
        assert SMOKE or len(rules_bulk) > PARALLEL_CHARS[RULES]
        docs = write_documents(folder, rules_bulk)
        timings = {}
        for mode in ("serial", "parallel"):
            db, _ = open_database(folder / f"{mode}.db")
            import_paths(db, [docs], annotator="bench")
            ids = pending_documents(db, recognizer)
            start = time.perf_counter()
            if mode == "serial":
                for doc_id in ids:
                    suggest_documents(db, recognizer, [doc_id])
            else:
                suggest_documents(db, recognizer, ids)
            timings[mode] = time.perf_counter() - start

    rows = [
        (
            "Chinese: ours (MB/s)",
            zh_mb / ours_zh,
            "jieba.posseg",
            zh_mb / posseg,
            ">= 4x posseg, >= 0.3 MB/s",
        ),
        ("Chinese: ours (MB/s)", zh_mb / ours_zh, "jieba.cut", zh_mb / cut, ""),
        ("English: ours (MB/s)", en_mb / ours_en, "jieba.cut", en_mb / cut_en, ""),
        (
            f"rules on {RULES_BULK_MB} MB zh in files (s)",
            timings["parallel"],
            "one core",
            timings["serial"],
            "both cores",
        ),
        ("20 KB article: rule suggestions (ms)", one_article * 1000, "", 0, "< 100 ms"),
        *engine_rows(zh, article, posseg, args.bulk_mb),
    ]
    print(
        f"median of {ROUNDS} interleaved rounds; Chinese vs posseg, median of per-round ratios: {posseg_ratio:.2f}x"
    )
    print(f"{'measure':38} {'figure':>9} {'reference':>14} {'ref figure':>10} {'ratio':>6}  target")
    for label, figure, ref_name, ref, target in rows:
        ratio = f"{figure / ref:6.2f}" if ref else "      "
        ref_text = f"{ref:10.3f}" if ref else " " * 10
        print(f"{label:38} {figure:9.3f} {ref_name:>14} {ref_text} {ratio}  {target}")


if __name__ == "__main__":
    main()
