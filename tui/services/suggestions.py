"""Suggestions kept current in workers: after the first paint, and again when the user picks
another engine; and jieba's dictionary loaded before the first `w` or accept needs it."""

from __future__ import annotations

import gc
from functools import partial

from textual.app import App
from textual.worker import Worker


class Suggestions:
    """The app's suggestion work, each job on a connection and a thread of its own."""

    def __init__(self, app: App) -> None:
        self.app = app

    def refresh(self, announce: bool = False) -> Worker:
        """Recognise documents whose suggestions are missing or stale: the rules' suggestions
        paint first, then the model's replace them as they come. With `announce` (the user
        changed the engine) the status line says when each is done."""
        # exit_on_error=False: a failure costs the user fresh suggestions, not the session.
        return self.app.run_worker(
            partial(self._refresh, announce),
            thread=True,
            exclusive=True,
            group="suggestions",
            exit_on_error=False,
        )

    def _refresh(self, announce: bool) -> None:
        from store.connection import open_database
        from store.suggestions import refresh_pending

        app = self.app

        def stage_done(recognizer, documents: int) -> None:
            app.call_from_thread(app.reader.reload_annotations)
            if announce:
                learned = " with the learned model" if hasattr(recognizer, "trained") else ""
                app.call_from_thread(
                    app.reader.show_status,
                    f"suggestions of {recognizer.engine}{learned} stored for {documents} "
                    "document(s)",
                )

        db, _ = open_database(app.db_path)
        try:
            refresh_pending(db, on_stage=stage_done, rules_first=True)
        finally:
            db.close()

    def choose_engine(self, engine: str) -> None:
        """Make `engine` this database's suggestion engine and bring suggestions up to it."""
        from store.suggestions import set_engine

        app = self.app
        if app.read_only or app.db_path is None:
            app.reader.show_status("read-only: the engine is not changed", error=True)
            return
        set_engine(app.db, engine)
        app.reader.show_status(f"suggestion engine {engine}: suggesting again (decisions stay)")
        self.refresh(announce=True)

    def warm_word_boundaries(self) -> None:
        """Load jieba's dictionary and word tags off the interface thread, so neither `w` nor
        the first accept (which teaches jieba the word) waits for them."""
        self.app.run_worker(
            _warm_and_freeze, thread=True, exclusive=True, group="words", exit_on_error=False
        )


def _warm_and_freeze() -> None:
    """jieba's dictionary and tags loaded, then everything loaded so far set aside from the
    cyclic garbage collector: it lives as long as the app (jieba's half a million words, the
    documents read, the interface), and a full collection walking it paused a key for 0.1 s
    on a 1 MB document (bench_terminal: key max after two seconds 105 -> 40-49 ms)."""
    from talent.segment import word_tags

    word_tags()
    gc.freeze()
