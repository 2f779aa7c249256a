"""Proposals that two entities are one (a Chinese name and its pinyin, an organization's alias,
a surname alone after the full name): y makes them one, n keeps them apart for good."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from store.identity import Proposal
from tui.safe import safe


def proposal_line(proposal: Proposal) -> Text:
    """One proposal: the two names, the label, and why they look like one."""
    keep, other = proposal.keep, proposal.other
    line = Text.assemble((f"{keep.label:6} ", "dim"), safe(other.name, "bold"), " → ")
    line.append_text(safe(keep.name, "bold"))
    where = f" in «{proposal.document_title}»" if proposal.document_id else " in every document"
    line.append_text(safe(f"\n  {proposal.reason}{where}", "dim"))
    return line


class IdentityScreen(ModalScreen[None]):
    """Lists the proposals; each decision is saved, then the list is read again."""

    BINDINGS = [
        Binding("y", "decide(True)", "Same: merge"),
        Binding("n", "decide(False)", "Not the same"),
        Binding("escape", "dismiss(None)", "Close"),
    ]

    def __init__(
        self,
        read: Callable[[], list[Proposal]],
        decide: Callable[[Proposal, bool], str],
    ) -> None:
        super().__init__()
        self._read = read
        self._decide = decide
        self._proposals: list[Proposal] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="identity-dialog"):
            yield Label(id="identity-title")
            yield OptionList(id="identity-list")
            yield Label(id="identity-status")
        yield Footer()

    def on_mount(self) -> None:
        self._refill()
        self.query_one(OptionList).focus()

    def _refill(self) -> None:
        self._proposals = self._read()
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(
            Option(proposal_line(p), id=str(i)) for i, p in enumerate(self._proposals)
        )
        if self._proposals:
            options.highlighted = min(highlighted, len(self._proposals) - 1)
        count = len(self._proposals)
        self.query_one("#identity-title", Label).update(
            f"{count} proposal(s) that two entities are one: y merges them (the second name "
            "becomes an alias of the first), n keeps them apart and is remembered"
            if count
            else "No entities look alike: nothing to merge."
        )

    def action_decide(self, same: bool) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self._proposals):
            return
        message = self._decide(self._proposals[index], same)
        self.query_one("#identity-status", Label).update(safe(message))
        self._refill()
