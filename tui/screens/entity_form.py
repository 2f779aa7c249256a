"""The entity form: rename an entity, edit its aliases, or merge it into another. Enter saves."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label

from talent.model import Entity
from tui.screens.form import FormError, FormScreen
from tui.widgets.entity_field import EntityField
from tui.widgets.safe_input import SafeInput


@dataclass(frozen=True)
class EntityInput:
    """The new name and aliases, and the entity to merge into (if any)."""

    name: str
    aliases: list[str]
    merge_into: str | None


class EntityForm(FormScreen[EntityInput | None]):
    """Edit one canonical entity."""

    def __init__(self, entity: Entity, others: list[Entity]) -> None:
        super().__init__()
        self.TITLE_TEXT = f"{entity.label} entity {entity.id}"
        self._entity = entity
        self._others = others

    def compose_fields(self) -> ComposeResult:
        yield Label("name")
        yield SafeInput(value=self._entity.name, id="name", compact=True)
        yield Label("aliases, separated by |")
        yield SafeInput(value=" | ".join(self._entity.aliases), id="aliases", compact=True)
        yield Label("merge into (its mentions, claims and links move there)")
        yield EntityField(self._others, None, "(keep separate)", id="merge")

    def build_result(self) -> EntityInput:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            raise FormError("an entity needs a name")
        aliases = [a.strip() for a in self.query_one("#aliases", Input).value.split("|")]
        merge = self.query_one("#merge", EntityField).value
        return EntityInput(name, [a for a in aliases if a], merge)
