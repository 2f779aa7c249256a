"""The flows screen: who moved from where to where, for how much, according to whom. The moves
as a table (sortable, filtered as you type), organizations pair by pair, a person's timeline and
a matrix of flows; enter opens a row's evidence in an article pane."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input, Label, Static

from talent.flows import (
    Evidence,
    LinkFact,
    Move,
    filter_moves,
    flow_matrix,
    pair_summaries,
    timeline,
)
from talent.values import format_money
from tui import keymap
from tui.safe import safe
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.reader.protocol import Reader
from tui.widgets.footer import fit_footer
from tui.widgets.row_table import Column, RowTable
from tui.widgets.safe_input import SafeInput

MATRIX_CELL = 9  # columns per organization in the chart

MOVE_COLUMNS = [
    Column("person", 16),
    Column("from", 12),
    Column("to", 12),
    Column("date", 10),
    Column("pay"),
    Column("⚠", 2),
    Column("article"),
]
PAIR_COLUMNS = [
    Column("from"),
    Column("to"),
    Column("people", 6, "right"),
    Column("paid", 4, "right"),
    Column("sum", 10, "right"),
    Column("median", 10, "right"),
]
TIMELINE_COLUMNS = [
    Column("date", 10),
    Column("relation", 11),
    Column("organization", 14),
    Column("amount", 9),
    Column("note"),
    Column("article"),
]


def _amount(move: Move) -> float:
    return (move.total or {}).get("amount") or -1


# What each column of the moves table sorts by.
MOVE_SORTS: list[Callable[[Move], object]] = [
    lambda m: m.person_name.casefold(),
    lambda m: m.origin_name.casefold(),
    lambda m: m.destination_name.casefold(),
    lambda m: m.date or "9999",
    _amount,
    lambda m: len(m.conflicts),
    lambda m: m.evidence[0].title if m.evidence else "",
]


def move_cells(move: Move) -> tuple[str, ...]:
    """A move as the table's cells."""
    return (
        move.person_name,
        move.origin_name,
        move.destination_name,
        move.date or "",
        move.pay_text(),
        str(len(move.conflicts)) if move.conflicts else "",
        move.article_titles(),
    )


@dataclass(frozen=True)
class FlowsState:
    """What the screen was showing, restored when it opens again."""

    query: str = ""
    view: str = "moves"
    sort: int = 3  # by date
    descending: bool = False


@dataclass(frozen=True)
class FlowsClosed:
    """The screen closed: what it showed, and the evidence to open in an article pane, if any."""

    state: FlowsState
    evidence: Evidence | None = None


