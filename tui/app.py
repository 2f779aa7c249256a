"""The Textual app: it holds the database and the services that work in the background, applies
the user's keymap, and shows the reader; the reader's keys open every other screen."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from store.assignments import has_assignments
from store.connection import is_read_only
from store.events import current_annotator
from store.layers import layer_of
from store.users import get_user
from talent.display import safe_string
from tui import keymap
from tui.crash import crash_line, record_crash
from tui.palette import DocumentProvider, engine_commands
from tui.screens.help_screen import HelpScreen
from tui.screens.reader.screen import ReaderScreen
from tui.services.flows_cache import FlowsCache, FlowsWarmer
from tui.services.suggestions import Suggestions
from tui.services.training import Training
from tui.user_keymap import keymap_path, read_keymap

# What each group of background work does, for the one line a failure gets.
WORK = {
    "suggestions": "update suggestions",
    "flows": "derive the flows",
    "words": "load jieba's dictionary",
    "export": "export",
    "training": "train the suggestion model",
}


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
        # In a shared database (one with users) each annotator works in a layer of their own,
        # and an annotator (not a manager) given assignments reads those, their queue.
        self.layer = layer_of(db, self.annotator)
        self.user = get_user(db, self.annotator) if self.layer else None
        self.queued = (
            self.user is not None
            and self.user.role == "annotator"
            and has_assignments(db, self.annotator)
        )
        self.crash: str | None = None
        # A file this user cannot write: it is read, and every change is refused with a message.
        self.read_only = is_read_only(db)
        self.suggestions = Suggestions(self)
        self.training = Training(self)
        self.flows = FlowsCache(self.worker_connection)
        self.flows_warmer = FlowsWarmer(self, self.flows)
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

    def action_help(self) -> None:
        self.push_screen(HelpScreen(keymap.GROUPS, self.user_keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from engine_commands(self.db, self.suggestions.choose_engine)
        yield SystemCommand(
            "Train the suggestion model",
            "learn from the reviewed documents' accepted names; suggest again on the others",
            self.training.start,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            what = WORK.get(event.worker.group, event.worker.group)
            self.notify(
                f"Could not {what}: {safe_string(str(event.worker.error))}",
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
