"""The side panel's link list: each person of the document with their organizations and
relations; enter edits a link, `d` deletes it."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from talent.model import Entity, Link
from tui import keymap
from tui.safe import safe
from tui.widgets.panel_list import PanelList


def describe_amount(amount: dict | None) -> str:
    """A normalised amount as a short figure: 80,000,000 USD."""
    if not amount:
        return ""
    text = f"{amount.get('amount'):,} {amount.get('currency') or ''}".strip()
    return text + (f" per {amount['per']}" if amount.get("per") else "")


class LinksPanel(PanelList):
    """Links grouped by person."""

    BINDINGS = keymap.LINKS_PANEL

    class Chosen(Message):
        """Edit (or delete) a link."""

        def __init__(self, link: Link, delete: bool = False) -> None:
            super().__init__()
            self.link = link
            self.delete = delete

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = "links"
        self._links: dict[str, Link] = {}

    def show(self, links: list[Link], entities: dict[str, Entity]) -> None:
        """List these links under their people."""
        self.border_title = f"links ({len(links)})"
        options = []
        self._links = {str(link.id): link for link in links}
        by_person: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            by_person[link.person].append(link)

        def name(entity_id: str) -> str:
            return entities[entity_id].name if entity_id in entities else entity_id

        for person, person_links in sorted(by_person.items(), key=lambda item: name(item[0])):
            options.append(Option(safe(name(person), "bold"), disabled=True))
            for link in person_links:
                line = Text(f"  {link.relation} ")
                line.append_text(safe(name(link.org)))
                details = [describe_amount(link.amount), link.date or ""]
                if any(details):
                    line.append_text(safe("  " + " · ".join(d for d in details if d), "dim"))
                options.append(Option(line, id=str(link.id)))
        self.replace_options(options)

    def _highlighted_link(self) -> Link | None:
        if self.highlighted is None:
            return None
        return self._links.get(self.get_option_at_index(self.highlighted).id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self._highlighted_link()
        if link:
            self.post_message(self.Chosen(link))

    def action_delete(self) -> None:
        link = self._highlighted_link()
        if link:
            self.post_message(self.Chosen(link, delete=True))
