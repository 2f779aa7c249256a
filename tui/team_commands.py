"""The team commands: `merge` annotators' databases, and `agreement` between them."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text
from sqlite_utils import Database

from store.team import merge_databases
from tui.safe import safe


def run_merge(db: Database, into: Path, sources: list[Path]) -> int:
    """Merge the sources into the team database; print what came in."""
    report = merge_databases(db, into, sources)
    console = Console()
    line = Text(f"merged {len(sources)} database(s) into ")
    line.append_text(safe(str(into)))
    line.append(
        f": {report.documents_added} new document(s), {report.documents_matched} matched by "
        f"their text; added {report.spans} span(s), {report.claims} claim(s), {report.links} "
        f"link(s) and {report.entities_added} entities"
    )
    console.print(line, soft_wrap=True)
    if report.annotators:
        names = Text("annotators: ").append_text(safe(", ".join(sorted(report.annotators))))
        console.print(names, soft_wrap=True)
    return 0
