"""The team screen, a manager's: each user's progress through their assigned documents and the
documents whose annotators disagree most, read again every few seconds from the shared
database (no merge needed); `a` assigns documents, enter adjudicates one."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select

from store.assignments import Choice, UserProgress, assign, chosen_documents, progress
from store.connection import StoreError, write_refusal
from talent.agreement import Report
from talent.model import REVIEW_STATES
from tui import keymap
from tui.screens.agreement_screen import REFRESH_SECONDS
from tui.screens.form import FormError, FormScreen
from tui.screens.reader.protocol import Reader
from tui.widgets.agreement_tables import DOCUMENT_COLUMNS, document_rows
from tui.widgets.footer import fit_footer
from tui.widgets.row_table import Column, RowTable

WORST = 20  # disagreeing documents listed

PROGRESS_COLUMNS = [
    Column("user"),
    Column("role", 10),
    Column("assigned", 9, "right"),
    Column("in progress", 12, "right"),
    Column("done", 6, "right"),
]


class TeamScreen(Screen[str | None]):
    """Dismisses with a document to adjudicate, or None."""

    BINDINGS = keymap.TEAM

    def __init__(self) -> None:
        super().__init__()
        self._documents: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("reading the team's progress…", id="team-title")
        yield RowTable(PROGRESS_COLUMNS, id="team-progress")
        yield Label("documents whose annotators disagree most: enter adjudicates", id="team-hint")
        yield RowTable(DOCUMENT_COLUMNS, id="team-disagreements")
        yield Footer()

    def on_mount(self) -> None:
        self.compute()
        self.set_interval(REFRESH_SECONDS, self.compute)

    def on_resize(self, event) -> None:
        fit_footer(self.query_one(Footer), event.size.width)

    @work(thread=True, exclusive=True, group="team")
    def compute(self) -> None:
        from store.agreement import team_agreement
        from store.documents import document_titles

        with self.app.worker_connection() as db:
            rows = progress(db)
            report = team_agreement(db)
            titles = {title.id: title.title for title in document_titles(db)}
        self.app.call_from_thread(self._show, rows, report, titles)

    def _show(self, rows: list[UserProgress], report: Report, titles: dict[str, str]) -> None:
        done = sum(row.done for row in rows)
        assigned = sum(row.assigned for row in rows)
        self.query_one("#team-title", Label).update(
            f"Team: {len(rows)} user(s), {done} of {assigned} assignment(s) done "
            f"(every {REFRESH_SECONDS:g} s)"
        )
        # Read again every few seconds under a manager moving through it: keys keep the cursor.
        self.query_one("#team-progress", RowTable).set_list(
            [
                (
                    row.annotator,
                    row.role,
                    str(row.assigned),
                    str(row.in_progress),
                    str(row.done),
                )
                for row in rows
            ],  # fmt: skip
            keys=[row.annotator for row in rows],
        )
        worst = report.documents[:WORST]
        self._documents = [doc for doc, _, _ in worst]
        self.query_one("#team-disagreements", RowTable).set_list(
            document_rows(worst, titles), keys=self._documents
        )

    def on_row_table_chosen(self, event: RowTable.Chosen) -> None:
        if event.table.id == "team-disagreements" and event.index < len(self._documents):
            self.dismiss(self._documents[event.index])

    def action_assign(self) -> None:
        from store.users import list_users

        names = [user.name for user in list_users(self.app.db) if user.role == "annotator"]
        self.app.push_screen(AssignForm(names), self._assign)

    def _assign(self, request: tuple[Choice, list[str], int] | None) -> None:
        if request is None:
            return
        choice, annotators, per_document = request
        db = self.app.db
        try:
            added = assign(
                db, chosen_documents(db, choice), annotators, per_document, self.app.annotator
            )
        except Exception as error:  # a choice that matches nothing, or a file that refused
            message = str(error) if isinstance(error, StoreError) else write_refusal(error)
            if message is None:
                raise
            self.notify(message, severity="error", markup=False)
            return
        self.notify(f"{added} new assignment(s) · saved", markup=False)
        self.compute()


class AssignForm(FormScreen[tuple[Choice, list[str], int] | None]):
    """Which documents, to whom, and how many annotators each needs."""

    TITLE_TEXT = "Assign documents"

    def __init__(self, annotators: list[str]) -> None:
        super().__init__()
        self._annotators = annotators

    def compose_fields(self) -> ComposeResult:
        yield Label("to (comma-separated; dealt round-robin)")
        yield Input(", ".join(self._annotators), id="to", compact=True)
        yield Label("annotators per document")
        yield Input("1", id="per-document", compact=True)
        yield Label("titles matching (a glob such as Meta*; empty: all)")
        yield Input("", id="title", compact=True)
        yield Label("review state")
        yield Select(
            [("any", "")] + [(state.replace("_", " "), state) for state in REVIEW_STATES],
            value="",
            allow_blank=False,
            id="state",
            compact=True,
        )
        yield Label("imported from the folder (empty: any)")
        yield Input("", id="folder", compact=True)

    def build_result(self) -> tuple[Choice, list[str], int]:
        names = [n.strip() for n in self.query_one("#to", Input).value.split(",") if n.strip()]
        if not names:
            raise FormError("name one annotator or more")
        count = self.query_one("#per-document", Input).value.strip()
        if not count.isdigit() or not 1 <= int(count) <= len(names):
            raise FormError(f"annotators per document: 1 to {len(names)}")
        choice = Choice(
            self.query_one("#title", Input).value.strip(),
            str(self.query_one("#state", Select).value),
            self.query_one("#folder", Input).value.strip(),
        )
        return choice, names, int(count)


def open_team(reader: Reader) -> None:
    """The team screen; a chosen document opens to adjudicate."""
    from tui.screens.adjudication_screen import open_adjudication

    def chosen(doc_id: str | None) -> None:
        if doc_id is not None:
            reader.open_document(doc_id)
            open_adjudication(reader)

    reader.app.push_screen(TeamScreen(), chosen)
