"""The import, export and stats commands: they call the store and print with rich."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text
from sqlite_utils import Database

from store.connection import backup_database, check_intact, waiting_when_busy
from store.export import Selection
from store.importer import ImportReport, import_paths
from store.outputs import STDOUT, OutputError
from store.stats import collect_stats
from store.suggestions import refresh_pending
from talent.display import safe_string
from talent.model import DEFAULT_MAX_DOCUMENT_MB, LABELS, SPAN_STATUSES
from tui.safe import safe


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


def run_export(db: Database, args: Namespace) -> int:
    """Export the selection in the named format with a progress bar; print where, how many
    documents, and what the format could not hold."""
    from store.dataset_export import export_dataset

    selection = Selection.for_format(
        args.format, args.status, args.docs, args.only_annotator, args.history
    )
    to_stdout = args.out == STDOUT
    console = Console(stderr=True)
    with progress_bar(console) as progress:
        task = progress.add_task(f"exporting {args.format}: documents", total=None)
        summary = export_dataset(
            db,
            args.format,
            args.out,
            selection,
            lambda done, total: progress.update(task, completed=done, total=total),
            args.doccano_form,
        )
    # With the export on standard output, the summary goes to standard error.
    report = Console(stderr=to_stdout)
    where = "standard output" if to_stdout else str(args.out)
    report.print(safe(summary.headline(args.format, where)), soft_wrap=True)
    for note in summary.notes:
        report.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)
    return 0


def reading(path: Path) -> str:
    """The progress line's words while a file is read: its name is data, so no control
    character in it reaches the terminal (and the column reads no markup)."""
    return f"reading {safe_string(path.name)}"


def progress_bar(console: Console) -> Progress:
    """A transient progress bar on stderr (none when stderr is not a terminal)."""
    return Progress(
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def run_backup(db: Database, db_path: Path, out: Path) -> int:
    """Copy the database, consistent even while others write to it; say where. A damaged
    database is refused rather than copied as if it were sound."""
    if out == STDOUT:
        raise OutputError("a backup is a database file: give a file name with --out, not -")
    check_intact(db, db_path)
    backup_database(db, out)
    Console().print(Text("backed up the database to ").append_text(safe(str(out))), soft_wrap=True)
    return 0


def run_stats(db: Database, db_path: Path) -> int:
    """Print documents, spans by label and status, claims and links."""
    stats = collect_stats(db)
    console = Console()
    console.print(Text("database: ").append_text(safe(str(db_path))), highlight=False)
    documents = Table(title=f"{len(stats.documents)} documents", title_justify="left")
    for column in ("id", "lang", "title", "spans"):
        documents.add_column(column, no_wrap=column != "title")
    for doc_id, lang, title, spans in stats.documents:
        # Titles come from files: never markup, and no control character reaches the terminal.
        documents.add_row(safe(doc_id), safe(lang), safe(title), str(spans))
    console.print(documents)
    spans = Table(title="spans by label and status", title_justify="left")
    spans.add_column("label")
    for status in SPAN_STATUSES:
        spans.add_column(status, justify="right")
    for label in LABELS:
        counts = [stats.spans.get((label, status), 0) for status in SPAN_STATUSES]
        if any(counts):
            spans.add_row(label, *map(str, counts))
    console.print(spans)
    console.print(
        f"entities: {stats.entities}  claims: {stats.claims}  links: {stats.links}", highlight=False
    )
    if stats.progress:
        titles = {doc_id: title for doc_id, _, title, _ in stats.documents}
        progress = Table(title="progress by annotator", title_justify="left")
        for column in ("document", "annotator", "decided", "review state"):
            progress.add_column(column, justify="right" if column == "decided" else "left")
        for doc_id, rows in stats.progress.items():
            for number, row in enumerate(rows):
                progress.add_row(
                    safe(titles.get(doc_id, doc_id)) if number == 0 else "",
                    safe(row.annotator),
                    str(row.decided),
                    row.state.replace("_", " "),
                )
        console.print(progress)
    return 0
