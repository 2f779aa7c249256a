"""A list whose items are each decided with a key (merge or not, same claim or not): the
decision is saved by the caller, its message shown, and the list read again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from tui.safe import safe

Item = TypeVar("Item")


class DecisionList(ModalScreen[None], Generic[Item]):
    """Subclasses give the heading, how an item is drawn, and bindings to action_decide."""

    EMPTY = "Nothing to decide."

    def __init__(
        self, read: Callable[[], list[Item]], decide: Callable[[Item, str | None], str]
    ) -> None:
        super().__init__()
        self._read = read
        self._decide = decide
        self.items: list[Item] = []

    def heading(self) -> Iterable[Widget]:
        """What stands above the list."""
        return ()

    def line(self, item: Item) -> Text:
        """How one item is drawn (through `safe` for anything from a document)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="decision-dialog"):
            yield from self.heading()
            yield OptionList(classes="decision-list")
            yield Label(classes="decision-status")
        yield Footer()

    def on_mount(self) -> None:
        self.refill()
        self.query_one(OptionList).focus()

    def refill(self) -> None:
        """Read the items again, keeping the cursor where it was."""
        self.items = self._read()
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(Option(self.line(item), id=str(i)) for i, item in enumerate(self.items))
        if self.items:
            options.highlighted = min(highlighted, len(self.items) - 1)
        else:
            self.query_one(".decision-status", Label).update(self.EMPTY)

    def action_decide(self, choice: str | None) -> None:
        """Decide the highlighted item; show what was saved (or refused)."""
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.items):
            return
        message = self._decide(self.items[index], choice)
        self.refill()
        shown = message if self.items else f"{message}. {self.EMPTY}"
        self.query_one(".decision-status", Label).update(safe(shown))
