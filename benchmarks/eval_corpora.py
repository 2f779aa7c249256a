"""Suggestion quality on public development corpora (never their test splits), which stay out of
the repository: give their paths. Each gets `talent-tui evaluate`'s per-label table.

Run: python benchmarks/eval_corpora.py PATH... [--limit N]
  e.g. msra_train_bio.txt (OYE93/Chinese-NLP-Corpus), example.train (zjy-ucas/ChineseNER),
  CLUENER's train.json, CoNLL-2003's train.txt, wikigold.conll.txt"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tui.evaluate import run_evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, help="the first N texts of each corpus")
    args = parser.parse_args()
    for path in args.paths:
        started = time.perf_counter()
        run_evaluate(path, args.limit)
        print(f"{path.name}: {time.perf_counter() - started:.1f} s\n")


if __name__ == "__main__":
    main()
