"""The side panel's entity list: the focused document's entities by label, canonical entities
(not surface strings) with their mention counts. Choosing one cycles through its mentions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from talent.marks import DocumentMarks
from talent.model import LABELS, Entity, Span
from talent.recognize.gazetteer import entry_for
from tui.safe import safe
from tui.widgets.panel_list import PanelList

# Spans grouped, and rows made, between two chances for a key to be handled (about 0.5 ms
# each: a key goes through the event loop in about ten turns).
SLICE = 1_000
ROW_SLICE = 50


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
        self._rows: dict[tuple, Option] = {}  # each row's Option by what it shows

    def show(self, title: str, marks: DocumentMarks, entities: dict[str, Entity]) -> None:
        """List the entities of one document, at once."""
        for _ in self.show_in_slices(title, marks, entities):
            pass

    def show_in_slices(
        self, title: str, marks: DocumentMarks, entities: dict[str, Entity]
    ) -> Iterator[None]:
        """List the entities of one document, yielding after every SLICE spans: a caller on the
        event loop lets keys in there (a 1 MB document has 30,000 spans, 30 ms in one go)."""
        spans = list(marks.spans)  # the spans as they are now: keys may change them meanwhile
        groups: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        names: dict[str, str] = {}
        row_of = _RowKeys(entities)
        for first in range(0, len(spans), SLICE):
            for span in spans[first : first + SLICE]:
                if span.status == "rejected":
                    continue
                key, name = row_of(span)
                names[key] = name
                groups[span.label][key].append(span)
            yield
        options: list[Option] = []
        mentions: dict[str, list[int]] = {}
        rows: dict[tuple, Option] = {}
        for label in LABELS:
            members = groups.get(label)
            if not members:
                continue
            count = sum(len(spans) for spans in members.values())
            options.append(Option(Text(f"{label} ({count})", style="bold"), disabled=True))
            ordered = sorted(members.items(), key=lambda item: (-len(item[1]), names[item[0]]))
            for number, (key, spans) in enumerate(ordered, start=1):
                options.append(self._row(key, names[key], spans, rows))
                mentions[key] = [s.start for s in spans]
                if number % ROW_SLICE == 0:
                    yield
            yield
        self.border_title = Text.assemble("entities · ", safe(title[:40]))
        self._mentions, self._rows = mentions, rows
        self.replace_options(options)

    def _row(self, key: str, name: str, spans: list[Span], rows: dict[tuple, Option]) -> Option:
        """The row of one entity, kept in `rows`: the same Option as last time when nothing in
        it changed, so the list measures only new rows again."""
        # The names this document uses for it, when they differ from the entity's.
        others = tuple(sorted({s.quote for s in spans} - {name}))
        suggested = any(s.status == "suggested" for s in spans)
        shape = (key, name, others, len(spans), suggested)
        row = self._rows.get(shape)
        if row is None:
            line = Text("  ")
            line.append_text(safe(name))
            if others:
                line.append_text(safe(f" ({', '.join(others)})", "dim"))
            line.append(f" ×{len(spans)}", style="dim")
            if suggested:
                line.append(" ·", style="dim")
            row = Option(line, id=key)
        rows[shape] = row
        return row

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        starts = self._mentions.get(key)
        if starts:
            visit = self._visits.get(key, -1) + 1
            self._visits[key] = visit
            self.post_message(self.Chosen(starts[visit % len(starts)]))
