"""Claims of other documents beside one claim: s says one is the same claim, x that it
contradicts it, d takes that back. Figures inside both are compared by value."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Label

from store.claim_relations import OtherClaim
from talent.model import Claim
from tui import keymap
from tui.safe import safe
from tui.screens.decision_list import DecisionList

QUOTE_CHARS = 90
MARKS = {"same": ("=", "bold green"), "contradicts": ("≠", "bold red"), None: (" ", "")}


def other_claim_line(other: OtherClaim) -> Text:
    """A claim of another document: its relation mark, where it is, its text, its figures."""
    mark, style = MARKS[other.kind]
    claim = other.claim
    quote = claim.quote if len(claim.quote) <= QUOTE_CHARS else claim.quote[:QUOTE_CHARS] + "…"
    line = Text.assemble((f"{mark} ", style), (f"#{claim.id} {claim.category} ", "bold"))
    line.append_text(safe(f"«{other.title}»", "dim"))
    line.append("\n  ")
    line.append_text(safe(quote, "italic"))
    if summary := other.figures.summary():
        line.append("\n  ")
        line.append_text(safe(f"figures {summary}", "red" if other.figures.differ else "green"))
    return line


class ClaimRelationsScreen(DecisionList[OtherClaim]):
    """Relate one claim to claims elsewhere; decide() is called with the kind, or None."""

    BINDINGS = keymap.CLAIM_RELATIONS
    EMPTY = "No claims in other documents yet: tag one there with c."

    def __init__(
        self,
        claim: Claim,
        read: Callable[[], list[OtherClaim]],
        relate: Callable[[OtherClaim, str | None], str],
    ) -> None:
        super().__init__(read, relate)
        self._claim = claim

    def heading(self) -> Iterable[Widget]:
        quote = self._claim.quote[:QUOTE_CHARS]
        yield Label(Text.assemble((f"Claim #{self._claim.id}: ", "bold"), safe(quote)))
        yield Label("Claims of the other documents, related ones and agreeing figures first.")

    def line(self, item: OtherClaim) -> Text:
        return other_claim_line(item)
