"""Scoring a recognizer against gold spans: precision, recall and F1 per label, exact matches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Key = tuple[int, int, str]  # start, end, label (one document)


class EvaluationError(ValueError):
    """Input that cannot be scored against (not gold); the message is for the user."""


@dataclass(frozen=True)
class Score:
    """Counts and the figures derived from them."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[set[Key], set[Key]]], labels: Iterable[str]) -> dict[str, Score]:
    """Per-label scores over (gold, predicted) pairs, one per document, plus 'micro' over all."""
    labels = list(labels)
    counts: Counter[tuple[str, str]] = Counter()
    for gold, predicted in pairs:
        predicted = {key for key in predicted if key[2] in labels}
        for key in gold & predicted:
            counts[key[2], "tp"] += 1
        for key in predicted - gold:
            counts[key[2], "fp"] += 1
        for key in gold - predicted:
            counts[key[2], "fn"] += 1
    scores = {
        label: Score(counts[label, "tp"], counts[label, "fp"], counts[label, "fn"])
        for label in labels
    }
    scores["micro"] = Score(
        sum(s.true_positives for s in scores.values()),
        sum(s.false_positives for s in scores.values()),
        sum(s.false_negatives for s in scores.values()),
    )
    return scores
