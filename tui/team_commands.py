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
from talent.agreement import Report
from tui.safe import safe

WORST_DOCUMENTS = 10  # listed by `agreement`, lowest first


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


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


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
    console.print(_spans_table(report))
    people = Table(title="links and claims", title_justify="left")
    for column in ("annotators", "links F1", "claims F1 (exact)", "claims F1 (overlap)"):
        people.add_column(column, justify="left" if column == "annotators" else "right")
    for group, value in report.links.items():
        people.add_row(
            safe(" · ".join(group)),
            _figure(value),
            _figure(report.claims_exact[group]),
            _figure(report.claims_overlap[group]),
        )
    console.print(people)
    titles = {title.id: title.title for title in document_titles(db)}
    documents = Table(title="documents, lowest agreement first", title_justify="left")
    for column in ("document", "alpha", "annotators"):
        documents.add_column(column, justify="left" if column == "document" else "right")
    for doc, alpha, annotators in report.documents[:WORST_DOCUMENTS]:
        documents.add_row(safe(titles.get(doc, doc)), _figure(alpha), str(annotators))
    console.print(documents)
    return 0


def _spans_table(report: Report) -> Table:
    table = Table(
        title="spans: F1 exact and overlapping; kappa and alpha over character labels",
        title_justify="left",
    )
    for column in ("annotators", "label", "exact F1", "overlap F1", "kappa", "alpha", "chars"):
        table.add_column(column, justify="left" if column in ("annotators", "label") else "right")
    previous = None
    for row in report.figures:
        if row.label != "all" and row.exact_f1 is None and row.alpha is None:
            continue  # a label neither annotator used
        group = " · ".join(row.annotators)
        table.add_row(
            safe(group if group != previous else ""),
            row.label,
            _figure(row.exact_f1),
            _figure(row.overlap_f1),
            _figure(row.kappa),
            _figure(row.alpha),
            f"{row.characters:,}",
            end_section=False,
        )
        previous = group
    return table
