"""`talent-tui stats`: documents, spans by label and status, entities, claims and links, and
each annotator's progress."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlite_utils import Database

from store.stats import collect_stats
from talent.model import LABELS, SPAN_STATUSES
from tui.safe import safe


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
