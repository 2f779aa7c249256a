"""The help screen: every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import keymap
from tui.user_keymap import shown_path

ALSO = [
    ("ctrl+p", "command palette: open a document in this pane, by title (fuzzy)"),
    ("ctrl+q", "quit"),
]


KEY_WIDTH, ID_WIDTH = 12, 26  # the same in every group, so the columns line up


def key_tables(groups: dict[str, list[Binding]], keys_in_force: dict[str, str]) -> Group:
    """Under each group's title, its keys (as the user's keymap left them), what they do, and
    their ids (what keymap.toml names)."""
    parts: list[RenderableType] = []
    for title, bindings in groups.items():
        rows = []
        for binding in bindings:
            keys = keys_in_force.get(binding.id, binding.key)
            # The tooltip is the long form; the description is sized for the footer.
            rows.append((_shown(keys), binding.tooltip or binding.description, binding.id))
        parts += [Text(title, style="underline"), _table(rows), Text()]
    parts += [Text("anywhere", style="underline"), _table([(k, d, "") for k, d in ALSO])]
    return Group(*parts)


def _table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", width=KEY_WIDTH)
    table.add_column("action", ratio=1)
    table.add_column("id", style="dim", width=ID_WIDTH, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _shown(keys: str) -> str:
    """Keys as printed on a keyboard: `<` for less_than_sign, PgUp for pageup."""
    names = {"pageup": "PgUp", "pagedown": "PgDn", "slash": "/"}
    shown = []
    for one_key in keys.split(","):
        character = key_to_character(one_key) if one_key not in names else None
        printable = character is not None and character.isprintable() and character != " "
        shown.append(names.get(one_key) or (character if printable else one_key))
    return " ".join(shown)


class HelpScreen(ModalScreen[None]):
    """All keys; any of escape, q or ? closes it."""

    BINDINGS = keymap.HELP

    def __init__(self, groups: dict[str, list[Binding]], keys_in_force: dict[str, str]) -> None:
        super().__init__()
        self._groups = groups
        self._keys_in_force = keys_in_force

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(
                f"talent-tui keys  (escape closes; change one by its id in {shown_path()})",
                id="help-title",
                markup=False,
            )
            yield Static(key_tables(self._groups, self._keys_in_force))
