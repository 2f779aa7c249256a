"""The learned model trained in a worker: from the palette, and by itself after every N
reviewed documents; its progress on the status line, then suggestions made again on the
documents not yet reviewed."""

from __future__ import annotations

import time

from textual.app import App


class Training:
    """The app's training work, on a connection and a thread of its own."""

    PROGRESS_EVERY = 0.5  # seconds between progress lines

    def __init__(self, app: App) -> None:
        self.app = app

    def start(self) -> None:
        """Train now (the palette's command)."""
        app = self.app
        if app.read_only or app.db_path is None:
            app.reader.show_status("read-only: no model is trained", error=True)
            return
        app.reader.show_status("training the suggestion model on the reviewed documents…")
        app.run_worker(
            self._train, thread=True, exclusive=True, group="training", exit_on_error=False
        )

    def after_review(self) -> None:
        """A document was marked done: train again when enough were since the last time."""
        from store.training import due_for_training

        if (
            not self.app.read_only
            and self.app.db_path is not None
            and due_for_training(self.app.db)
        ):
            self.start()

    def _train(self) -> None:
        from store.suggestions import engine_recognizer
        from store.training import NOTHING_TO_LEARN, save_models, training_examples
        from talent.learned.crf import train

        app = self.app
        last = 0.0

        def say(message: str, error: bool = False) -> None:
            app.call_from_thread(app.reader.show_status, message, error)

        def report(stage: str, fraction: float) -> None:
            nonlocal last
            if time.monotonic() - last >= self.PROGRESS_EVERY or fraction >= 1.0:
                last = time.monotonic()
                say(f"training the suggestion model: {stage} {fraction:.0%}…")

        with app.worker_connection() as db:
            examples = training_examples(db)
            if not examples:
                say(NOTHING_TO_LEARN, True)
                return
            models = train(examples, engine_recognizer(db), report)
            save_models(db, models)
        trained = ", ".join(f"{m.lang} {m.identity} ({m.documents} documents)" for m in models)
        say(f"model trained: {trained} · saved; suggesting again on the documents not reviewed")
        app.call_from_thread(app.suggestions.refresh, True)
