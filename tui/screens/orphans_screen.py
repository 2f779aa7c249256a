"""The orphans of a new version: the annotations of the version before it that could not be
placed in its text, each with the reason. Choosing one shows it where it still is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.versions import Orphan
from tui import keymap
from tui.safe import safe
from tui.screens.reader.protocol import Reader

QUOTE_CHARS = 60


def orphan_line(orphan: Orphan) -> Text:
    """One orphan: what it was, its text (shortened), and why it could not be placed."""
    quote = orphan.text if len(orphan.text) <= QUOTE_CHARS else orphan.text[: QUOTE_CHARS - 1] + "…"
    line = Text.assemble((f"{orphan.kind} {orphan.label} ", "bold"), safe(f"«{quote}»"))
    line.append(f"\n  {orphan.reason}", style="dim")
    return line


class OrphansScreen(ModalScreen[Orphan | None]):
    """Lists orphans; dismisses with the chosen one, or None."""

    BINDINGS = keymap.ORPHANS

    def __init__(self, title: str, orphans: list[Orphan]) -> None:
        super().__init__()
        self._title = title
        self._orphans = orphans

    def compose(self) -> ComposeResult:
        with Vertical(id="orphans-dialog"):
            yield Label(
                Text.assemble(
                    f"{len(self._orphans)} annotation(s) of the previous version of ",
                    safe(self._title, "bold"),
                    " could not be placed in this one. They are kept there; "
                    "enter shows one in the other pane, escape closes.",
                )
            )
            yield OptionList(
                *(Option(orphan_line(o), id=str(i)) for i, o in enumerate(self._orphans)),
                id="orphans-list",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._orphans[int(event.option.id)])


def open_orphans(reader: Reader) -> None:
    """List what the previous version of the focused document could not pass on; a chosen
    one opens that version in the other pane, where the orphan still is."""
    from store.versions import orphans_of

    document = reader.focused_pane.view.document
    if document is None:
        return

    def show(orphan: Orphan | None) -> None:
        if orphan is not None:
            reader.show_at(
                orphan.old_document_id,
                orphan.start or 0,
                f"old version, at the orphaned {orphan.kind}: annotate it anew if it applies",
            )

    reader.app.push_screen(
        OrphansScreen(document.title, orphans_of(reader.app.db, document.id)), show
    )
