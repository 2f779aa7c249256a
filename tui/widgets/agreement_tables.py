"""The agreement figures as rich tables, for the command line and the app's agreement screen."""

from __future__ import annotations

from rich.table import Table

from talent.agreement import ALL, Report
from tui.safe import safe
from tui.widgets.row_table import Column

# The documents, lowest agreement first, as the agreement and team screens list them.
DOCUMENT_COLUMNS = [
    Column("document"),
    Column("alpha", 6, "right"),
    Column("annotators", 10, "right"),
]


def document_rows(
    documents: list[tuple[str, float | None, int]], titles: dict[str, str]
) -> list[tuple[str, str, str]]:
    """The rows of DOCUMENT_COLUMNS: each document's title, alpha and annotators."""
    return [(titles.get(doc, doc), figure(alpha), str(n)) for doc, alpha, n in documents]


def figure(value: float | None) -> str:
    """A figure to three decimals; a dash where it is undefined."""
    return "—" if value is None else f"{value:.3f}"


def spans_table(report: Report) -> Table:
    """Span F1, kappa and alpha per group of annotators and label (labels nobody used left out)."""
    table = Table(
        title="spans: F1 exact and overlapping; kappa and alpha over character labels",
        title_justify="left",
    )
    for column in ("annotators", "label", "exact F1", "overlap F1", "kappa", "alpha", "chars"):
        table.add_column(column, justify="left" if column in ("annotators", "label") else "right")
    previous = None
    for row in report.figures:
        if row.label != ALL and row.exact_f1 is None and row.alpha is None:
            continue
        group = " · ".join(row.annotators)
        table.add_row(
            safe(group if group != previous else ""),
            row.label,
            figure(row.exact_f1),
            figure(row.overlap_f1),
            figure(row.kappa),
            figure(row.alpha),
            f"{row.characters:,}",
        )
        previous = group
    return table


def people_table(report: Report) -> Table:
    """Agreement on links and claims per group of annotators."""
    table = Table(title="links and claims", title_justify="left")
    for column in ("annotators", "links F1", "claims F1 (exact)", "claims F1 (overlap)"):
        table.add_column(column, justify="left" if column == "annotators" else "right")
    for group, value in report.links.items():
        table.add_row(
            safe(" · ".join(group)),
            figure(value),
            figure(report.claims_exact[group]),
            figure(report.claims_overlap[group]),
        )
    return table
