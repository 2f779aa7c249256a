"""Bulk recognition in worker processes: one recognizer per process, documents a chunk at a
time. Kept apart from the store so a worker imports only what recognizing needs (the store
brings sqlite-utils, which loads pandas in a process that has not hidden it: 0.35 s and tens
of megabytes a worker)."""

from __future__ import annotations

import os
import threading
import time

from talent.learned.crf import TrainedModel, TrainedRecognizer
from talent.recognize.base import Mention, Recognizer
from talent.recognize.engines import build_recognizer

# Characters a worker reads at once: enough documents that their sentences share lengths.
CHUNK_CHARS = 40_000

Job = tuple[str, str, str]  # (document id, text, language)

_worker_recognizer: Recognizer | None = None


def init_worker(
    engine: str, learned: list[tuple[str, str]], models: list[TrainedModel], parent: int
) -> None:
    """Build this worker's recognizer (its model loads on the first chunk)."""
    global _worker_recognizer
    _exit_with_parent(parent)
    recognizer = build_recognizer(engine, learned)
    _worker_recognizer = TrainedRecognizer(recognizer, models) if models else recognizer


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with -9, say): an orphan would go on
    recognising, holding hundreds of MB, for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def recognize_chunk(jobs: list[Job]) -> list[tuple[str, list[Mention]]]:
    """A chunk of documents: a model that reads many at once reads them together first."""
    if hasattr(_worker_recognizer, "prepare"):
        _worker_recognizer.prepare([(text, lang) for _, text, lang in jobs])
    return [(doc_id, _worker_recognizer.recognize(text, lang)) for doc_id, text, lang in jobs]


def chunks(jobs: list[Job], workers: int) -> list[list[Job]]:
    """Documents in order, in chunks of about equal size (each under about CHUNK_CHARS), two or
    more a worker and as many for each: the workers finish together (five chunks for two
    workers left one idle for a chunk's time), and progress moves."""
    total = sum(len(text) for _, text, _ in jobs)
    rounds = max(2, -(-total // (workers * CHUNK_CHARS)))
    count = workers * rounds
    found: list[list[Job]] = [[] for _ in range(count)]
    start = 0
    for job in jobs:
        # The chunk a document falls in is where its first character falls.
        found[min(count - 1, start * count // max(total, 1))].append(job)
        start += len(job[1])
    return [chunk for chunk in found if chunk]
