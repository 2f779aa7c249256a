"""The side panel's entity list: the focused document's entities by label, canonical entities
(not surface strings) with their mention counts. Choosing one cycles through its mentions."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from talent.marks import DocumentMarks
from talent.model import LABELS, Entity, Span
from tui.panel_list import PanelList
from tui.safe import safe


class EntityPanel(PanelList):
    """One row per entity (or per text, for spans not yet tied to one), grouped by label."""

    class Chosen(Message):
        """The user chose an entity mention: jump to its offset."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = "entities"
        self._mentions: dict[str, list[int]] = {}
        self._visits: dict[str, int] = {}

    def show(self, title: str, marks: DocumentMarks, entities: dict[str, Entity]) -> None:
        """List the entities of one document."""
        self.border_title = Text.assemble("entities · ", safe(title[:40]))
        groups: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        names: dict[str, str] = {}
        for span in marks.spans:
            if span.status == "rejected":
                continue
            key = f"e:{span.entity}" if span.entity in entities else f"t:{span.label}:{span.quote}"
            names[key] = entities[span.entity].name if span.entity in entities else span.quote
            groups[span.label][key].append(span)
        options: list[Option] = []
        self._mentions = {}
        for label in LABELS:
            members = groups.get(label)
            if not members:
                continue
            count = sum(len(spans) for spans in members.values())
            options.append(Option(Text(f"{label} ({count})", style="bold"), disabled=True))
            ordered = sorted(members.items(), key=lambda item: (-len(item[1]), names[item[0]]))
            for key, spans in ordered:
                line = Text("  ")
                line.append_text(safe(names[key]))
                line.append(f" ×{len(spans)}", style="dim")
                if any(s.status == "suggested" for s in spans):
                    line.append(" ·", style="dim")
                options.append(Option(line, id=key))
                self._mentions[key] = [s.start for s in spans]
        self.replace_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        starts = self._mentions.get(key)
        if starts:
            visit = self._visits.get(key, -1) + 1
            self._visits[key] = visit
            self.post_message(self.Chosen(starts[visit % len(starts)]))
