"""`talent-tui evaluate GOLD`: the recognizer's precision, recall and F1 per label, against our
JSONL, CoNLL/BIO rows or CLUENER JSON lines."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from store.import_files import read_records
from talent.evaluation import EvaluationError, score
from talent.gold import GoldError, GoldText, read_gold
from talent.recognize.base import Recognizer
from talent.recognize.engines import RULES, build_recognizer, check_engine, default_engine
from talent.recognize.naive import NaiveRecognizer
from talent.textio import DecodeError, read_text

EVALUATED = ("PERSON", "ORG", "LOCATION", "MONEY", "PERCENT", "DATE", "DURATION")


def _native_gold(gold_path: Path) -> list[GoldText]:
    """Accepted spans of our JSONL, or a message that it holds no gold."""
    records = read_records(gold_path, "gold")
    # Gold is what a person accepted; suggestions nobody reviewed would score the recognizer
    # against itself.
    statuses = Counter(s.status for r in records for s in r.spans)
    if not statuses["accepted"]:
        held = f"it holds {statuses['suggested']} unreviewed suggestion(s)" if statuses else ""
        raise EvaluationError(
            f"{gold_path}: no accepted spans to score against; evaluate needs gold JSONL "
            f"(an export of reviewed documents){': ' + held if held else ''}"
        )
    if statuses["suggested"]:
        Console(stderr=True).print(
            f"warning: {statuses['suggested']} unreviewed suggestion(s) in {gold_path.name} "
            "were left out: only accepted spans are gold",
            highlight=False,
            soft_wrap=True,
        )
    return [
        GoldText(
            r.document.text,
            r.document.lang,
            [(s.start, s.end, s.label) for s in r.spans if s.status == "accepted"],
        )
        for r in records
    ]


def read_any_gold(gold_path: Path) -> list[GoldText]:
    """Gold from our JSONL, CLUENER JSON lines, or CoNLL/BIO rows."""
    try:
        text = read_text(gold_path.read_bytes())
    except OSError as error:
        raise EvaluationError(f"{gold_path}: cannot read it ({error.strerror})") from error
    except DecodeError as error:
        raise EvaluationError(f"{gold_path}: {error}") from error
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        native = first.startswith("{") and not isinstance(json.loads(first).get("label"), dict)
    except (ValueError, AttributeError):
        native = False
    if native:
        return _native_gold(gold_path)
    try:
        texts = read_gold(text, gold_path.name)
    except GoldError as error:
        raise EvaluationError(
            f"{gold_path}, {error}; evaluate reads gold as our JSONL (reviewed spans), CoNLL/BIO "
            "rows or CLUENER JSON lines"
        ) from error
    if not any(gold.spans for gold in texts):
        raise EvaluationError(f"{gold_path}: no entities of our labels in it")
    return texts


def run_evaluate(
    gold_path: Path,
    limit: int | None = None,
    engine: str | None = None,
    references: list[Recognizer] = (),
) -> int:
    """Score an engine's recognizer (the default one unless named) on a gold corpus (its first
    `limit` texts, if given), beside the rules alone, the naive baseline and any `references`."""
    texts = read_any_gold(gold_path)[:limit]
    gold_spans = [gold.spans for gold in texts]
    labels = [label for label in EVALUATED if any(s[2] == label for g in gold_spans for s in g)]
    engine = check_engine(engine or default_engine())
    ours = build_recognizer(engine)
    compared = [ours, *([] if engine == RULES else [ours.rules]), NaiveRecognizer()]
    results = {}
    for recognizer in [*compared, *references]:
        pairs = []
        for gold in texts:
            found = {(m.start, m.end, m.label) for m in recognizer.recognize(gold.text, gold.lang)}
            pairs.append((set(gold.spans), found))
        results[recognizer.name] = score(pairs, labels)
    table = Table(
        title=f"{gold_path.name}: {len(texts)} text(s), exact span and label, engine {engine}"
    )
    others = [r.name for r in [*compared[1:], *references]]
    for column in ("label", "gold", "precision", "recall", "F1", *(f"{n} F1" for n in others)):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label in [*labels, "micro"]:
        s = results[ours.name][label]
        table.add_row(
            label,
            str(s.true_positives + s.false_negatives),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            *(f"{results[name][label].f1:.3f}" for name in others),
        )
    Console().print(table)
    return 0
