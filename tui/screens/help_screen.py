"""The help screen: every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ALSO = [
    ("ctrl+p", "command palette: open a document in this pane, by title (fuzzy)"),
    ("ctrl+q", "quit"),
]


def key_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    """A table of keys and what they do, grouped by where they apply."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action")
    for title, bindings in groups:
        table.add_row(f"[u]{title}[/u]", "")
        for binding in bindings:
            keys = " ".join(_pretty(key) for key in binding.key.split(","))
            # The tooltip is the long form; the description is sized for the footer.
            table.add_row(keys, binding.tooltip or binding.description)
        table.add_row("", "")
    table.add_row("[u]anywhere[/u]", "")
    for key, description in ALSO:
        table.add_row(key, description)
    return table


def _pretty(key: str) -> str:
    names = {
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "question_mark": "?",
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }
    return names.get(key, key)


class HelpScreen(ModalScreen[None]):
    """All keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static("talent-tui keys  (escape closes)", id="help-title")
            yield Static(key_table(self._groups))
