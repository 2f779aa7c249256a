"""Inter-annotator agreement: span F1 (exact and overlapping), Cohen's kappa and Krippendorff's
alpha over character-level labels (every character of a document is a unit, so Chinese and
English count alike), and F1 on links and claims. Per label and overall, per pair of annotators
and for all of them, and per document.

Character labels are counted by runs: between two span edges every character has the same
labels, so a run of n characters weighs n, and a corpus costs as much as its spans."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

OUTSIDE = "O"  # the label of a character no span covers

Box = tuple[int, int, str]  # start, end, label
# annotator -> document -> their accepted spans
Layers = dict[str, dict[str, list[Box]]]


@dataclass(frozen=True)
class Corpus:
    """What agreement is computed on: each annotator's spans, links and claims per document, the
    length of each document, and which documents each annotator worked on (only those count:
    a document nobody opened is not agreement that it holds no entity)."""

    spans: Layers
    lengths: dict[str, int]
    worked: dict[str, set[str]]
    links: dict[str, set[tuple]] = field(default_factory=dict)  # (doc, person, org, relation)
    claims: dict[str, set[tuple]] = field(default_factory=dict)  # (doc, start, end, category)

    @property
    def annotators(self) -> list[str]:
        return sorted(self.worked)


def character_runs(boxes: list[Box]) -> list[Box]:
    """Spans as runs of characters with one label each: where spans overlap, the longer wins
    (as in every export that cannot hold overlaps)."""
    chosen: list[Box] = []
    taken: list[tuple[int, int]] = []
    for start, end, label in sorted(boxes, key=lambda b: (-(b[1] - b[0]), b[0])):
        if all(end <= s or start >= e for s, e in taken):
            chosen.append((start, end, label))
            taken.append((start, end))
    return sorted(chosen)


def weighted_units(layers: list[list[Box] | None], length: int) -> Counter:
    """How many characters of a document carry each tuple of labels, one label per annotator
    (None for an annotator who did not work on it)."""
    runs = [None if boxes is None else character_runs(boxes) for boxes in layers]
    edges = {0, length}
    for layer in runs:
        for start, end, _ in layer or ():
            edges.update((min(start, length), min(end, length)))
    cuts = sorted(edges)
    units: Counter = Counter()
    positions = [0] * len(runs)
    for left, right in itertools.pairwise(cuts):
        if right <= left:
            continue
        labels = []
        for index, layer in enumerate(runs):
            if layer is None:
                labels.append(None)
                continue
            at = positions[index]
            while at < len(layer) and layer[at][1] <= left:
                at += 1
            positions[index] = at
            inside = at < len(layer) and layer[at][0] <= left
            labels.append(layer[at][2] if inside else OUTSIDE)
        units[tuple(labels)] += right - left
    return units


def _binary(units: Counter, label: str) -> Counter:
    """The same units with one label against everything else."""
    folded: Counter = Counter()
    for labels, weight in units.items():
        folded[tuple(None if v is None else v == label for v in labels)] += weight
    return folded


def cohen_kappa(units: Counter) -> float | None:
    """Cohen's kappa of two annotators from weighted label pairs (None when undefined: both
    gave one label everywhere)."""
    pairs = {labels: w for labels, w in units.items() if None not in labels}
    total = sum(pairs.values())
    if not total:
        return None
    observed = sum(w for (a, b), w in pairs.items() if a == b) / total
    first, second = Counter(), Counter()
    for (a, b), w in pairs.items():
        first[a] += w
        second[b] += w
    expected = sum(first[k] * second[k] for k in first) / total**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Counter) -> float | None:
    """Krippendorff's alpha (nominal) from weighted label tuples; missing values are None
    (None when undefined: fewer than two values to pair, or one label everywhere)."""
    coincidences: Counter = Counter()
    for labels, weight in units.items():
        values = [v for v in labels if v is not None]
        if len(values) < 2:
            continue
        share = weight / (len(values) - 1)
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidences[(a, b)] += share
    totals: Counter = Counter()
    for (a, _), count in coincidences.items():
        totals[a] += count
    n = sum(totals.values())
    disagreeing = sum(count for (a, b), count in coincidences.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b)
    if n <= 1 or not expected:
        return None
    return 1 - (n - 1) * disagreeing / expected


def f1(first: Iterable, second: Iterable) -> float | None:
    """F1 of two sets of items, either taken as the reference (symmetric); None when both are
    empty."""
    a, b = set(first), set(second)
    if not a and not b:
        return None
    return 2 * len(a & b) / (len(a) + len(b))


def overlap_f1(first: list[tuple], second: list[tuple]) -> float | None:
    """F1 where a span counts as found when the other has one of its label overlapping it.
    Items are (doc, start, end, label)."""
    if not first and not second:
        return None

    def found(items: list[tuple], others: list[tuple]) -> int:
        by_key: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
        for doc, start, end, label in others:
            by_key[(doc, label)].append((start, end))
        return sum(
            any(s < end and start < e for s, e in by_key[(doc, label)])
            for doc, start, end, label in items
        )

    recall = found(first, second) / len(first) if first else 0.0
    precision = found(second, first) / len(second) if second else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Figures:
    """One row of agreement: between some annotators, on one label (or all)."""

    annotators: tuple[str, ...]
    label: str  # "all" for every label together
    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None
    alpha: float | None
    characters: int  # characters compared


@dataclass(frozen=True)
class Report:
    """Everything `talent-tui agreement` prints."""

    figures: list[Figures]
    links: dict[tuple[str, ...], float | None]
    claims_exact: dict[tuple[str, ...], float | None]
    claims_overlap: dict[tuple[str, ...], float | None]
    documents: list[tuple[str, float | None, int]]  # doc, alpha over all annotators, annotators


ALL = "all"


def agreement(corpus: Corpus, labels: Iterable[str]) -> Report:
    """Agreement per pair of annotators and among all, per label and overall."""
    annotators = corpus.annotators
    groups = [*itertools.combinations(annotators, 2)]
    if len(annotators) > 2:
        groups.append(tuple(annotators))
    units_by_doc = {
        doc: weighted_units(
            [
                corpus.spans.get(name, {}).get(doc, []) if doc in corpus.worked[name] else None
                for name in annotators
            ],
            length,
        )
        for doc, length in corpus.lengths.items()
        if sum(doc in corpus.worked[name] for name in annotators) >= 2
    }
    total: Counter = Counter()
    for units in units_by_doc.values():
        total.update(units)
    labels = list(labels)
    figures = []
    for group in groups:
        indexes = [annotators.index(name) for name in group]
        units = _project(total, indexes)
        for label in [ALL, *labels]:
            figures.append(_figures(corpus, group, label, units))
    pairs = groups[: len(groups) - (len(annotators) > 2)]
    return Report(
        figures,
        _mean_over(groups, pairs, lambda a, b: f1(*_shared(corpus, corpus.links, a, b))),
        _mean_over(groups, pairs, lambda a, b: f1(*_shared(corpus, corpus.claims, a, b))),
        _mean_over(groups, pairs, lambda a, b: overlap_f1(*_shared_claims(corpus, a, b))),
        sorted(
            (
                (doc, krippendorff_alpha(units), sum(doc in w for w in corpus.worked.values()))
                for doc, units in units_by_doc.items()
            ),
            key=lambda row: (row[1] is None, row[1] if row[1] is not None else 0),
        ),
    )


def _project(units: Counter, indexes: list[int]) -> Counter:
    """The units as these annotators see them (the others left out)."""
    projected: Counter = Counter()
    for labels, weight in units.items():
        projected[tuple(labels[i] for i in indexes)] += weight
    return projected


def _figures(corpus: Corpus, group: tuple[str, ...], label: str, units: Counter) -> Figures:
    chosen = units if label == ALL else _binary(units, label)
    compared = sum(w for labels, w in units.items() if sum(v is not None for v in labels) >= 2)
    pairs = list(itertools.combinations(group, 2))
    exact = [f1(*_span_sets(corpus, a, b, label)) for a, b in pairs]
    overlap = [overlap_f1(*_span_lists(corpus, a, b, label)) for a, b in pairs]
    kappas = []
    for a, b in pairs:
        pair = _project(units, [group.index(a), group.index(b)])
        kappas.append(cohen_kappa(pair if label == ALL else _binary(pair, label)))
    return Figures(
        group,
        label,
        _mean(exact),
        _mean(overlap),
        _mean(kappas),
        krippendorff_alpha(chosen),
        compared,
    )


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _mean_over(groups, pairs, measure) -> dict[tuple[str, ...], float | None]:
    by_pair = {pair: measure(*pair) for pair in pairs}
    return {
        group: by_pair[group]
        if group in by_pair
        else _mean([by_pair[p] for p in itertools.combinations(group, 2)])
        for group in groups
    }


def _both(corpus: Corpus, a: str, b: str) -> set[str]:
    return corpus.worked[a] & corpus.worked[b]


def _span_lists(corpus: Corpus, a: str, b: str, label: str) -> tuple[list, list]:
    docs = _both(corpus, a, b)

    def items(name: str) -> list[tuple]:
        return [
            (doc, s, e, lab)
            for doc in docs
            for s, e, lab in corpus.spans.get(name, {}).get(doc, [])
            if label == ALL or lab == label
        ]

    return items(a), items(b)


def _span_sets(corpus: Corpus, a: str, b: str, label: str) -> tuple[set, set]:
    first, second = _span_lists(corpus, a, b, label)
    return set(first), set(second)


def _shared(corpus: Corpus, items: dict[str, set[tuple]], a: str, b: str) -> tuple[set, set]:
    docs = _both(corpus, a, b)
    return (
        {i for i in items.get(a, set()) if i[0] in docs},
        {i for i in items.get(b, set()) if i[0] in docs},
    )


def _shared_claims(corpus: Corpus, a: str, b: str) -> tuple[list, list]:
    first, second = _shared(corpus, corpus.claims, a, b)
    return list(first), list(second)
