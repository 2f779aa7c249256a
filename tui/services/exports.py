"""An export started from the app's form: written in a worker on a connection of its own, its
progress and outcome on the reader's status line."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache, partial
from pathlib import Path

from textual.app import App

from store.export import Selection


def export_in_worker(app: App, fmt: str, out: Path, selection: Selection) -> None:
    """Start writing the export; the session goes on while it runs."""
    app.run_worker(
        partial(_export, app, fmt, out, selection),
        thread=True,
        exclusive=True,
        group="export",
        exit_on_error=False,
    )


def _export(app: App, fmt: str, out: Path, selection: Selection) -> None:
    from store.dataset_export import export_dataset

    def say(message: str, error: bool = False) -> None:
        app.call_from_thread(app.reader.show_status, message, error)

    def progress(done: int, total: int) -> None:
        # About fifty updates, however long the export.
        if done % max(1, total // 50) == 0 or done == total:
            say(f"exporting {fmt}: {done}/{total} documents…")

    try:
        with app.worker_connection() as db:
            summary = export_dataset(db, fmt, out, selection, progress)
    except Exception as error:  # shown, not raised: the session goes on
        say(f"export failed: {error}; nothing was written", True)
        return
    # Written on the team server: the browser downloads it.
    where = _deliver(app, out) if app.is_web else str(out)
    say(summary.headline(fmt, where) + "".join(f"; {note}" for note in summary.notes))


@cache
def download_folder() -> Path:
    """The session's private folder for exports its browser downloads (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="talent-tui-export-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _deliver(app: App, out: Path) -> str:
    """Send a written export to the browser (a folder as a zip); the name it downloads as."""
    if out.is_dir():
        out = Path(shutil.make_archive(str(out), "zip", out))
    app.call_from_thread(app.deliver_binary, out, save_filename=out.name)
    return f"{out.name} (downloaded by the browser)"
