"""The main screen: two article panes side by side (stacked when narrow), the side panel of
entities, claims and links, a status line, and the keys that work across panes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from importlib import import_module

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.worker import Worker

from tui import keymap
from tui.safe import safe
from tui.screens.reader.annotator import Annotator
from tui.screens.reader.documents import ReaderDocuments
from tui.widgets.article_pane import ArticlePane
from tui.widgets.article_view import ArticleView
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.empty_state import empty_database_text, empty_queue_text
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.footer import fit_footer
from tui.widgets.legend import legend
from tui.widgets.links_panel import LinksPanel

# The dialogs the reader's keys open (`open('flows')`), each by the function that opens it.
DIALOGS = {
    "orphans": "tui.screens.orphans_screen:open_orphans",
    "identities": "tui.screens.identity_screen:open_identities",
    "flows": "tui.screens.flows_screen:open_flows",
    "adjudication": "tui.screens.adjudication_screen:open_adjudication",
    "agreement": "tui.screens.agreement_screen:open_agreement",
    "export": "tui.screens.export_form:open_export",
    "search": "tui.screens.search_screen:open_search",
    "team": "tui.screens.team_screen:open_team",
}
PANEL_DELAY = 0.4  # seconds: a burst of keys redraws the panel once, after the last


class ReaderScreen(ReaderDocuments, Screen):
    """Two documents, one focused; the panel and status line follow the focused one."""

    BINDINGS = keymap.READER

    def __init__(self) -> None:
        super().__init__()
        self.synchronised = False
        self.annotator = Annotator(self)
        self._panel_timer = None
        self._last_view: ArticleView | None = None
        self._key_context: bool | None = None
        self._legend: Text | None = None
        self._annotators: dict[str, list[str]] = {}
        self.flows_state = None  # what the flows screen left, for when F opens it again

    def compose(self) -> ComposeResult:
        yield Static(id="empty")
        # The panes and the panel share the rows above the status line and the footer, which
        # keep the whole width.
        with Horizontal(id="body"):
            with Horizontal(id="panes"):
                yield ArticlePane(id="left")
                yield ArticlePane(id="right")
            with Vertical(id="panel"):
                yield Static(id="legend")
                yield EntityPanel(id="entity-list")
                yield ClaimsPanel(id="claim-list")
                yield LinksPanel(id="link-list")
        yield Static(id="status")
        yield Footer()

    @property
    def panes(self) -> tuple[ArticlePane, ArticlePane]:
        """The left (or top) and right (or bottom) panes."""
        return self.query_one("#left", ArticlePane), self.query_one("#right", ArticlePane)

    @property
    def focused_pane(self) -> ArticlePane:
        """The pane whose view has focus, else the one focused last (the left one at first)."""
        left, right = self.panes
        if right.view.has_focus or (not left.view.has_focus and self._last_view is right.view):
            return right
        return left

    def on_mount(self) -> None:
        self.panes[0].add_class("current")  # read first; moves with the focus
        # After the first layout, so the panes have their children and their width.
        self.call_after_refresh(self.start_reading)

    def on_resize(self, event: Resize) -> None:
        self.set_class(fit_footer(self.query_one(Footer), event.size.width), "narrow")

    def _focus_order(self) -> list[Widget]:
        left, right = self.panes
        order: list[Widget] = [left.view, right.view]
        order += [w for w in self.query("#panel OptionList") if w.display and w.parent.display]
        return order

    @property
    def is_empty(self) -> bool:
        """Whether the database has no documents (the screen says how to add some)."""
        return self.has_class("empty")

    def show_empty(self, empty: bool) -> None:
        """Show the hint for an empty database instead of the panes, or the panes again."""
        if empty:
            app = self.app
            hint = (
                empty_queue_text(app.annotator) if app.queued else empty_database_text(app.db_path)
            )
            self.query_one("#empty", Static).update(hint)
        self.set_class(empty, "empty")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On an empty database only adding documents makes sense; elsewhere that key is unused.
        if (action == "add_seeds") != (self.is_empty and not self.app.queued):
            return False
        dialog = parameters[0] if action == "open" and parameters else None
        if dialog == "team":  # a manager's, in a shared database
            user = self.app.user
            return user is not None and user.role == "manager"
        if dialog == "orphans":
            return self.focused_pane.version.orphans > 0
        if dialog == "adjudication":
            # In a team database only: where two annotators worked on this document.
            document = self.focused_pane.view.document
            return document is not None and len(self.annotators_of(document.id)) >= 2
        return True

    def action_open(self, dialog: str) -> None:
        """Open a dialog over the reader: it is imported on first use, so the first paint does
        not wait for the screens a session may never open."""
        module, opener = DIALOGS[dialog].split(":")
        getattr(import_module(module), opener)(self)

    def action_cycle_focus(self, step: int) -> None:
        order = self._focus_order()
        current = self.focused
        index = order.index(current) if current in order else -1
        order[(index + step) % len(order)].focus()

    def action_undo(self) -> None:
        self.annotator.undo()

    def action_redo(self) -> None:
        self.annotator.undo(forward=True)

    def action_review_state(self) -> None:
        self.annotator.cycle_review_state(self.focused_pane.view)

    def action_toggle_sync(self) -> None:
        self.synchronised = not self.synchronised
        for pane in self.panes:
            pane.update_header()
        self.show_status(f"synchronised scrolling {'on' if self.synchronised else 'off'}")

    def action_toggle_panel(self) -> None:
        self.toggle_class("panel-toggled")

    # -- status line and panel ---------------------------------------------------------------

    @property
    def last_message(self) -> str:
        """The last thing saved or refused, as shown on the status line."""
        message = getattr(self, "_message", None)
        return message.plain if message else ""

    def show_status(self, message: str = "", error: bool = False) -> None:
        """What the cursor is on, and the last thing saved (or refused)."""
        if message:
            self._message = Text.assemble(safe(message, "bold red" if error else "green"))
        view = self.focused_pane.view
        line = Text(no_wrap=True, overflow="ellipsis")
        if self.app.read_only:
            line.append(" read-only ", style="bold reverse")
            line.append(" ")
        # What was just saved comes first: it is what the user is waiting to read.
        if getattr(self, "_message", None):
            line.append_text(self._message)
            line.append("  │  ", style="dim")
        line.append_text(self._cursor_description(view))
        # One fixed row: no layout pass on every key.
        self.query_one("#status", Static).update(line, layout=False)

    def _cursor_description(self, view: ArticleView) -> Text:
        text = Text()
        selected = view.selection()
        if selected:
            text.append(f"selecting {selected[1] - selected[0]} character(s): 1-9 labels, c tags")
            return text
        span = view.span_at(view.cursor)
        if span:
            text.append(f"{span.label} ", style="bold")
            text.append(f"{span.status} · {span.origin}")
            entity = self.annotator.entities.get(span.entity)
            if entity:
                text.append(" · ")
                text.append_text(safe(f"{entity.name} ({entity.id})"))
        claim = view.marks.claim_at(view.cursor)
        if claim:
            text.append("  claim " if span else "claim ", style="bold")
            text.append(f"#{claim.id} {claim.category} · {claim.status}")
        return text

    def schedule_panel_refresh(self) -> None:
        """Redraw the panel soon: after a burst of keys it is redrawn once, in slices."""
        if self._panel_timer is not None:
            self._panel_timer.stop()
        self._panel_timer = self.set_timer(PANEL_DELAY, self.refresh_panel_in_slices)

    def refresh_panel(self) -> None:
        """Show the focused document's entities, claims and links in the panel, at once."""
        self.workers.cancel_group(self, "panel")  # a redraw in slices would show older rows
        for _ in self.panel_steps():
            pass

    def refresh_panel_in_slices(self) -> Worker:
        """The same a slice at a time, so a key pressed meanwhile is handled between slices; a
        newer redraw replaces this one."""

        async def in_slices() -> None:
            for _ in self.panel_steps():
                await asyncio.sleep(0)  # the event loop handles what came in meanwhile

        return self.run_worker(in_slices, group="panel", exclusive=True)

    def panel_steps(self) -> Iterator[None]:
        """The panel's redraw, pausing between slices of the entity list."""
        view = self.focused_pane.view
        drawn = legend(view)
        if drawn != self._legend:
            # The legend changes with the theme only; redrawing it costs a layout pass.
            self._legend = drawn
            self.query_one("#legend", Static).update(drawn)
        document = view.document
        if document is None:
            return
        entities = self.annotator.entities
        yield from self.query_one(EntityPanel).show_in_slices(document.title, view.marks, entities)
        self.query_one(ClaimsPanel).show(
            view.claims, self.annotator.claim_relations_of(document.id)
        )
        self.query_one(LinksPanel).show(self.annotator.links_of(document.id), entities)

    def on_descendant_focus(self) -> None:
        left, right = self.panes
        if self.focused in (left.view, right.view) and self.focused is not self._last_view:
            self._last_view = self.focused
            # The pane read last stays above the panel on a narrow screen (`o`).
            left.set_class(self.focused is left.view, "current")
            right.set_class(self.focused is right.view, "current")
            self.refresh_panel()
            self.show_status()
            self.refresh_bindings()  # keys that depend on the document, such as O

    # -- messages from the panes and panels --------------------------------------------------

    def on_article_view_intent(self, message: ArticleView.Intent) -> None:
        self.annotator.handle(message)

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        view = message.view
        if view is not self.focused_pane.view:
            return
        self.show_status()
        # The footer shows the keys that apply: re-check them only when that can change.
        context = view.has_selection_or_hits()
        if context != self._key_context:
            self._key_context = context
            view.refresh_bindings()

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        if not self.synchronised or not message.view.has_focus:
            return
        left, right = self.panes
        other = right.view if message.view is left.view else left.view
        lines = len(other.layout_lines)
        other.scroll_to(y=round(message.fraction * max(lines - 1, 0)), animate=False)

    def on_entity_panel_chosen(self, message: EntityPanel.Chosen) -> None:
        self.focused_pane.view.move_to(message.offset)

    def on_claims_panel_chosen(self, message: ClaimsPanel.Chosen) -> None:
        if message.delete:
            self.annotator.delete_claim(message.claim.id)
        else:
            self.focused_pane.view.move_to(message.claim.start)

    def on_links_panel_chosen(self, message: LinksPanel.Chosen) -> None:
        if message.delete:
            self.annotator.delete_link(message.link.id)
        else:
            self.annotator.edit_link(message.link)
