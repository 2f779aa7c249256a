"""Agreement figures against the reference implementations (scikit-learn's cohen_kappa_score,
the krippendorff package) to three decimals, on made-up annotations."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from talent.agreement import (
    ALL,
    OUTSIDE,
    Corpus,
    agreement,
    character_runs,
    f1,
    overlap_f1,
)

LABELS = ("PERSON", "ORG", "MONEY")


def random_corpus(seed: int, annotators=("ana", "bob", "cy"), documents=12) -> Corpus:
    """Annotators who mostly agree: each copies a shared truth with some spans dropped, moved
    or relabelled; not everyone works on every document."""
    rng = random.Random(seed)
    lengths = {f"d{i}": rng.randrange(80, 300) for i in range(documents)}
    truth = {}
    for doc, length in lengths.items():
        boxes, at = [], 0
        while at < length - 12:
            at += rng.randrange(2, 30)
            size = rng.randrange(1, 8)
            if at + size < length:
                boxes.append((at, at + size, rng.choice(LABELS)))
            at += size
        truth[doc] = boxes
    spans, worked = {}, {}
    for name in annotators:
        worked[name] = {doc for doc in lengths if rng.random() < 0.85}
        spans[name] = {}
        for doc in worked[name]:
            mine = []
            for start, end, label in truth[doc]:
                roll = rng.random()
                if roll < 0.1:
                    continue
                if roll < 0.2:
                    label = rng.choice(LABELS)
                elif roll < 0.3:
                    end = min(end + 1, lengths[doc])
                mine.append((start, end, label))
            if rng.random() < 0.5:
                mine.append((0, 3, rng.choice(LABELS)))  # an extra one, overlapping nothing much
            spans[name][doc] = mine
    return Corpus(spans, lengths, worked)


def characters(corpus: Corpus, name: str, doc: str) -> list[str]:
    """One annotator's label of each character of a document (the reference way)."""
    labels = [OUTSIDE] * corpus.lengths[doc]
    for start, end, label in character_runs(corpus.spans[name].get(doc, [])):
        labels[start:end] = [label] * (end - start)
    return labels


def reference_kappa(corpus: Corpus, a: str, b: str, label: str) -> float:
    first, second = [], []
    for doc in sorted(corpus.worked[a] & corpus.worked[b]):
        first += characters(corpus, a, doc)
        second += characters(corpus, b, doc)
    if label != ALL:
        first = [x == label for x in first]
        second = [x == label for x in second]
    return cohen_kappa_score(first, second)


def reference_alpha(
    corpus: Corpus, names: tuple[str, ...], label: str, labels: tuple[str, ...] = LABELS
) -> float:
    codes = {OUTSIDE: 0, **{lab: i + 1 for i, lab in enumerate(labels)}}
    rows = [[] for _ in names]
    for doc in sorted(corpus.lengths):
        working = [name in names and doc in corpus.worked[name] for name in names]
        if sum(working) < 2:
            continue
        for row, name in zip(rows, names, strict=True):
            if doc in corpus.worked[name]:
                values = characters(corpus, name, doc)
                if label != ALL:
                    values = [OUTSIDE if v != label else v for v in values]
                row += [codes[v] for v in values]
            else:
                row += [np.nan] * corpus.lengths[doc]
    return krippendorff.alpha(
        reliability_data=np.array(rows, dtype=float), level_of_measurement="nominal"
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kappa_and_alpha_match_the_reference_implementations(seed):
    corpus = random_corpus(seed)
    report = agreement(corpus, LABELS)
    checked = 0
    for row in report.figures:
        if len(row.annotators) == 2:
            a, b = row.annotators
            assert row.kappa == pytest.approx(reference_kappa(corpus, a, b, row.label), abs=5e-4)
            checked += 1
        if row.alpha is not None:
            assert row.alpha == pytest.approx(
                reference_alpha(corpus, row.annotators, row.label), abs=5e-4
            )
    assert checked == 3 * (1 + len(LABELS))  # three pairs, every label and all together
    assert any(len(row.annotators) == 3 for row in report.figures)


def test_identical_annotations_agree_fully_and_disjoint_ones_do_not():
    same = {"d": [(0, 4, "ORG"), (10, 14, "PERSON")]}
    corpus = Corpus({"ana": same, "bob": same}, {"d": 30}, {"ana": {"d"}, "bob": {"d"}})
    [everything, *_] = agreement(corpus, LABELS).figures
    assert (everything.exact_f1, everything.overlap_f1, everything.kappa, everything.alpha) == (
        1.0, 1.0, 1.0, 1.0,
    )  # fmt: skip
    other = {"d": [(20, 24, "ORG")]}
    corpus = Corpus({"ana": same, "bob": other}, {"d": 30}, {"ana": {"d"}, "bob": {"d"}})
    [everything, *_] = agreement(corpus, LABELS).figures
    assert everything.exact_f1 == 0.0 and everything.kappa < 0


def test_span_f1_exact_and_overlapping():
    first = [("d", 0, 4, "ORG"), ("d", 10, 15, "PERSON")]
    second = [("d", 0, 4, "ORG"), ("d", 11, 15, "PERSON")]
    assert f1(first, second) == 0.5
    assert overlap_f1(first, second) == 1.0
    assert overlap_f1(first, [("d", 11, 15, "ORG")]) == 0.0  # overlapping, another label
    assert f1([], []) is None


def test_documents_come_lowest_agreement_first():
    good = {"d1": [(0, 4, "ORG")], "d2": [(0, 4, "ORG")]}
    bad = {"d1": [(0, 4, "ORG")], "d2": [(10, 14, "PERSON")]}
    worked = {"d1", "d2"}
    corpus = Corpus({"ana": good, "bob": bad}, {"d1": 20, "d2": 20}, {"ana": worked, "bob": worked})
    documents = agreement(corpus, LABELS).documents
    assert [doc for doc, _, _ in documents] == ["d2", "d1"]
    assert documents[1][1] == 1.0


def test_real_annotations_of_the_seeds_match_the_references_too(tmp_path):
    from team_corpus import annotate_seeds

    from store.agreement import team_corpus
    from store.team import merge_databases
    from store.workspace import open_store
    from talent.model import LABELS as ALL_LABELS

    annotate_seeds(tmp_path / "ana.db", "ana")
    annotate_seeds(tmp_path / "bob.db", "bob", differ=True)
    db = open_store(tmp_path / "team.db", suggest=False, seed=False)
    merge_databases(db, tmp_path / "team.db", [tmp_path / "ana.db", tmp_path / "bob.db"])
    corpus = team_corpus(db)
    assert corpus.annotators == ["ana", "bob"]
    report = agreement(corpus, ALL_LABELS)
    rows = {row.label: row for row in report.figures}
    for label in (ALL, "ORG", "LOCATION", "PERSON"):
        assert rows[label].kappa == pytest.approx(
            reference_kappa(corpus, "ana", "bob", label), abs=5e-4
        )
        assert rows[label].alpha == pytest.approx(
            reference_alpha(corpus, ("ana", "bob"), label, ALL_LABELS), abs=5e-4
        )
    assert 0.9 < rows[ALL].kappa < 1  # a few deliberate differences
    assert report.links[("ana", "bob")] == pytest.approx(2 / 3)  # bob linked one more
