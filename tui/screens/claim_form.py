"""The claim form: category, status, who asserts it, and a note. Enter saves; the category is
guessed from the sentence, so `c` then Enter tags a claim."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from talent.model import CLAIM_CATEGORIES, CLAIM_STATUSES, Entity
from tui.safe import safe
from tui.screens.form import FormScreen
from tui.widgets.entity_field import EntityField
from tui.widgets.safe_input import SafeInput


@dataclass(frozen=True)
class ClaimInput:
    """What the form collected."""

    category: str
    status: str
    attributed_to: str | None
    note: str


class ClaimForm(FormScreen[ClaimInput | None]):
    """Tag or edit one claim."""

    TITLE_TEXT = "Claim"

    def __init__(
        self, quote: str, initial: ClaimInput, speakers: list[Entity], editing: bool
    ) -> None:
        super().__init__()
        self._quote = quote
        self._initial = initial
        self._speakers = speakers
        self.TITLE_TEXT = "Edit claim" if editing else "Tag a claim"

    def compose_fields(self) -> ComposeResult:
        quote = self._quote if len(self._quote) <= 160 else self._quote[:159] + "…"
        yield Label(safe(quote, "italic"), classes="form-quote")
        yield Label("category")
        yield Select(
            [(c, c) for c in CLAIM_CATEGORIES],
            value=self._initial.category,
            allow_blank=False,
            id="category",
            compact=True,
        )
        yield Label("status")
        yield Select(
            [(s, s) for s in CLAIM_STATUSES],
            value=self._initial.status,
            allow_blank=False,
            id="status",
            compact=True,
        )
        yield Label("asserted by")
        yield EntityField(
            self._speakers, self._initial.attributed_to, "(nobody named)", id="speaker"
        )
        yield Label("note")
        yield SafeInput(value=self._initial.note, id="note", compact=True)

    def on_mount(self) -> None:
        self.query_one("#category", Select).focus()

    def build_result(self) -> ClaimInput:
        speaker = self.query_one("#speaker", EntityField).value
        return ClaimInput(
            str(self.query_one("#category", Select).value),
            str(self.query_one("#status", Select).value),
            speaker,
            self.query_one("#note", Input).value.strip(),
        )
