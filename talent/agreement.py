"""Inter-annotator agreement: span F1 (exact and overlapping), Cohen's kappa and Krippendorff's
alpha over character-level labels (every character of a document is a unit, so Chinese and
English count alike), and F1 on links and claims. Per label and overall, per pair of annotators
and for all of them, and per document.

Character labels are counted by runs: between two span edges every character has the same
labels, so a run of n characters weighs n, and a corpus costs as much as its spans."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

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
    chosen: list[Box] = []  # kept in text order, so a new span checks its two neighbours only
    for box in sorted(boxes, key=lambda b: (-(b[1] - b[0]), b[0])):
        at = bisect.bisect_left(chosen, box)
        if at and chosen[at - 1][1] > box[0]:
            continue
        if at < len(chosen) and chosen[at][0] < box[1]:
            continue
        chosen.insert(at, box)
    return chosen


def weighted_units(layers: list[list[Box] | None], length: int) -> Counter:
    """How many characters of a document carry each tuple of labels, one label per annotator
    (None for an annotator who did not work on it)."""
    # A span past the end (never stored, but cheap to guard against) is cut at the end.
    runs = [
        None if boxes is None else [(s, e if e <= length else length, lab) for s, e, lab in boxes]
        for boxes in layers
    ]
    runs = [None if boxes is None else character_runs(boxes) for boxes in runs]
    edges = {0, length}
    for layer in runs:
        for start, end, _ in layer or ():
            edges.add(start)
            edges.add(end)
    cuts = sorted(e for e in edges if e <= length)
    index = {cut: i for i, cut in enumerate(cuts)}
    widths = [right - left for left, right in itertools.pairwise(cuts)]
    # Each annotator's label of every stretch between two cuts, painted run by run.
    columns = []
    for layer in runs:
        if layer is None:
            columns.append([None] * len(widths))
            continue
        column = [OUTSIDE] * len(widths)
        for start, end, label in layer:
            if start < length:
                first, last = index[start], index[end]
                column[first:last] = [label] * (last - first)
        columns.append(column)
    units: Counter = Counter()
    for labels, width in zip(zip(*columns, strict=True), widths, strict=True):
        units[labels] += width
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
    return _overlap_score(
        len(first), sum(_found(first, second)), len(second), sum(_found(second, first))
    )


def _overlap_score(first: int, found_first: int, second: int, found_second: int) -> float:
    recall = found_first / first if first else 0.0
    precision = found_second / second if second else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class _SpanIndex:
    """One annotator's spans on some documents, as a set, counted by label, and searchable for
    an overlapping span: per document and label, the starts in order and the furthest end
    reached up to each (a span is overlapped when one starting before its end runs past its
    start)."""

    def __init__(self, items: list[tuple]) -> None:
        self.items = items
        self.set = set(items)
        self.counts = Counter(map(itemgetter(3), items))
        grouped: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
        for doc, start, end, label in items:
            grouped[(doc, label)].append((start, end))
        self.reach: dict[tuple, tuple[list[int], list[int]]] = {}
        for key, boxes in grouped.items():
            boxes.sort()
            self.reach[key] = (
                [start for start, _ in boxes],
                list(itertools.accumulate((end for _, end in boxes), max)),
            )

    def overlapped(self, items: Iterable[tuple]) -> list[tuple]:
        """The items one of these spans (same document and label) overlaps."""
        hits = []
        for item in items:
            doc, start, end, label = item
            starts, ends = self.reach.get((doc, label), ((), ()))
            before = bisect.bisect_left(starts, end)
            if before and ends[before - 1] > start:
                hits.append(item)
        return hits


def _found(items: list[tuple], others: list[tuple]) -> list[bool]:
    """For each item, whether some other item of the same document and label overlaps it."""
    hits = set(_SpanIndex(others).overlapped(items))
    return [item in hits for item in items]


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
    pairs = list(itertools.combinations(annotators, 2))
    indexes = _span_indexes(corpus, pairs)
    span_f1 = {
        (a, b): _span_f1({a: indexes[(a, b, a)], b: indexes[(a, b, b)]}, a, b, labels)
        for a, b in pairs
    }
    figures = []
    for group in groups:
        indexes = [annotators.index(name) for name in group]
        units = _project(total, indexes)
        for label in [ALL, *labels]:
            figures.append(_figures(group, label, units, span_f1))
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


def _figures(
    group: tuple[str, ...],
    label: str,
    units: Counter,
    span_f1: dict[tuple[str, str], dict[str, tuple[float | None, float | None]]],
) -> Figures:
    chosen = units if label == ALL else _binary(units, label)
    compared = sum(w for labels, w in units.items() if sum(v is not None for v in labels) >= 2)
    pairs = list(itertools.combinations(group, 2))
    kappas = []
    for a, b in pairs:
        pair = _project(units, [group.index(a), group.index(b)])
        kappas.append(cohen_kappa(pair if label == ALL else _binary(pair, label)))
    return Figures(
        group,
        label,
        _mean([span_f1[pair][label][0] for pair in pairs]),
        _mean([span_f1[pair][label][1] for pair in pairs]),
        _mean(kappas),
        krippendorff_alpha(chosen),
        compared,
    )


def _span_f1(
    indexes: dict[str, _SpanIndex], a: str, b: str, labels: list[str]
) -> dict[str, tuple[float | None, float | None]]:
    """Exact and overlapping span F1 of two annotators, for every label and all together.
    Counted in C where it can be: most spans are shared, and only the rest are searched for an
    overlapping span of the other annotator."""
    first, second = indexes[a], indexes[b]
    label_of = itemgetter(3)
    shared = Counter(map(label_of, first.set & second.set))
    counts = (first.counts.copy(), second.counts.copy())
    found = [
        Counter(map(label_of, other.overlapped(mine.set - other.set))) + shared
        for mine, other in ((first, second), (second, first))
    ]
    for tally in (shared, *counts, *found):
        tally[ALL] = sum(tally.values())
    result = {}
    for label in [ALL, *labels]:
        n_first, n_second = counts[0][label], counts[1][label]
        if not n_first and not n_second:
            result[label] = (None, None)
            continue
        exact = 2 * shared[label] / (n_first + n_second)
        overlap = _overlap_score(n_first, found[0][label], n_second, found[1][label])
        result[label] = (exact, overlap)
    return result


def _span_indexes(corpus: Corpus, pairs: list[tuple[str, str]]) -> dict:
    """Each annotator's spans indexed once for all pairs (restricted to the documents both of a
    pair worked on, where that is fewer than they did)."""
    built: dict[tuple[str, frozenset | None], _SpanIndex] = {}
    by_pair = {}
    for a, b in pairs:
        docs = frozenset(_both(corpus, a, b))
        for name in (a, b):
            key = (name, None if docs == corpus.worked[name] else docs)
            if key not in built:
                spans = corpus.spans.get(name, {})
                built[key] = _SpanIndex(
                    [(doc, s, e, lab) for doc in docs for s, e, lab in spans.get(doc, [])]
                )
            by_pair[(a, b, name)] = built[key]
    return by_pair


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


def _shared(corpus: Corpus, items: dict[str, set[tuple]], a: str, b: str) -> tuple[set, set]:
    docs = _both(corpus, a, b)
    return (
        {i for i in items.get(a, set()) if i[0] in docs},
        {i for i in items.get(b, set()) if i[0] in docs},
    )


def _shared_claims(corpus: Corpus, a: str, b: str) -> tuple[list, list]:
    first, second = _shared(corpus, corpus.claims, a, b)
    return list(first), list(second)
