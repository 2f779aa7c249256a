"""The agreement screen: span F1, kappa and alpha per label and pair of annotators, links and
claims, and the documents with the lowest agreement first; enter adjudicates one."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from talent.agreement import Report
from tui import keymap
from tui.safe import safe
from tui.screens.reader.protocol import Reader
from tui.widgets.agreement_tables import (
    DOCUMENT_COLUMNS,
    document_rows,
    people_table,
    spans_table,
)
from tui.widgets.footer import fit_footer
from tui.widgets.row_table import RowTable

REFRESH_SECONDS = 3.0  # how often a shared database's agreement is computed again


class AgreementScreen(Screen[str | None]):
    """Dismisses with the document to adjudicate, or None."""

    BINDINGS = keymap.AGREEMENT

    def __init__(
        self, compute: Callable[[], Report], titles: dict[str, str], live: bool = False
    ) -> None:
        super().__init__()
        self._compute = compute
        self._titles = titles
        self._live = live  # a shared database: the annotators work on while it is open
        self._documents: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("computing agreement…", id="agreement-title")
        with VerticalScroll(id="agreement-figures"):
            yield Static(id="agreement-spans")
            yield Static(id="agreement-people")
        yield Label("documents, lowest agreement first: enter adjudicates one", id="agreement-hint")
        yield RowTable(DOCUMENT_COLUMNS, id="agreement-documents")
        yield Footer()

    def on_mount(self) -> None:
        self.compute()
        if self._live:
            self.set_interval(REFRESH_SECONDS, self.compute)

    def on_resize(self, event) -> None:
        fit_footer(self.query_one(Footer), event.size.width)

    @work(thread=True, exclusive=True)
    def compute(self) -> None:
        report = self._compute()
        self.app.call_from_thread(self._show, report)

    def _show(self, report: Report) -> None:
        title = self.query_one("#agreement-title", Label)
        if not report.figures:
            title.update("No two annotators worked on the same document: merge their databases.")
            return
        names = sorted({name for row in report.figures for name in row.annotators})
        title.update(safe(f"Agreement among {', '.join(names)}"))
        self.query_one("#agreement-spans", Static).update(spans_table(report))
        self.query_one("#agreement-people", Static).update(people_table(report))
        rows = document_rows(report.documents, self._titles)
        self._documents = [doc for doc, _, _ in report.documents]
        table = self.query_one(RowTable)
        first = not table.count
        table.set_list(rows, keys=self._documents)  # read again live: the cursor stays put
        if first:
            table.focus()

    def action_focus_figures(self) -> None:
        self.query_one("#agreement-figures").focus()

    def action_focus_documents(self) -> None:
        self.query_one(RowTable).focus()

    def on_row_table_chosen(self, event: RowTable.Chosen) -> None:
        if event.index < len(self._documents):
            self.dismiss(self._documents[event.index])


def open_agreement(reader: Reader) -> None:
    """The agreement figures of a team database; a chosen document opens to adjudicate."""
    from store.agreement import team_agreement
    from store.documents import document_titles
    from tui.screens.adjudication_screen import open_adjudication

    app = reader.app

    def compute():
        with app.worker_connection() as db:
            return team_agreement(db)

    def chosen(doc_id: str | None) -> None:
        if doc_id is not None:
            reader.open_document(doc_id)
            open_adjudication(reader)

    titles = {title.id: title.title for title in document_titles(app.db)}
    app.push_screen(AgreementScreen(compute, titles, live=app.layer is not None), chosen)
