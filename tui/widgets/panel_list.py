"""The panels' lists: filled in one step, kept as they are when nothing in them changed."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class PanelList(OptionList):
    """An OptionList that a panel refills after every change in the document."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[str | None, str, bool]] = []

    def replace_options(self, options: list[Option]) -> None:
        """Show these rows, keeping the highlighted row; adding rows one by one re-measures the
        list each time (seconds for thousands of entities), and an unchanged list costs nothing."""
        shown = [(option.id, str(option.prompt), option.disabled) for option in options]
        if shown == self._shown:
            return
        self._shown = shown
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted
