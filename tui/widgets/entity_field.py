"""A form field holding one entity, or none, chosen in the picker that filters as you type:
space opens it, and typing opens it with what was typed (a long list is never walked with down)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from talent.model import Entity
from tui import keymap
from tui.safe import safe
from tui.screens.entity_picker import EntityPicker, Picked


class EntityField(Static, can_focus=True):
    """The chosen entity's name (or the none label); `value` is its id, or None."""

    BINDINGS = keymap.ENTITY_FIELD

    def __init__(
        self, entities: list[Entity], value: str | None, none_label: str, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._entities = {entity.id: entity for entity in entities}
        self._none_label = none_label
        self.value = value if value in self._entities else None

    def render(self) -> Text:
        entity = self._entities.get(self.value or "")
        shown = safe(entity.name) if entity else Text(self._none_label, style="italic")
        return shown.append("   space or type to find", style="dim")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isprintable() and event.character != " ":
            event.stop()
            self.action_choose(event.character)

    def action_choose(self, typed: str = "") -> None:
        label = next(iter(self._entities.values())).label if self._entities else "PERSON"
        picker = EntityPicker(
            "Choose one (type to filter)",
            label,
            [(entity, 0, True) for entity in self._entities.values()],
            allow_new=False,
            initial=typed,
            none_label=self._none_label,
        )
        self.app.push_screen(picker, self._chosen)

    def _chosen(self, picked: Picked | None) -> None:
        if picked is not None:
            self.value = picked.entity_id
            self.refresh()
