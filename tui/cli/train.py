"""`talent-tui train`: learn a model from the reviewed documents' accepted spans, keep it with
the database, and suggest again on the documents not yet reviewed."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from sqlite_utils import Database

from store.connection import StoreError, check_writable
from store.suggestions import engine_recognizer, refresh_pending
from store.training import (
    NOTHING_TO_LEARN,
    save_models,
    set_train_every,
    train_every,
    training_examples,
)
from talent.learned.crf import train
from tui.cli.progress import progress_bar


def run_train(db: Database, db_path: Path, every: int | None) -> int:
    """Train with a progress bar; print each language's model and what was suggested again."""
    check_writable(db, db_path)
    if every is not None:
        set_train_every(db, every)
    examples = training_examples(db)
    if not examples:
        raise StoreError(NOTHING_TO_LEARN)
    console = Console(stderr=True)
    started = time.perf_counter()
    with progress_bar(console) as progress:
        task = progress.add_task("training", total=100)

        def report(stage: str, fraction: float) -> None:
            progress.update(task, description=stage, completed=round(fraction * 100))

        models = train(examples, engine_recognizer(db), report)
        save_models(db, models)
        seconds = time.perf_counter() - started
        suggest = progress.add_task("suggesting again", total=None)
        refresh_pending(
            db, lambda done, total: progress.update(suggest, completed=done, total=total)
        )
    out = Console()
    for model in models:
        out.print(
            f"{model.lang}: learned from {model.documents} reviewed document(s), {model.spans} "
            f"accepted name(s), in {seconds:.1f} s; model {model.identity}",
            highlight=False,
        )
    out.print(
        "suggestions made again on the documents not yet reviewed (decided spans stay); the "
        f"app trains again after every {train_every(db)} more reviewed document(s)",
        highlight=False,
    )
    return 0
