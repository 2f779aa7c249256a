"""A short list to choose one item from: enter chooses, escape goes back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui import keymap
from tui.safe import safe


class ChoiceScreen(ModalScreen[int | None]):
    """Dismisses with the index of the chosen line, or None."""

    BINDINGS = keymap.CHOICE

    def __init__(self, prompt: str | Text, lines: list[Text]) -> None:
        super().__init__()
        self._prompt = prompt
        self._lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="choice-dialog"):
            # A prompt may quote data (a name): never read as markup.
            yield Label(safe(self._prompt) if isinstance(self._prompt, str) else self._prompt)
            yield OptionList(*(Option(line, id=str(i)) for i, line in enumerate(self._lines)))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))
