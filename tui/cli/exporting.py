"""`talent-tui export` and `backup`: a dataset in one of the formats, or a consistent copy of the
database file."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from rich.console import Console
from rich.text import Text
from sqlite_utils import Database

from store.connection import backup_database, check_intact
from store.export import Selection
from store.outputs import STDOUT, OutputError
from tui.cli.progress import progress_bar
from tui.safe import safe


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


def run_backup(db: Database, db_path: Path, out: Path) -> int:
    """Copy the database, consistent even while others write to it; say where. A damaged
    database is refused rather than copied as if it were sound."""
    if out == STDOUT:
        raise OutputError("a backup is a database file: give a file name with --out, not -")
    check_intact(db, db_path)
    backup_database(db, out)
    Console().print(Text("backed up the database to ").append_text(safe(str(out))), soft_wrap=True)
    return 0
