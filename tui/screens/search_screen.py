"""The search dialog: type, press enter, choose a hit to jump to it. Hits are one line each,
the match highlighted and centred, like ripgrep's or fzf's."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from store.search import SearchHit, SearchResults
from talent.search_query import QueryError
from tui import keymap
from tui.safe import fit_end, fit_start, safe
from tui.screens.reader.protocol import Reader
from tui.widgets.safe_input import SafeInput

TITLE_CELLS = 18


def hit_line(hit: SearchHit, width: int) -> Text:
    """One line: the document's title, then the match centred in its context."""
    line = Text(no_wrap=True, overflow="ellipsis")
    title = fit_start(hit.title, TITLE_CELLS)
    line.append_text(safe(title + " " * (TITLE_CELLS - cell_len(title)), "bold"))
    line.append("  ")
    kind = f"{hit.kind}  " if hit.kind else ""  # an annotation: what it is, before its words
    line.append(kind, style="italic")
    room = max(width - TITLE_CELLS - 2 - cell_len(kind) - cell_len(hit.match), 2)
    line.append_text(safe(fit_end(hit.before, room // 2), "dim"))
    line.append_text(safe(hit.match, "bold reverse"))
    line.append_text(safe(fit_start(hit.after, room - room // 2), "dim"))
    return line


class SearchScreen(ModalScreen[SearchHit | None]):
    """Search every document; dismisses with the chosen hit, or None."""

    BINDINGS = keymap.SEARCH

    def __init__(self, search) -> None:
        super().__init__()
        self._search = search
        self._hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Label(
                "Search all documents: words, or annotations by label:PERSON status:suggested "
                "claim:compensation entity:OpenAI annotator:ana (enter searches, ↓ the results)",
                id="search-hint",
            )
            yield SafeInput(
                placeholder="华为, OpenAI, 1亿美元, label:PERSON status:suggested …",
                id="search-input",
            )
            yield Label("", id="search-count")
            yield OptionList(id="search-results")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            found: SearchResults = self._search(event.value)
        except QueryError as error:
            self.query_one("#search-count", Label).update(safe(str(error), "bold red"))
            return
        self._hits = found.hits
        results = self.query_one(OptionList)
        # The list's inner width: its border and scrollbar take four columns.
        width = max(results.size.width - 4, 30)
        results.clear_options()
        results.add_options(
            Option(hit_line(hit, width), id=str(index)) for index, hit in enumerate(self._hits)
        )
        count = Text.assemble(f"{found.total} hit(s) for ", safe(repr(event.value)))
        if found.capped:
            count.append(f": the first {len(found.hits)} shown, type more to narrow", "bold")
        self.query_one("#search-count", Label).update(count)
        if self._hits:
            results.highlighted = 0
            results.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._hits[int(event.option.id)])


def open_search(reader: Reader) -> None:
    """The search dialog; a chosen hit opens in the focused pane with the match marked."""
    from store.search import search

    def jump(hit: SearchHit | None) -> None:
        if hit is None:
            return
        reader.open_document(hit.document_id, hit.start)
        view = reader.focused_pane.view
        for pane in reader.panes:
            # Only the newest match is marked: an old one in the other pane is cleared.
            if pane.view is not view and pane.view.found is not None:
                pane.view.found = None
                pane.view.refresh()
        view.found = (hit.start, hit.end)
        view.refresh()

    reader.app.push_screen(SearchScreen(lambda query: search(reader.app.db, query)), jump)
