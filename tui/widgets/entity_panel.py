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
from talent.recognize.gazetteer import entry_for
from tui.safe import safe
from tui.widgets.panel_list import PanelList


class _RowKeys:
    """Which row a span is counted in: its entity; else the entity its text is a name or alias
    of; else the gazetteer's entity (扎克伯格 and 马克·扎克伯格 are one row before either is
    accepted); else its own text."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self._entities = entities
        self._by_alias = {
            (e.label, alias): e for e in entities.values() for alias in (e.name, *e.aliases)
        }
        self._by_text: dict[tuple[str, str], tuple[str, str]] = {}

    def __call__(self, span: Span) -> tuple[str, str]:
        entity = self._entities.get(span.entity) if span.entity else None
        if entity:
            return f"e:{entity.id}", entity.name
        text = (span.label, span.quote)
        if text not in self._by_text:
            self._by_text[text] = self._unresolved(*text)
        return self._by_text[text]

    def _unresolved(self, label: str, quote: str) -> tuple[str, str]:
        entry = entry_for(label, quote)
        for alias in (quote, *(entry.aliases if entry else ())):
            entity = self._by_alias.get((label, alias))
            if entity:
                return f"e:{entity.id}", entity.name
        if entry:
            return f"g:{label}:{entry.name}", entry.name
        return f"t:{label}:{quote}", quote


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
        row_of = _RowKeys(entities)
        for span in marks.spans:
            if span.status == "rejected":
                continue
            key, name = row_of(span)
            names[key] = name
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
                # The names this document uses for it, when they differ from the entity's.
                others = sorted({s.quote for s in spans} - {names[key]})
                if others:
                    line.append_text(safe(f" ({', '.join(others)})", "dim"))
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
