"""The team commands: `merge` annotators' databases, and `agreement` between them."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlite_utils import Database

from store.agreement import team_agreement
from store.documents import document_titles
from store.team import merge_databases
from tui.safe import safe
from tui.widgets.agreement_tables import figure, people_table, spans_table

WORST_DOCUMENTS = 10  # listed by `agreement`, lowest first


def run_merge(db: Database, into: Path, sources: list[Path], names: list[str] | None) -> int:
    """Merge the sources (as the annotators `names`, else their file names) into the team
    database; print what came in."""
    report = merge_databases(db, into, sources, names)
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


def run_agreement(db: Database) -> int:
    """Print agreement per pair of annotators and among all, per label and overall; then links,
    claims, and the documents with the lowest agreement."""
    report = team_agreement(db)
    console = Console()
    if not report.figures:
        console.print(
            "no two annotators worked on the same document: merge their databases first "
            "(talent-tui merge A.db B.db --into TEAM.db)"
        )
        return 0
    console.print(spans_table(report))
    console.print(people_table(report))
    titles = {title.id: title.title for title in document_titles(db)}
    documents = Table(title="documents, lowest agreement first", title_justify="left")
    for column in ("document", "alpha", "annotators"):
        documents.add_column(column, justify="left" if column == "document" else "right")
    for doc, alpha, annotators in report.documents[:WORST_DOCUMENTS]:
        documents.add_row(safe(titles.get(doc, doc)), figure(alpha), str(annotators))
    console.print(documents)
    return 0