class FlowsScreen(Screen[FlowsClosed]):
    """The moves and their views; dismisses with its state and the evidence to open."""

    BINDINGS = keymap.FLOWS

    def __init__(
        self,
        load: Callable[[], tuple[list[LinkFact], list[Move]]],
        sentence: Callable[[Evidence], str],
        state: FlowsState,
    ) -> None:
        super().__init__()
        self._load = load
        # Each evidence's sentence read once: the detail line shows one on every cursor move,
        # and reading it means reading its whole article.
        self._sentence = cache(sentence)
        self.state = state
        self.facts: list[LinkFact] = []
        self.moves: list[Move] = []
        self.sorted: list[Move] = []  # every move, in the chosen order
        self.shown: list[Move] = []  # those the filter keeps
        self._pairs: list = []
        self._timeline: list[LinkFact] = []

    def compose(self) -> ComposeResult:
        yield SafeInput(
            value=self.state.query,
            placeholder="/ filter: words of a person, organization or date (openai meta 2025)",
            id="flows-filter",
            compact=True,
        )
        yield Label("reading the links…", id="flows-title")
        with ContentSwitcher(initial=self.state.view, id="flows-views"):
            yield RowTable(MOVE_COLUMNS, id="moves")
            yield RowTable(PAIR_COLUMNS, id="pairs")
            yield RowTable(TIMELINE_COLUMNS, id="timeline")
            yield Static(id="chart")
        yield Static(id="flows-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#moves", RowTable).focus()
        self.read_links()

    def on_resize(self, event: Resize) -> None:
        fit_footer(self.query_one(Footer), event.size.width)
        if self.state.view == "chart":
            self._draw_chart()

    @work(thread=True, exclusive=True)
    def read_links(self) -> None:
        # Usually derived already; if not, the screen answers keys while it is.
        facts, moves = self._load()
        self.app.call_from_thread(self._show_links, facts, moves)

    def _show_links(self, facts: list[LinkFact], moves: list[Move]) -> None:
        self.facts = facts
        self.moves = moves
        self._sort()
        self.action_view(self.state.view)

    # -- filtering, sorting ------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        before = self.state.query
        self.state = replace(self.state, query=event.value)
        if not self.moves:
            return  # still reading, or nothing to filter
        # A longer query only narrows: filter what is shown rather than every move.
        narrower = event.value.casefold().startswith(before.casefold()) and before.strip()
        self._apply(self.shown if narrower else self.sorted)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._focus_view()

    def _sort(self) -> None:
        """Order every move by the chosen column, then filter them."""
        key = MOVE_SORTS[self.state.sort]
        self.sorted = sorted(self.moves, key=key, reverse=self.state.descending)
        self._apply(self.sorted)

    def _apply(self, moves: list[Move]) -> None:
        """Show the moves (of `moves`, in their order) that the filter keeps; the view on screen
        follows, the others are made when shown."""
        found = filter_moves(moves, self.state.query)
        self.shown = found
        self.query_one("#moves", RowTable).set_rows(
            len(found), lambda i: move_cells(found[i]), lambda i: bool(found[i].conflicts)
        )
        self._fill(self.state.view)
        people = len({m.person for m in found})
        order = f"sorted by {MOVE_COLUMNS[self.state.sort].title}"
        self.query_one("#flows-title", Label).update(
            f"{len(found)} move(s) of {people} person(s) among {len(self.moves)}; {order}"
            + (" (descending)" if self.state.descending else "")
        )

    def _fill(self, view: str) -> None:
        """Make a view other than the moves table from the moves shown."""
        if view == "pairs":
            self._pairs = pair_summaries(self.shown)
            self.query_one("#pairs", RowTable).set_list(
                [
                    (
                        p.origin_name,
                        p.destination_name,
                        str(p.people),
                        str(p.paid),
                        format_money(p.total) if p.total else "",
                        format_money(p.median) if p.median else "",
                    )
                    for p in self._pairs
                ]
            )
        elif view == "chart":
            self._draw_chart()
        elif view == "timeline":
            self._fill_timeline()

    def action_sort(self, step: int) -> None:
        self.state = replace(self.state, sort=(self.state.sort + step) % len(MOVE_SORTS))
        self._sort()

    def action_reverse(self) -> None:
        self.state = replace(self.state, descending=not self.state.descending)
        self._sort()

    def action_filter(self) -> None:
        self.query_one("#flows-filter", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#flows-filter", Input).has_focus:
            self._focus_view()
        else:
            self.dismiss(FlowsClosed(self.state))

    # -- views -------------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        self.state = replace(self.state, view=view)
        self._fill(view)
        self.query_one(ContentSwitcher).current = view
        self._focus_view()
        self._describe()

    def _focus_view(self) -> None:
        current = self.query_one(ContentSwitcher).current
        if current in ("moves", "pairs", "timeline"):
            self.query_one(f"#{current}", RowTable).focus()
        else:
            self.query_one("#flows-views").focus()

    def _highlighted_move(self) -> Move | None:
        cursor = self.query_one("#moves", RowTable).cursor
        return self.shown[cursor] if cursor < len(self.shown) else None

    def _fill_timeline(self) -> None:
        move = self._highlighted_move()
        self._timeline = timeline(self.facts, move.person) if move else []
        self.query_one("#timeline", RowTable).set_list(
            [
                (
                    f.date or "",
                    f.relation,
                    f.org_name,
                    format_money(f.amount) if f.amount else "",
                    f.note,
                    f.evidence.title,
                )
                for f in self._timeline
            ]
        )

    def _draw_chart(self) -> None:
        width = self.size.width or 80
        limit = max(2, min(8, (width - 14) // MATRIX_CELL))
        origins, destinations, counts = flow_matrix(self.shown, limit)
        chart = Table(box=None, pad_edge=False)
        chart.add_column("from \\ to", no_wrap=True, max_width=12)
        for name in destinations:
            chart.add_column(safe(name), justify="right", max_width=MATRIX_CELL - 1, no_wrap=True)
        top = max(counts.values(), default=1)
        for origin in origins:
            cells = []
            for destination in destinations:
                n = counts.get((origin, destination), 0)
                # Darker the more people: the busiest flows stand out at a glance.
                shade = "bold reverse" if n and n * 2 >= top else "bold" if n else "dim"
                cells.append(Text(str(n) if n else "·", style=shade))
            chart.add_row(safe(origin), *cells)
        self.query_one("#chart", Static).update(chart)

    # -- detail and drill-down -----------------------------------------------------------------

    def on_row_table_highlighted(self, event: RowTable.Highlighted) -> None:
        self._describe()

    def _describe(self) -> None:
        """The detail line under the view: the highlighted move's pay, conflicts and evidence."""
        detail = self.query_one("#flows-detail", Static)
        move = self._highlighted_move()
        if self.state.view != "moves" or move is None:
            detail.update(self._view_hint())
            return
        aliases = [a for a in move.person_aliases if a != move.person_name]
        text = Text.assemble(safe(move.person_name, "bold"))
        if aliases:
            text.append_text(safe(f" ({', '.join(aliases)})", "dim"))
        text.append_text(safe(f"  {move.origin_name} → {move.destination_name}"))
        if move.pay:
            text.append_text(safe(f"  {move.pay_text()}", "green"))
        for conflict in move.conflicts:
            text.append("\n")
            text.append_text(safe(f"⚠ {conflict}", "bold red"))
        if move.evidence:
            first = move.evidence[0]
            more = f" (and {len(move.evidence) - 1} more)" if len(move.evidence) > 1 else ""
            text.append("\n")
            text.append_text(safe(f"«{first.title}»{more}: {self._sentence(first)}", "italic"))
        detail.update(text)

    def _view_hint(self) -> Text:
        return Text(
            {
                "moves": "No moves: link people to organizations (L) with left, formerly_at and "
                "joined.",
                "pairs": "enter shows the moves of a pair",
                "timeline": "the links of the person highlighted in Moves, in date order; enter "
                "opens one",
                "chart": "people who moved from the row's organization to the column's, the "
                "busiest organizations; / narrows the moves counted",
            }[self.state.view],
            style="dim",
        )

    def on_row_table_chosen(self, event: RowTable.Chosen) -> None:
        view = event.table.id
        if view == "moves" and event.index < len(self.shown):
            self._open(self.shown[event.index].evidence)
        elif view == "timeline" and event.index < len(self._timeline):
            self._open([self._timeline[event.index].evidence])
        elif view == "pairs" and event.index < len(self._pairs):
            pair = self._pairs[event.index]
            words = [n for n in (pair.origin_name, pair.destination_name) if n != "?"]
            self.query_one("#flows-filter", Input).value = " ".join(words)
            self.action_view("moves")

    def _open(self, evidence: list[Evidence]) -> None:
        if len(evidence) == 1:
            self.dismiss(FlowsClosed(self.state, evidence[0]))
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self.dismiss(FlowsClosed(self.state, evidence[index]))

        lines = [
            Text.assemble(safe(f"«{e.title}»"), "\n  ", safe(self._sentence(e))) for e in evidence
        ]
        prompt = "Read in these places; enter opens one, escape goes back."
        self.app.push_screen(ChoiceScreen(prompt, lines), chosen)


def open_flows(reader: Reader) -> None:
    """The flows screen, as it was left; a row's evidence opens in an article pane."""
    from store.flows import evidence_sentence

    app = reader.app

    def closed(result: FlowsClosed | None) -> None:
        if result is None:
            return
        reader.flows_state = result.state
        evidence = result.evidence
        if evidence is not None:
            start, end, _ = evidence_sentence(app.db, evidence)
            reader.show_at(
                evidence.document_id,
                start,
                f"evidence in «{evidence.title}»; F goes back to the flows",
                mark=(start, end),
            )

    state = reader.flows_state or FlowsState()
    screen = FlowsScreen(app.flows.get, lambda e: evidence_sentence(app.db, e)[2], state)
    app.push_screen(screen, closed)
