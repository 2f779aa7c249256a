"""A table that draws only the rows on screen, so tens of thousands of rows open, sort and filter
at once (Textual's DataTable measures every cell as it is added). Cells come from documents:
each is drawn through `safe`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import keymap
from tui.safe import safe

GAP = 1  # columns between cells


@dataclass(frozen=True)
class Column:
    """A column: its title, and its width in cells (None: a share of what is left)."""

    title: str
    width: int | None = None
    justify: str = "left"


class RowTable(ScrollView, can_focus=True):
    """Rows of text cells under a fixed header row, with a cursor row."""

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--flagged"}
    BINDINGS = keymap.ROWS

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: RowTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    class Chosen(Highlighted):
        """Enter on a row."""

    def __init__(self, columns: list[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns
        self.count = 0
        self._cells: Callable[[int], tuple[str, ...]] = lambda index: ()
        self._flagged: Callable[[int], bool] = lambda index: False
        self._keys: list[str] = []
        self.cursor = 0

    def set_rows(
        self,
        count: int,
        cells: Callable[[int], tuple[str, ...]],
        flagged: Callable[[int], bool] | None = None,
    ) -> None:
        """Show `count` rows (cursor back at the top), each row's cells made by `cells(index)`
        only when it is drawn; `flagged` rows are drawn as warnings."""
        self.count = count
        self._cells = cells
        self._flagged = flagged or (lambda index: False)
        self.cursor = 0
        self.virtual_size = Size(self.size.width, count + 1)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, 0))

    def set_list(self, rows: list[tuple[str, ...]], keys: list[str] | None = None) -> None:
        """Show rows already made. With `keys` (a row's identity each), the cursor stays on the
        row it was on, when that row is still there: for tables read again while in use."""
        chosen = self._keys[self.cursor] if self._keys and self.cursor < len(self._keys) else None
        self.set_rows(len(rows), rows.__getitem__)
        self._keys = keys or []
        if chosen is not None and chosen in self._keys:
            self.move_to(self._keys.index(chosen))

    def row(self, index: int) -> tuple[str, ...]:
        """The cells of one row."""
        return self._cells(index)

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """Every row's cells (for a short table; a long one makes them as it draws)."""
        return [self._cells(index) for index in range(self.count)]

    # -- drawing ---------------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width for c in self.columns if c.width) + GAP * (len(self.columns) - 1)
        flexible = [c for c in self.columns if not c.width]
        share = max(width - fixed, 0) // max(len(flexible), 1)
        return [c.width or max(share, 4) for c in self.columns]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            cells = [Text(c.title) for c in self.columns]
            return self._strip(cells, width, self.get_component_rich_style("row-table--header"))
        index = self.scroll_offset.y + y - 1
        if index >= self.count:
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if self._flagged(index):
            style += self.get_component_rich_style("row-table--flagged", partial=True)
        if index == self.cursor and self.has_focus:
            style += self.get_component_rich_style("row-table--cursor", partial=True)
        return self._strip([safe(cell) for cell in self._cells(index)], width, style)

    def _strip(self, cells: list[Text], width: int, style: Style) -> Strip:
        segments: list[Segment] = []
        for number, (cell, column, cell_width) in enumerate(
            zip(cells, self.columns, self._widths(width), strict=True)
        ):
            cell.truncate(cell_width, overflow="ellipsis", pad=column.justify != "right")
            if column.justify == "right":
                cell.pad_left(cell_width - cell.cell_len)
            if number:
                segments.append(Segment(" " * GAP, style))
            segments.extend(
                Segment(segment.text, style + segment.style if segment.style else style)
                for segment in cell.render(self.app.console)
            )
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving ----------------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        """Put the cursor on a row and scroll it into view."""
        if not self.count:
            return
        self.cursor = min(max(index, 0), self.count - 1)
        top, height = round(self.scroll_offset.y), self.scrollable_content_region.height - 1
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height > 0 and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.cursor))

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        self.move_to(self.cursor + delta * max(self.scrollable_content_region.height - 2, 1))

    def action_edge(self, end: int) -> None:
        self.move_to(self.count - 1 if end else 0)

    def action_choose(self) -> None:
        if self.count:
            self.post_message(self.Chosen(self, self.cursor))
