"""Suggestion quality on public development corpora (never their test splits), which stay out of
the repository: give their paths. Each gets `talent-tui evaluate`'s per-label table.

Run: python benchmarks/eval_corpora.py PATH... [--limit N] [--engine E] [--model-alone]
  (--model-alone adds LAC's own people, places and organizations, uncorrected, as a reference)
  e.g. msra_train_bio.txt (OYE93/Chinese-NLP-Corpus), example.train (zjy-ucas/ChineseNER),
  CLUENER's train.json, CoNLL-2003's train.txt, wikigold.conll.txt, and Weibo NER's
  weiboNER_2nd_conll.train (OYE93/Chinese-NLP-Corpus), whose rows are read as named mentions"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from talent.recognize import lac
from talent.recognize.base import Mention
from tui.cli.evaluate import run_evaluate


class LacAlone:
    """The statistical reference: LAC's PER, LOC and ORG words as they come, no corrections."""

    name = "LAC alone"
    version = "reference"

    def recognize(self, text: str, lang: str) -> list[Mention]:
        return [
            Mention(w.start, w.end, lac.TAG_LABELS[w.tag], lac.ORIGIN)
            for w in lac.tagged_words(text)
            if w.tag in lac.TAG_LABELS and lang == "zh"
        ]


# Weibo NER writes each character with its place in its word ("科0") and marks nominal mentions
# (PER.NOM: 男友) beside named ones (PER.NAM); only the named ones are what we suggest.
_WEIBO_ROW = re.compile(r"^(\S)\d\s+([BIES]-)?(\w+)\.(NAM|NOM)$|^(\S)\d\s+O$")


def weibo_as_bio(path: Path) -> Path:
    """Weibo NER's rows as plain BIO rows of named mentions (GPE read as a place), in a
    temporary file; other corpora are read as they are."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not any(line.endswith((".NAM", ".NOM")) for line in lines[:2000]):
        return path
    rows = []
    for line in lines:
        match = _WEIBO_ROW.match(line.strip())
        if not match:
            rows.append("")
        elif match.group(5):
            rows.append(f"{match.group(5)} O")
        else:
            char, prefix, kind, named = match.group(1, 2, 3, 4)
            tag = f"{prefix}{'LOC' if kind == 'GPE' else kind}" if named == "NAM" else "O"
            rows.append(f"{char} {tag}")
    converted = Path(tempfile.mkdtemp()) / path.name
    converted.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return converted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, help="the first N texts of each corpus")
    parser.add_argument("--engine", help="rules, lac or spacy:PIPELINE (default: lac)")
    parser.add_argument("--model-alone", action="store_true", help="add LAC alone as a reference")
    args = parser.parse_args()
    references = [LacAlone()] if args.model_alone else []
    for path in args.paths:
        started = time.perf_counter()
        run_evaluate(weibo_as_bio(path), args.limit, args.engine, references)
        print(f"{path.name}: {time.perf_counter() - started:.1f} s\n")


if __name__ == "__main__":
    main()
