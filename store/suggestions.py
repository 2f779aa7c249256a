"""Machine suggestions: computed once per document and recognizer version, refreshed without
ever touching a span a person accepted or rejected."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from bisect import bisect_left
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import accumulate
from multiprocessing import resource_tracker

from sqlite_utils import Database

from store.annotations import json_or_none
from store.connection import transaction
from store.events import record_event, utc_now
from store.layers import is_shared, refresh_layers
from store.training import trained_identities, trained_models
from talent.learned.crf import TrainedRecognizer, trained_identity
from talent.recognize.base import Mention, Recognizer
from talent.recognize.engines import (
    RULES,
    build_recognizer,
    check_engine,
    default_engine,
    engine_identity,
)
from talent.recognize.workers import chunks, init_worker, recognize_chunk

# Below this much text a second process costs more than it saves: starting the workers (spawn,
# jieba, the model in each) costs about a second and a half, which a model's work repays from
# 100,000 characters on, and the rules' (about 2.4 µs a character) only from about 1.25 million.
PARALLEL_CHARS = {RULES: 1_500_000}
PARALLEL_CHARS_WITH_MODEL = 100_000


def learned_words(db: Database) -> list[tuple[str, str]]:
    """(text, label) of everything users taught, oldest first."""
    return [tuple(row) for row in db.execute("SELECT text, label FROM lexicon ORDER BY rowid")]


def engine_of(db: Database) -> str:
    """The engine this database's suggestions come from: the one chosen for it, else the
    default (LAC where installed)."""
    row = db.execute("SELECT value FROM store_state WHERE key = 'engine'").fetchone()
    return row[0] if row else default_engine()


def set_engine(db: Database, engine: str) -> None:
    """Choose the database's engine (checked first: EngineError says why it cannot be used)."""
    check_engine(engine)
    with transaction(db):
        db.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('engine', ?)", [engine])


def engine_recognizer(db: Database, engine: str | None = None) -> Recognizer:
    """The recognizer of the database's engine (or the one named), knowing what its users
    taught, without the model learned from them (what that model is trained over)."""
    return build_recognizer(engine or engine_of(db), learned_words(db))


def recognizer_for(db: Database, engine: str | None = None) -> Recognizer:
    """The database's recognizer: its engine, with the model learned from its reviewed
    documents when `talent-tui train` (or the app) made one."""
    recognizer = engine_recognizer(db, engine)
    models = trained_models(db)
    return TrainedRecognizer(recognizer, models) if models else recognizer


def suggestion_stages(db: Database) -> list[Recognizer]:
    """The recognizers a document's suggestions go through, in order: the rules first, whose
    suggestions paint at once, then the engine's model and the learned one, if any."""
    recognizer = recognizer_for(db)
    rules = getattr(recognizer, "rules", recognizer)
    return [recognizer] if rules is recognizer else [rules, recognizer]


def current_recognizer_identity(db: Database) -> tuple[str, str]:
    """(name, version) of the database's recognizer, without building it or loading a model."""
    identity = engine_identity(engine_of(db))
    # Asked for every document an import brings with its own suggestions: the stored
    # identities, not the models' bytes.
    models = trained_identities(db)
    return trained_identity(identity, models) if models else identity


def pending_documents(
    db: Database, *recognizers: Recognizer, skip_reviewed: bool = False
) -> list[str]:
    """Documents whose suggestions are missing or come from none of these recognizers as they
    are now; with `skip_reviewed`, not those marked done."""
    current = " OR ".join("(r.recognizer = ? AND r.version = ?)" for _ in recognizers)
    reviewed = "AND d.review_state != 'done' " if skip_reviewed else ""
    rows = db.execute(
        "SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM suggestion_runs r "
        f"WHERE r.document_id = d.id AND ({current})) {reviewed}ORDER BY d.rowid",
        [value for r in recognizers for value in (r.name, r.version)],
    )
    return [row[0] for row in rows]


def store_suggestions(
    db: Database, doc_id: str, mentions: list[Mention], recognizer: Recognizer
) -> int:
    """Replace the document's suggestions with these; decided spans stay, and so does a suggestion
    both runs agree on (same offsets and label), so a span on screen keeps its id while a
    later stage refreshes the document. Returns how many suggestions the document now has."""
    at = utc_now()
    with transaction(db):
        text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
        # A shared database's suggestions are every annotator's template: their decisions are
        # in their own layers, which are brought up to date below.
        shared = is_shared(db)
        template = "AND annotator = '' " if shared else ""
        decided = db.execute(
            "SELECT start, \"end\" FROM spans WHERE document_id = ? AND status != 'suggested' "
            f'{template}ORDER BY start, "end"',
            [doc_id],
        ).fetchall()
        furthest = [-1, *accumulate((end for _, end in decided), max)]
        wanted = {
            (m.start, m.end, m.label): m
            for m in mentions
            if not _overlaps_any(m, decided, furthest)
        }
        # (start, end, label) -> (id, origin, value) of the suggestions stored now.
        stored = {
            (start, end, label): (span_id, origin, value)
            for span_id, start, end, label, origin, value in db.execute(
                'SELECT id, start, "end", label, origin, value FROM spans '
                # A suggestion a person reshaped is theirs to decide: no new run replaces it.
                "WHERE document_id = ? AND status = 'suggested' AND origin != 'user' "
                "AND annotator = ''",
                [doc_id],
            ).fetchall()
        }
        db.conn.executemany(
            "DELETE FROM spans WHERE id = ?",
            [(kept[0],) for key, kept in stored.items() if key not in wanted],
        )
        # A kept suggestion is rewritten only where the new run says something else of it.
        updates = []
        for key, m in wanted.items():
            if key in stored:
                said = (m.origin, json_or_none(m.value))
                if stored[key][1:] != said:
                    updates.append((*said, stored[key][0]))
        db.conn.executemany("UPDATE spans SET origin = ?, value = ? WHERE id = ?", updates)
        rows = [
            (
                doc_id,
                m.start,
                m.end,
                m.label,
                text[m.start : m.end],
                m.origin,
                json_or_none(m.value),
                at,
                at,
            )
            for key, m in wanted.items()
            if key not in stored
        ]
        db.conn.executemany(
            'INSERT INTO spans (document_id, start, "end", label, quote, status, origin, value, '
            "annotator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'suggested', ?, ?, '', ?, ?)",
            rows,
        )
        if shared:
            refresh_layers(db, doc_id, at)
        # One run per document: the one whose suggestions are stored now.
        db.execute("DELETE FROM suggestion_runs WHERE document_id = ?", [doc_id])
        db.execute(
            "INSERT INTO suggestion_runs (document_id, recognizer, version, at) VALUES (?, ?, ?, ?)",
            [doc_id, recognizer.name, recognizer.version, at],
        )
        # One event for the whole run: suggestions are derived data, not anyone's decision.
        after = {
            "recognizer": recognizer.name,
            "version": recognizer.version,
            "count": len(wanted),
        }
        record_event(db, "suggest", "document", doc_id, None, after, recognizer.name, at)
    return len(wanted)


