"""The learning curve: accept the gold of a corpus's first N documents, train the learned model
on them (as `talent-tui train` does), and measure exact-span F1 of people, places and
organizations on the corpus's last documents, which no N reaches, or on another split of it
(--held-out, such as Weibo NER's weiboNER_2nd_conll.dev); N = 0 is the engine alone.
Development corpora only (never a test split), kept out of the repository: give their paths.

Run: python benchmarks/bench_learning.py PATH... [--engine lac] [--evaluate 50] [--held-out DEV]
  e.g. People's Daily example.dev, Weibo NER's weiboNER_2nd_conll.train, CLUENER's
  train.json, CoNLL-2003's eng.train (as in benchmarks/eval_corpora.py)
With --smoke and no paths, a corpus made of the seed articles (the rules' suggestions as
gold): it only checks that the benchmark runs."""

from __future__ import annotations

import argparse
import statistics
import time
from importlib import resources
from pathlib import Path

from eval_corpora import weibo_as_bio
from timing import SMOKE, size

from talent.evaluation import score
from talent.gold import SENTENCES_PER_DOCUMENT, GoldText, read_gold
from talent.learned.crf import Example, TrainedRecognizer, train
from talent.recognize.engines import MODEL_LABELS, build_recognizer, default_engine

SIZES = (0, 10, 25, 50, 100) if not SMOKE else (0, 2)
EVALUATE = size(50, 2)


def seed_corpus() -> list[GoldText]:
    """The seed articles cut into paragraphs, the rules' people, places and organizations as
    their gold: enough to run every step, nothing to learn from."""
    rules = build_recognizer("rules")
    texts = []
    for name in ("000_c92fd515c658d046.txt", "001_d0394ddac6e6eddc.txt"):
        article = resources.files("seeds").joinpath(name).read_text(encoding="utf-8")
        lang = "zh" if name.startswith("001") else "en"
        for paragraph in filter(str.strip, article.split("\n")):
            spans = [(m.start, m.end, m.label) for m in rules.recognize(paragraph, lang)]
            texts.append(GoldText(paragraph, lang, [s for s in spans if s[2] in MODEL_LABELS]))
    return texts


def read_corpus(path: Path) -> list[GoldText]:
    """A development corpus's documents with their gold; CLUENER's one-sentence records (a .json
    file) are put together SENTENCES_PER_DOCUMENT at a time, as the BIO corpora's sentences are."""
    texts = read_gold(weibo_as_bio(path).read_text(encoding="utf-8"), path.name)
    if path.suffix != ".json":
        return texts
    documents = []
    for first in range(0, len(texts), SENTENCES_PER_DOCUMENT):
        document = GoldText("", texts[first].lang)
        for sentence in texts[first : first + SENTENCES_PER_DOCUMENT]:
            if document.text:
                document.text += "\n"
            offset = len(document.text)
            document.text += sentence.text
            document.spans += [(s + offset, e + offset, label) for s, e, label in sentence.spans]
        documents.append(document)
    return documents


def f1(recognizer, texts: list[GoldText]) -> float:
    """Micro F1 of people, places and organizations, exact spans."""
    pairs = [
        (
            {s for s in gold.spans if s[2] in MODEL_LABELS},
            {(m.start, m.end, m.label) for m in recognizer.recognize(gold.text, gold.lang)},
        )
        for gold in texts
    ]
    return score(pairs, sorted(MODEL_LABELS))["micro"].f1


def curve(
    name: str,
    texts: list[GoldText],
    engine_name: str,
    evaluate: int,
    held_out: list[GoldText] | None = None,
) -> list[tuple]:
    """One row per N (none reaching into the measured documents): F1 of the engine knowing the
    N documents' accepted names (what exact-string propagation gives today), F1 with the model
    trained on them, its gain over N = 0, and training seconds in all and a document. Measured
    on `held_out` when given (another split of the corpus), else on the corpus's last documents,
    which no N reaches (a small corpus)."""
    held = held_out or texts[-evaluate:]
    usable = len(texts) - (0 if held_out else len(held))
    rows, baseline = [], None
    for n in [n for n in SIZES if n <= usable]:
        taught = [(t.text[s:e], label) for t in texts[:n] for s, e, label in t.spans]
        engine = build_recognizer(engine_name, taught)
        propagated = f1(engine, held)
        figure, seconds = propagated, 0.0
        if n:
            examples = [Example(t.text, t.lang, tuple(t.spans)) for t in texts[:n]]
            started = time.perf_counter()
            models = train(examples, engine)
            seconds = time.perf_counter() - started
            figure = f1(TrainedRecognizer(engine, models), held)
        baseline = figure if baseline is None else baseline
        rows.append((name, n, propagated, figure, figure - baseline, seconds, seconds / max(n, 1)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--engine", default=None, help="rules or lac (default: the default)")
    parser.add_argument("--evaluate", type=int, default=EVALUATE, help="documents measured")
    parser.add_argument(
        "--held-out", type=Path, help="measure on this split of the corpus (its development set)"
    )
    parser.add_argument("--smoke", action="store_true", help="the seeds only: checks it runs")
    args = parser.parse_args()
    engine_name = args.engine or default_engine()
    corpora = [(p.name, read_corpus(p)) for p in args.paths]
    held_out = read_corpus(args.held_out) if args.held_out else None
    if not corpora:
        if not SMOKE:
            parser.error("give development corpora (see the docstring), or --smoke")
        corpora = [("seeds", seed_corpus())]
    rows = []
    for name, texts in corpora:
        rows += curve(name, texts, engine_name, args.evaluate, held_out)
    measured = args.held_out.name if args.held_out else "each corpus's last documents"
    print(
        f"engine {engine_name}; exact-span micro F1 of PERSON, ORG, LOCATION on {measured}; "
        "'taught' is the engine knowing the first N documents' accepted names "
        "(exact-string propagation), 'model' adds the model trained on them"
    )
    print(
        f"{'corpus':24} {'N':>4} {'taught':>7} {'model':>6} {'vs N=0':>7} {'train s':>8} {'s/doc':>6}"
    )
    for name, n, propagated, figure, gain, seconds, per_document in rows:
        print(
            f"{name[:24]:24} {n:4} {propagated:7.3f} {figure:6.3f} {gain:+7.3f} {seconds:8.1f} "
            f"{per_document:6.2f}"
        )
    largest = max((r[1] for r in rows), default=0)
    if largest:
        seconds = statistics.median(r[6] for r in rows if r[1] == largest)
        print(f"median seconds a document at N = {largest}: {seconds:.2f}")


if __name__ == "__main__":
    main()
