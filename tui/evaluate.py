"""`talent-tui evaluate GOLD.jsonl`: the recognizer's precision, recall and F1 per label."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from store.importer import read_records
from talent.evaluation import EvaluationError, score
from talent.recognize.naive import NaiveRecognizer
from talent.recognize.pipeline import RuleRecognizer

EVALUATED = ("PERSON", "ORG", "LOCATION", "MONEY", "PERCENT", "DATE", "DURATION")


def run_evaluate(gold_path: Path) -> int:
    """Score the default recognizer, and the naive baseline for reference, on gold JSONL."""
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
    gold_spans = [[s for s in r.spans if s.status == "accepted"] for r in records]
    labels = [label for label in EVALUATED if any(s.label == label for g in gold_spans for s in g)]
    results = {}
    for recognizer in (RuleRecognizer(), NaiveRecognizer()):
        pairs = []
        for record, accepted in zip(records, gold_spans, strict=True):
            doc = record.document
            gold = {(s.start, s.end, s.label) for s in accepted}
            found = {(m.start, m.end, m.label) for m in recognizer.recognize(doc.text, doc.lang)}
            pairs.append((gold, found))
        results[recognizer.name] = score(pairs, labels)
    ours, naive = results["talent-rules"], results["naive"]
    table = Table(title=f"{gold_path.name}: {len(records)} document(s), exact span and label")
    for column in ("label", "gold", "precision", "recall", "F1", "naive F1"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label in [*labels, "micro"]:
        s = ours[label]
        table.add_row(
            label,
            str(s.true_positives + s.false_negatives),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{naive[label].f1:.3f}",
        )
    Console().print(table)
    return 0
