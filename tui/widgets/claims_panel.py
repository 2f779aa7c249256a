"""The side panel's claim list: the focused document's claims in order; choosing one jumps to it,
`d` deletes it."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from talent.model import Claim
from tui import keymap
from tui.safe import safe
from tui.widgets.panel_list import PanelList


class ClaimsPanel(PanelList):
    """One row per claim: category, status and the start of its text."""

    BINDINGS = keymap.CLAIMS_PANEL

    class Chosen(Message):
        """Jump to a claim (or delete it)."""

        def __init__(self, claim: Claim, delete: bool = False) -> None:
            super().__init__()
            self.claim = claim
            self.delete = delete

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = "claims"
        self._claims: list[Claim] = []

    def show(self, claims: list[Claim], relations: dict[int, dict[str, int]]) -> None:
        """List these claims, each with how many claims elsewhere it is the same as (=) or
        contradicts (≠)."""
        self._claims = list(claims)
        self.border_title = f"claims ({len(claims)})"
        options = []
        for claim in claims:
            line = Text(f"#{claim.id} {claim.category} · {claim.status} ", style="bold")
            related = relations.get(claim.id, {})
            if related.get("same"):
                line.append(f"={related['same']} ", style="bold green")
            if related.get("contradicts"):
                line.append(f"≠{related['contradicts']} ", style="bold red")
            line.append_text(safe(claim.quote[:60], "italic"))
            options.append(Option(line, id=str(claim.id)))
        self.replace_options(options)

    def _highlighted_claim(self) -> Claim | None:
        index = self.highlighted
        return self._claims[index] if index is not None and index < len(self._claims) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim = self._highlighted_claim()
        if claim:
            self.post_message(self.Chosen(claim))

    def action_delete(self) -> None:
        claim = self._highlighted_claim()
        if claim:
            self.post_message(self.Chosen(claim, delete=True))