def _overlaps_any(mention: Mention, decided: list[tuple[int, int]], furthest: list[int]) -> bool:
    """Whether a decided span overlaps the mention; furthest[i] is the largest end among
    decided[:i], since decided spans may nest."""
    index = bisect_left(decided, (mention.end, 0))
    return furthest[index] > mention.start


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which is handed stderr's file descriptor.
    Under Textual sys.stderr is a capture whose fileno() is -1, and spawning fails with 'bad
    value(s) in fds_to_keep'; the tracker gets the null device instead (never the terminal,
    which the app is drawing on)."""
    captured = sys.stderr
    with open(os.devnull, "w") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


def suggest_documents(
    db: Database,
    recognizer: Recognizer,
    doc_ids: list[str],
    on_document: Callable[[int, int], None] | None = None,
) -> int:
    """Recognize and store suggestions for these documents, on both cores for a big batch."""
    jobs = [
        tuple(row)
        for doc_id in doc_ids
        for row in db.execute("SELECT id, text, lang FROM documents WHERE id = ?", [doc_id])
    ]
    total_chars = sum(len(text) for _, text, _ in jobs)
    stored = 0
    if on_document and jobs:
        on_document(0, len(jobs))  # the count is known before the first document is done
    parallel_from = PARALLEL_CHARS.get(recognizer.engine, PARALLEL_CHARS_WITH_MODEL)
    if len(jobs) > 1 and total_chars > parallel_from and (os.cpu_count() or 1) > 1:
        # spawn, not fork: the app calls this from a thread while others may hold locks (jieba's
        # loader), and a forked child would inherit them held and wait forever.
        _start_resource_tracker()
        workers = min(2, os.cpu_count() or 1)
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(
                recognizer.engine,
                recognizer.learned,
                getattr(recognizer, "trained", []),
                os.getpid(),
            ),
        ) as pool:
            results = pool.map(recognize_chunk, chunks(jobs, workers))
            done = (pair for chunk in results for pair in chunk)
            for index, (doc_id, mentions) in enumerate(done, start=1):
                stored += store_suggestions(db, doc_id, mentions, recognizer)
                if on_document:
                    on_document(index, len(jobs))
        return stored
    for index, (doc_id, text, lang) in enumerate(jobs, start=1):
        stored += store_suggestions(db, doc_id, recognizer.recognize(text, lang), recognizer)
        if on_document:
            on_document(index, len(jobs))
    return stored


def refresh_pending(
    db: Database,
    on_document: Callable[[int, int], None] | None = None,
    on_stage: Callable[[Recognizer, int], None] | None = None,
    rules_first: bool = False,
) -> int:
    """Bring every document's suggestions up to the database's recognizer; with `rules_first`
    (a screen is waiting for them) stage by stage (see `suggestion_stages`). `on_stage` hears
    of each stage that stored suggestions. Returns the suggestions those documents hold at the
    end (a later stage replaces an earlier one's, so the stages' counts are not added up)."""
    stages = suggestion_stages(db)
    if not rules_first:
        # The last stage runs the rules too: a first pass of them alone only paints sooner,
        # and costs an import a third of its time (jieba's dictionary loaded once more).
        stages = stages[-1:]
    # A model learned from the reviewed documents suggests on the others: a reviewed
    # document's suggestions stay as they were when it was reviewed.
    learned = any(isinstance(stage, TrainedRecognizer) for stage in stages)
    touched: set[str] = set()
    for index, recognizer in enumerate(stages):
        # A document the later stage already covers needs no rules pass first.
        pending = pending_documents(db, *stages[index:], skip_reviewed=learned)
        if not pending:
            continue
        suggest_documents(db, recognizer, pending, on_document)
        touched.update(pending)
        if on_stage:
            on_stage(recognizer, len(pending))
    if not touched:
        return 0
    return db.execute(
        "SELECT count(*) FROM spans WHERE status = 'suggested' "
        "AND document_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(touched))],
    ).fetchone()[0]
