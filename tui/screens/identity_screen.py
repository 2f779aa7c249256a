"""Proposals that two entities are one (a Chinese name and its pinyin, an organization's alias,
a surname alone after the full name): y makes them one, n keeps them apart for good."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Label

from store.identity import Proposal
from tui import keymap
from tui.safe import safe
from tui.screens.decision_list import DecisionList
from tui.screens.reader.protocol import Reader


def proposal_line(proposal: Proposal) -> Text:
    """One proposal: the two names, the label, and why they look like one."""
    keep, other = proposal.keep, proposal.other
    line = Text.assemble((f"{keep.label:6} ", "dim"), safe(other.name, "bold"), " → ")
    line.append_text(safe(keep.name, "bold"))
    where = f" in «{proposal.document_title}»" if proposal.document_id else " in every document"
    line.append("\n  ")
    line.append_text(safe(f"{proposal.reason}{where}", "dim"))
    return line


class IdentityScreen(DecisionList[Proposal]):
    """Lists the proposals; decide() is called with "same" or None."""

    BINDINGS = keymap.IDENTITIES
    EMPTY = "No entities look alike: nothing to merge."

    def heading(self) -> Iterable[Widget]:
        yield Label(
            "Entities that look like one: y merges them (the first name becomes an alias of the "
            "second), n keeps them apart and is remembered; u on the articles undoes a merge."
        )

    def line(self, item: Proposal) -> Text:
        return proposal_line(item)


def open_identities(reader: Reader) -> None:
    """Proposals that two entities are one; each decision is one undoable action."""
    from store import identity

    app = reader.app

    def decide(proposal: identity.Proposal, same: str | None) -> str:
        call = identity.confirm if same else identity.refuse
        reader.annotator.run(lambda: call(app.db, proposal, app.annotator))
        return reader.last_message

    app.push_screen(IdentityScreen(lambda: identity.proposals(app.db), decide))
