"""`talent-tui import`: read files and folders into the database behind a progress bar, then
make their suggestions."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from sqlite_utils import Database

from store.connection import waiting_when_busy
from store.importer import ImportReport, import_paths
from store.suggestions import refresh_pending
from talent.display import safe_string
from talent.model import DEFAULT_MAX_DOCUMENT_MB
from tui.cli.progress import progress_bar


def run_import(
    db: Database,
    paths: list[Path],
    max_mb: float = DEFAULT_MAX_DOCUMENT_MB,
    fmt: str = "native",
    annotator: str | None = None,
) -> int:
    """Import files and folders with a progress bar, then recognise the new documents; print
    what was added. A busy database is waited for; suggestions that fail after the documents
    are stored are said to be made later, by the app."""
    console = Console(stderr=True)
    with progress_bar(console) as progress:
        task = progress.add_task("reading", total=None)
        said_waiting = False

        def on_busy(waited: float) -> None:
            nonlocal said_waiting
            if not said_waiting:
                # Once, also when piped: the user should know why nothing moves.
                console.print(
                    "talent-tui: waiting for the database: another program is writing to it "
                    "(ctrl+c stops; nothing of this import is written until it can go in whole)",
                    highlight=False,
                    soft_wrap=True,
                )
                said_waiting = True
            progress.update(task, description=f"waiting for the database ({waited:.0f} s)")

        def on_file(path: Path, index: int, total: int) -> None:
            progress.update(task, total=total, completed=index, description=reading(path))

        def on_document(index: int, total: int) -> None:
            progress.update(task, total=total, completed=index)

        with waiting_when_busy(on_busy):
            report = import_paths(db, paths, annotator, on_file=on_file, max_mb=max_mb, fmt=fmt)
            progress.update(
                task, completed=0, total=None, description="recognising entities: documents"
            )
            try:
                suggestions = f"{refresh_pending(db, on_document)} suggestion(s)"
            except KeyboardInterrupt:
                _print_imported(report, "suggestions interrupted")
                return 130
            except Exception as error:  # the documents are in: say so, and what comes later
                reason = safe_string(str(error) or type(error).__name__)
                suggestions = f"suggestions not made now ({reason})"
    _print_imported(report, suggestions)
    return 0


def _print_imported(report: ImportReport, suggestions: str) -> None:
    later = "" if suggestions.endswith("suggestion(s)") else "; the app makes them when it opens"
    versions = ""
    if report.versions:
        versions = (
            f" ({report.versions} new version of an earlier document: {report.carried} "
            f"annotation(s) carried over, {report.orphaned} orphaned"
            + (", listed in the app" if report.orphaned else "")
            + ")"
        )
    Console().print(
        f"imported {report.documents} document(s){versions}, {report.skipped} already stored; "
        f"{report.spans} span(s), {report.claims} claim(s), {report.links} link(s); "
        f"{suggestions}{later}",
        highlight=False,
        markup=False,
        soft_wrap=True,  # one line, also when piped (rich would wrap it at 80 columns)
    )


def reading(path: Path) -> str:
    """The progress line's words while a file is read: its name is data, so no control
    character in it reaches the terminal (and the column reads no markup)."""
    return f"reading {safe_string(path.name)}"
