"""The Textual app: opens the store, shows the reader, and keeps suggestions current in a worker."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlite_utils import Database
from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from store.annotations import claims_for_document, spans_for_document
from store.connection import is_read_only
from store.documents import DocumentTitle, document_titles, get_document
from store.events import current_annotator
from store.export import Selection
from store.search import SearchHit, search
from store.versions import Orphan, orphans_of, version_state
from talent.display import safe_string
from talent.model import GOLD_ANNOTATOR
from tui import keymap
from tui.crash import crash_line, record_crash
from tui.palette import DocumentProvider
from tui.safe import safe
from tui.screens.flows_screen import FlowsClosed, FlowsState
from tui.screens.help_screen import HelpScreen
from tui.screens.reader.annotator import READ_ONLY_REFUSAL
from tui.screens.reader.screen import ReaderScreen
from tui.services.flows_cache import FlowsCache
from tui.user_keymap import keymap_path, read_keymap
from tui.widgets.article_pane import ArticlePane
from tui.widgets.article_view import ArticleView


class TalentApp(App):
    """talent-tui: read and annotate news about AI talent."""

    TITLE = "talent-tui"
    # Absolute, so subclasses defined elsewhere (benchmarks, tests) find the stylesheet too.
    CSS_PATH = Path(__file__).with_name("talent.tcss")
    COMMANDS = App.COMMANDS | {DocumentProvider}
    BINDINGS = keymap.APP

    def __init__(
        self,
        db: Database,
        db_path: Path | None = None,
        refresh_suggestions: bool = True,
        annotator: str | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.db_path = db_path
        self.refresh_suggestions = refresh_suggestions
        self.annotator = annotator or current_annotator()
        self.crash: str | None = None
        # A file this user cannot write: it is read, and every change is refused with a message.
        self.read_only = is_read_only(db)
        self.flows_state = FlowsState()
        self.flows = FlowsCache(self.worker_connection)
        self._annotators: dict[str, list[str]] = {}
        self._flows_timer = None
        self.user_keys: dict[str, str] = {}

    def on_mount(self) -> None:
        """Apply the user's keymap.toml; what it could not apply is named in one line."""
        path = keymap_path()
        user = read_keymap(path)
        self.user_keys = user.keys
        self.set_keymap(user.keys)
        if user.problems:
            self.notify(user.problem_line(path), severity="error", timeout=20, markup=False)

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen()

    @property
    def reader(self) -> ReaderScreen:
        """The main screen (whatever dialog is on top of it)."""
        return next(s for s in self.screen_stack if isinstance(s, ReaderScreen))

    def start_reading(self) -> None:
        """Fill the panes once the reader is mounted; then bring suggestions up to date."""
        left_id, right_id = self.initial_documents()
        self.reader.show_empty(left_id is None)
        if left_id is None:
            return
        left, right = self.reader.panes
        self.reader.annotator.load_entities()
        if left_id:
            self.show_document(left, left_id)
        if right_id:
            self.show_document(right, right_id)
        left.view.focus()
        self.reader.show_status()
        self.warm_word_boundaries()
        self.warm_flows_soon()
        if self.refresh_suggestions and self.db_path is not None and not self.read_only:
            # After the first paint: recognition loads jieba, which takes a second.
            self.call_after_refresh(self.update_suggestions)

    def add_seeds(self) -> None:
        """Put the seed articles into this (empty) database and open them."""
        from store.seeds import load_seeds

        if self.read_only:
            self.reader.show_status(READ_ONLY_REFUSAL, error=True)
            return
        report = load_seeds(self.db)
        self.start_reading()
        self.reader.show_status(f"added {report.documents} seed article(s) · saved")

    def document_titles(self) -> list[DocumentTitle]:
        """Every document, old versions included."""
        return document_titles(self.db)

    def document_progress(self) -> dict:
        """Per document, each annotator's decisions and review state (for the document list)."""
        from store.stats import annotator_progress

        return annotator_progress(self.db)

    def current_documents(self) -> list[DocumentTitle]:
        """Every document but the versions a newer one replaced: what `[ ]` goes through."""
        return [title for title in self.document_titles() if not title.superseded]

    def initial_documents(self) -> tuple[str | None, str | None]:
        """An English document on the left and a Chinese one on the right, when there are."""
        titles = self.current_documents()
        if not titles:
            return None, None
        left = next((t.id for t in titles if t.lang == "en"), titles[0].id)
        right = next((t.id for t in titles if t.lang == "zh" and t.id != left), None)
        if right is None:
            right = next((t.id for t in titles if t.id != left), left)
        return left, right

    def show_document(self, pane: ArticlePane, doc_id: str, cursor: int = 0) -> None:
        """Load a document and its annotations into a pane."""
        document = get_document(self.db, doc_id)
        if document is None:
            return
        pane.version = version_state(self.db, doc_id)
        pane.show(
            document,
            spans_for_document(self.db, doc_id),
            claims_for_document(self.db, doc_id),
            cursor,
        )
        if pane.view.has_focus:
            self.reader.refresh_panel()
            self.reader.refresh_bindings()  # O applies to documents with orphans only

    @work(thread=True, exclusive=True, group="words", exit_on_error=False)
    def warm_word_boundaries(self) -> None:
        """Load jieba's dictionary and word tags off the interface thread, so neither `w` nor
        the first accept (which teaches jieba the word) waits for them."""
        from talent.segment import word_tags

        word_tags()

    def reload_annotations(self) -> None:
        """Redraw both panes' annotations from the store (new suggestions arrived)."""
        for pane in self.reader.panes:
            document = pane.view.document
            if document:
                pane.update_annotations(
                    spans_for_document(self.db, document.id),
                    claims_for_document(self.db, document.id),
                )
                # What is under the cursor may have changed: the status line and keys follow.
                pane.view.post_message(ArticleView.CursorMoved(pane.view))
        self.reader.refresh_panel()

    def open_document(self, doc_id: str, cursor: int = 0) -> None:
        """Open a document in the focused pane (from the palette or search)."""
        pane = self.reader.focused_pane
        self.show_document(pane, doc_id, cursor)
        pane.view.focus()

    def cycle_document(self, pane: ArticlePane, step: int) -> None:
        """The previous or next document, in import order, in this pane."""
        ids = [title.id for title in self.current_documents()]
        current = pane.view.document.id if pane.view.document else None
        if not ids:
            return
        index = (ids.index(current) + step) % len(ids) if current in ids else 0
        self.show_document(pane, ids[index])

    def open_search(self) -> None:
        """The search dialog; a chosen hit opens in the focused pane with the match marked."""
        from tui.screens.search_screen import SearchScreen

        def jump(hit: SearchHit | None) -> None:
            if hit is None:
                return
            self.open_document(hit.document_id, hit.start)
            view = self.reader.focused_pane.view
            for pane in self.reader.panes:
                # Only the newest match is marked: an old one in the other pane is cleared.
                if pane.view is not view and pane.view.found is not None:
                    pane.view.found = None
                    pane.view.refresh()
            view.found = (hit.start, hit.end)
            view.refresh()

        self.push_screen(SearchScreen(lambda query: search(self.db, query)), jump)

    def open_orphans(self) -> None:
        """List what the previous version of the focused document could not pass on; a chosen
        one opens that version in the other pane, where the orphan still is."""
        from tui.screens.orphans_screen import OrphansScreen

        document = self.reader.focused_pane.view.document
        if document is None:
            return

        def show(orphan: Orphan | None) -> None:
            if orphan is not None:
                self.show_at(
                    orphan.old_document_id,
                    orphan.start or 0,
                    f"old version, at the orphaned {orphan.kind}: annotate it anew if it applies",
                )

        self.push_screen(OrphansScreen(document.title, orphans_of(self.db, document.id)), show)

    def show_at(
        self, doc_id: str, offset: int, message: str, mark: tuple[int, int] | None = None
    ) -> None:
        """Open a document at an offset and focus it there (with `mark` drawn as a search hit
        is): in the pane that already shows it, else in the pane that is not focused."""
        left, right = self.reader.panes
        showing = [p for p in (left, right) if p.view.document and p.view.document.id == doc_id]
        pane = showing[0] if showing else right if self.reader.focused_pane is left else left
        if showing:
            pane.view.move_to(offset)
        else:
            self.show_document(pane, doc_id, offset)
        pane.view.focus()
        if mark is not None:
            pane.view.found = mark
            pane.view.refresh()
        self.reader.show_status(message)

    def open_adjudication(self) -> None:
        """Two annotators' versions of the focused document side by side, to settle into gold;
        with more than two annotators, which two is asked first."""
        from itertools import combinations

        from tui.screens.adjudication_screen import AdjudicationScreen
        from tui.screens.choice_screen import ChoiceScreen

        document = self.reader.focused_pane.view.document
        if document is None:
            return
        pairs = list(combinations(self.annotators_of(document.id), 2))
        if not pairs:
            self.reader.show_status(
                "adjudication needs two annotators' work on this document: merge their "
                "databases (talent-tui merge A.db B.db --into TEAM.db) and open that",
                error=True,
            )
            return

        def start(index: int | None) -> None:
            if index is not None:
                self.push_screen(
                    AdjudicationScreen(document.id, *pairs[index]),
                    lambda _: self.reload_annotations(),
                )

        if len(pairs) == 1:
            start(0)
        else:
            lines = [safe(f"{a} · {b}") for a, b in pairs]
            self.push_screen(ChoiceScreen("Which two annotators?", lines), start)

    def open_agreement(self) -> None:
        """The agreement figures of a team database; a chosen document opens to adjudicate."""
        from store.agreement import team_agreement
        from tui.screens.agreement_screen import AgreementScreen

        def compute():
            with self.worker_connection() as db:
                return team_agreement(db)

        def chosen(doc_id: str | None) -> None:
            if doc_id is not None:
                self.open_document(doc_id)
                self.open_adjudication()

        titles = {title.id: title.title for title in self.document_titles()}
        self.push_screen(AgreementScreen(compute, titles), chosen)

    def open_flows(self) -> None:
        """The flows screen, as it was left; a row's evidence opens in an article pane."""
        from store.flows import evidence_sentence
        from tui.screens.flows_screen import FlowsScreen

        def closed(result: FlowsClosed | None) -> None:
            if result is None:
                return
            self.flows_state = result.state
            evidence = result.evidence
            if evidence is not None:
                start, end, _ = evidence_sentence(self.db, evidence)
                self.show_at(
                    evidence.document_id,
                    start,
                    f"evidence in «{evidence.title}»; F goes back to the flows",
                    mark=(start, end),
                )

        screen = FlowsScreen(
            self.flows.get, lambda e: evidence_sentence(self.db, e)[2], self.flows_state
        )
        self.push_screen(screen, closed)

    def annotators_of(self, doc_id: str) -> list[str]:
        """Who made decisions on a document (asked each time the keys are shown: kept)."""
        from store.adjudication import document_annotators

        if doc_id not in self._annotators:
            self._annotators[doc_id] = document_annotators(self.db, doc_id)
        return self._annotators[doc_id]

    def changed(self, tables: set[str]) -> None:
        """A user action changed these tables: the flows are derived again once keys rest."""
        self._annotators.clear()
        if self.flows.forget_if_changed(tables):
            self.warm_flows_soon()

    def warm_flows_soon(self) -> None:
        # Two seconds after the last change (or the first paint): a burst of links is derived
        # once, and never while the reader is drawing its first screen.
        if self._flows_timer is not None:
            self._flows_timer.stop()
        self._flows_timer = self.set_timer(2.0, self.warm_flows)

    @work(thread=True, exclusive=True, group="flows", exit_on_error=False)
    def warm_flows(self) -> None:
        """Derive the moves before F is pressed."""
        self.flows.get()

    @contextmanager
    def worker_connection(self) -> Iterator[Database]:
        """A connection of its own for a worker thread (SQLite's belong to their thread)."""
        from store.connection import open_database

        db = open_database(self.db_path, create=False)[0] if self.db_path else self.db
        try:
            yield db
        finally:
            if db is not self.db:
                db.close()

    def open_identities(self) -> None:
        """Proposals that two entities are one; each decision is one undoable action."""
        from store import identity
        from tui.screens.identity_screen import IdentityScreen

        def decide(proposal: identity.Proposal, same: str | None) -> str:
            call = identity.confirm if same else identity.refuse
            self.reader.annotator.run(lambda: call(self.db, proposal, self.annotator))
            return self.reader.last_message

        self.push_screen(IdentityScreen(lambda: identity.proposals(self.db), decide))

    def open_export(self) -> None:
        """The export form; the export itself runs in a worker, its progress on the status line."""
        from tui.screens.export_form import ExportForm, ExportRequest

        def start(request: ExportRequest | None) -> None:
            if request is None:
                return
            document = self.reader.focused_pane.view.document
            documents = document.id if request.documents == "this" and document else None
            selection = Selection.for_format(
                request.fmt,
                request.status,
                documents or request.documents or None,
                request.annotator or None,
            )
            self.reader.show_status(f"exporting {request.fmt}…")
            self.export_in_worker(request.fmt, request.out, selection)

        from store.stats import annotators

        # Whose work is asked in a team database only: several people, or a gold layer.
        names = annotators(self.db)
        team = len(names) > 1 or GOLD_ANNOTATOR in names
        self.push_screen(ExportForm(Path.cwd(), names if team else []), start)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_in_worker(self, fmt: str, out: Path, selection: Selection) -> None:
        """Write the export on a connection of its own, reporting progress as it goes."""
        from store.dataset_export import export_dataset

        def progress(done: int, total: int) -> None:
            # About fifty updates, however long the export.
            if done % max(1, total // 50) == 0 or done == total:
                self.call_from_thread(
                    self.reader.show_status, f"exporting {fmt}: {done}/{total} documents…"
                )

        try:
            with self.worker_connection() as db:
                summary = export_dataset(db, fmt, out, selection, progress)
        except Exception as error:  # shown, not raised: the session goes on
            self.call_from_thread(
                self.reader.show_status, f"export failed: {error}; nothing was written", True
            )
            return
        notes = "".join(f"; {note}" for note in summary.notes)
        self.call_from_thread(
            self.reader.show_status,
            f"{summary.headline(fmt, str(out))}{notes}",
        )

    def action_help(self) -> None:
        self.push_screen(HelpScreen(keymap.GROUPS, self.user_keys))

    # exit_on_error=False: a failure here costs the user fresh suggestions, not the session.
    @work(thread=True, exclusive=True, group="suggestions", exit_on_error=False)
    def update_suggestions(self, announce: bool = False) -> None:
        """Recognise documents whose suggestions are missing or stale, on a connection of its
        own: the rules' suggestions paint first, then the model's replace them as they come.
        With `announce` (the user changed the engine) the status line says when each is done."""
        from store.connection import open_database
        from store.suggestions import refresh_pending

        def stage_done(recognizer, documents: int) -> None:
            self.call_from_thread(self.reload_annotations)
            if announce:
                self.call_from_thread(
                    self.reader.show_status,
                    f"suggestions of {recognizer.engine} stored for {documents} document(s)",
                )

        db, _ = open_database(self.db_path)
        try:
            refresh_pending(db, on_stage=stage_done)
        finally:
            db.close()

    def choose_engine(self, engine: str) -> None:
        """Make `engine` this database's suggestion engine and bring suggestions up to it."""
        from store.suggestions import set_engine

        if self.read_only or self.db_path is None:
            self.reader.show_status("read-only: the engine is not changed", error=True)
            return
        set_engine(self.db, engine)
        self.reader.show_status(f"suggestion engine {engine}: suggesting again (decisions stay)")
        self.update_suggestions(announce=True)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from store.suggestions import engine_of
        from talent.recognize.engines import engine_choices

        current = engine_of(self.db)
        for engine in engine_choices():
            yield SystemCommand(
                f"Suggestion engine: {engine}",
                "in use"
                if engine == current
                else "suggest with this engine from now on (decisions stay)",
                partial(self.choose_engine, engine),
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(
                f"Could not update suggestions: {safe_string(str(event.worker.error))}",
                severity="error",
                timeout=10,
                markup=False,
            )

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a traceback full of locals after exit; the log keeps it instead,
        # and run_app prints one line.
        self.crash = crash_line(error, record_crash(error))
        super()._handle_exception(error)
        self._exit_renderables.clear()


def run_app(
    db_path: Path, annotator: str | None = None, create: bool = True, engine: str | None = None
) -> int:
    """Open the database (seeding a new one, where `create` allows one) and run the app until
    the user quits; `engine` becomes the database's suggestion engine."""
    import sys

    from store.workspace import open_store

    db = open_store(db_path, suggest=False, create=create)
    if engine and not is_read_only(db):
        from store.suggestions import set_engine

        set_engine(db, engine)
    app = TalentApp(db, db_path, annotator=annotator)
    app.run()
    if app.crash:
        print(app.crash, file=sys.stderr)
        return 1
    return app.return_code or 0
