"""The search dialog: type, press enter, choose a hit to jump to it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from store.search import SearchHit
from tui.safe import safe


class SearchScreen(ModalScreen[SearchHit | None]):
    """Search every document; dismisses with the chosen hit, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, search) -> None:
        super().__init__()
        self._search = search
        self._hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Label("Search all documents (enter to search, ↓ to the results)")
            yield Input(placeholder="华为, OpenAI, 1亿美元 …", id="search-input")
            yield Label("", id="search-count")
            yield OptionList(id="search-results")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._hits = self._search(event.value)
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(
            Option(
                Text.assemble(safe(hit.title[:30], "bold"), "  ", safe(hit.snippet)), id=str(index)
            )
            for index, hit in enumerate(self._hits)
        )
        self.query_one("#search-count", Label).update(
            Text.assemble(f"{len(self._hits)} hit(s) for ", safe(repr(event.value)))
        )
        if self._hits:
            results.highlighted = 0
            results.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._hits[int(event.option.id)])
