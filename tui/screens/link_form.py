"""The link form, after the organization is picked: relation, evidence, date, amount and note,
each proposed from the sentence under the cursor. Enter saves."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from talent.model import RELATIONS
from tui.safe import safe
from tui.screens.form import FormError, FormScreen
from tui.widgets.safe_input import SafeInput


@dataclass(frozen=True)
class LinkInput:
    """What the form collected; evidence is a claim id, a sentence (`sentence:START:END`, tagged
    as a claim when saved), or None."""

    relation: str
    evidence: int | str | None
    date: str | None
    amount: dict | None
    note: str


class LinkForm(FormScreen[LinkInput | None]):
    """Make or edit one person-organization link."""

    def __init__(
        self,
        person: str,
        org: str,
        relation: str,
        evidence_choices: list[tuple[str, int | str]],
        evidence: int | str | None,
        amount_text: str,
        date: str = "",
        note: str = "",
    ) -> None:
        super().__init__()
        self.TITLE_TEXT = f"Link {person} → {org}"
        self._relation = relation
        self._evidence_choices = evidence_choices
        self._evidence = evidence
        self._amount_text = amount_text
        self._date = date
        self._note = note

    def compose_fields(self) -> ComposeResult:
        yield Label("relation")
        yield Select(
            [(r, r) for r in RELATIONS],
            value=self._relation,
            allow_blank=False,
            id="relation",
            compact=True,
        )
        yield Label("evidence")
        yield Select(
            [(safe(text), value) for text, value in self._evidence_choices],
            value=self._evidence if self._evidence is not None else Select.NULL,
            prompt="(none)",
            id="evidence",
            compact=True,
        )
        yield Label("date (YYYY, YYYY-MM or YYYY-MM-DD, optional)")
        yield SafeInput(value=self._date, id="date", compact=True)
        yield Label("amount (8000万美元, $80 million; optional)")
        yield SafeInput(value=self._amount_text, id="amount", compact=True)
        yield Label("note")
        yield SafeInput(value=self._note, id="note", compact=True)

    def on_mount(self) -> None:
        self.query_one("#relation", Select).focus()

    def build_result(self) -> LinkInput:
        # Read on saving: the reader opens without the figure rules loaded.
        from talent.recognize.figures import parse_amount
        from talent.values import parse_date

        date_text = self.query_one("#date", Input).value.strip()
        date = parse_date(date_text) if date_text else None
        if date_text and date is None:
            raise FormError(f"{date_text!r} is not a date: write 2025, 2025-07 or 2025-07-01")
        amount_text = self.query_one("#amount", Input).value.strip()
        amount = parse_amount(amount_text) if amount_text else None
        if amount_text and amount is None:
            raise FormError(
                f"{amount_text!r} is not an amount: write 8000万美元, $80 million or 80000000"
            )
        evidence = self.query_one("#evidence", Select).value
        return LinkInput(
            str(self.query_one("#relation", Select).value),
            None if evidence is Select.NULL else evidence,
            date,
            amount,
            self.query_one("#note", Input).value.strip(),
        )
