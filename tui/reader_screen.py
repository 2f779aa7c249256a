"""The main screen: two article panes side by side (stacked when narrow), the entity panel,
and the keys that move between documents and panes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

from tui.article_pane import ArticlePane
from tui.article_view import ArticleView
from tui.entity_panel import EntityPanel

NARROW_BELOW = 100  # columns: below this the panes stack


class ReaderScreen(Screen):
    """Two documents, one focused; the panel follows the focused one."""

    BINDINGS = [
        Binding(
            "tab,shift+tab", "switch_pane", "Pane", priority=True, tooltip="Focus the other pane"
        ),
        Binding("left_square_bracket", "cycle_document(-1)", "Previous document", show=False),
        Binding(
            "right_square_bracket",
            "cycle_document(1)",
            "Doc",
            key_display="[ ]",
            tooltip="Next document",
        ),
        Binding("s", "toggle_sync", "Sync scroll", show=False),
        Binding("slash", "search", "Search"),
        Binding("o", "toggle_panel", "Panel", tooltip="Show or hide the entity panel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.synchronised = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticlePane(id="left")
            yield ArticlePane(id="right")
        yield EntityPanel(id="panel")
        yield Footer()

    @property
    def panes(self) -> tuple[ArticlePane, ArticlePane]:
        """The left (or top) and right (or bottom) panes."""
        return self.query_one("#left", ArticlePane), self.query_one("#right", ArticlePane)

    @property
    def focused_pane(self) -> ArticlePane:
        """The pane whose view has focus (the left one if neither has)."""
        left, right = self.panes
        return right if right.view.has_focus else left

    def on_mount(self) -> None:
        # After the first layout, so the panes have their children and their width.
        self.call_after_refresh(self.app.start_reading)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")

    def action_switch_pane(self) -> None:
        left, right = self.panes
        (left if right.view.has_focus else right).view.focus()

    def action_cycle_document(self, step: int) -> None:
        self.app.cycle_document(self.focused_pane, step)

    def action_toggle_sync(self) -> None:
        self.synchronised = not self.synchronised
        self.notify(f"Synchronised scrolling {'on' if self.synchronised else 'off'}", timeout=2)

    def action_search(self) -> None:
        self.app.open_search()

    def action_toggle_panel(self) -> None:
        self.toggle_class("panel-toggled")

    def refresh_panel(self) -> None:
        """Show the focused document's entities in the panel."""
        self.query_one(EntityPanel).show(self.focused_pane.view)

    def on_descendant_focus(self) -> None:
        self.refresh_panel()

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        if not self.synchronised or not message.view.has_focus:
            return
        left, right = self.panes
        other = right.view if message.view is left.view else left.view
        lines = len(other.layout_lines)
        other.scroll_to(y=round(message.fraction * max(lines - 1, 0)), animate=False)

    def on_entity_panel_chosen(self, message: EntityPanel.Chosen) -> None:
        view = self.focused_pane.view
        view.move_to(message.offset)
        view.focus()
