"""The entity picker: type to filter (fuzzy, either script, aliases too), the entities of this
document first; the last row creates a new entity from what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from talent.model import Entity
from tui import keymap
from tui.safe import safe
from tui.screens.form import after_typed_keys
from tui.widgets.safe_input import SafeInput


@dataclass(frozen=True)
class Picked:
    """The chosen entity, or the name of one to create."""

    entity_id: str | None = None
    new_name: str | None = None


class EntityPicker(ModalScreen[Picked | None]):
    """Choose an entity of one label (or `none`, where allowed)."""

    BINDINGS = keymap.PICKER

    def __init__(
        self,
        title: str,
        label: str,
        entities: list[tuple[Entity, int, bool]],
        allow_new: bool = True,
        initial: str = "",
        none_label: str | None = None,
    ) -> None:
        super().__init__()
        # A first choice of no entity at all ("(nobody named)"), where a form allows none.
        self._none_label = none_label
        self._title = title
        self._label = label
        # (entity, mentions, in this document): this document's first, then by mentions.
        self._entities = sorted(entities, key=lambda item: (not item[2], -item[1], item[0].name))
        self._allow_new = allow_new
        self._initial = initial
        self._filled_for: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="form picker"):
            yield Label(safe(self._title), classes="form-title")
            yield SafeInput(
                value=self._initial, placeholder="type to filter", id="picker-input", compact=True
            )
            yield OptionList(id="picker-options")
            yield Label("enter chooses · ↑↓ move · escape cancels", classes="form-hint")

    def on_mount(self) -> None:
        self._fill(self._initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        self._filled_for = query
        options = self.query_one(OptionList)
        options.clear_options()
        matcher = Matcher(query) if query.strip() else None
        scored = []
        for entity, mentions, here in self._entities:
            score = 1.0
            if matcher:
                score = max(matcher.match(alias) for alias in (entity.name, *entity.aliases))
                if score <= 0:
                    continue
            scored.append((score, entity, mentions, here))
        name = query.strip()
        # What the user typed, when an entity goes by exactly that name, wins over any fuzzy
        # match; when none does, the new entity of that name is the first choice.
        exact = name.casefold()
        named = [
            item
            for item in scored
            if exact in {a.casefold() for a in (item[1].name, *item[1].aliases)}
        ]
        if matcher:
            scored.sort(key=lambda item: (item not in named, -item[0], not item[3]))
        if self._none_label and not name:
            options.add_option(Option(Text(self._none_label, style="italic"), id="none"))
        if self._allow_new and name and not named:
            options.add_option(
                Option(Text.assemble("+ new ", self._label, " ", safe(name)), id="new")
            )
        for _, entity, mentions, here in scored:
            line = Text.assemble(safe(entity.name, "bold"))
            others = [a for a in entity.aliases if a != entity.name]
            if others:
                line.append_text(safe(f"  ({', '.join(others)})", "dim"))
            line.append(f"  ×{mentions}" + ("  · this document" if here else ""), style="dim")
            # A name not yet tied to an entity is chosen by its text.
            key = f"id:{entity.id}" if entity.id else f"name:{entity.name}"
            options.add_option(Option(line, id=key))
        if options.option_count:
            options.highlighted = 0

    def _catch_up(self) -> None:
        # The Input.Changed of the last keys may still be queued.
        typed = self.query_one(Input).value
        if typed != self._filled_for:
            self._fill(typed)

    def action_cursor(self, step: int) -> None:
        after_typed_keys(self, lambda: self._move(step))

    def _move(self, step: int) -> None:
        self._catch_up()
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = (current + step) % options.option_count

    def action_choose(self) -> None:
        after_typed_keys(self, self._choose)

    def _choose(self) -> None:
        if not self.is_active:
            return
        self._catch_up()
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        chosen = options.get_option_at_index(options.highlighted).id or ""
        if chosen == "none":
            self.dismiss(Picked())
        elif chosen == "new":
            self.dismiss(Picked(new_name=self.query_one(Input).value.strip()))
        elif chosen.startswith("name:"):
            self.dismiss(Picked(new_name=chosen.removeprefix("name:")))
        else:
            self.dismiss(Picked(entity_id=chosen.removeprefix("id:")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose()
