"""The reading pane: one document, drawn line by line (only the visible lines), with entity
highlights, claim marks in a gutter, a cursor and a selection. Text is never read as markup."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from talent.display import glyph
from talent.model import LABELS, Claim, Document, Span
from tui.wrap import Line, line_of, offset_at_column, text_width, wrap

GUTTER = 2  # a claim bar and a space
_WORD = re.compile(r"\w+", re.UNICODE)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class _Layout:
    """Display lines for one width, computed once and kept until the width changes."""

    width: int
    lines: list[Line]
    starts: list[int]


class ArticleView(ScrollView, can_focus=True):
    """One document with highlights. Moves a cursor; selection starts with `v`."""

    COMPONENT_CLASSES = {f"article--{label.lower()}" for label in LABELS} | {
        "article--suggested",
        "article--accepted",
        "article--rejected",
        "article--cursor",
        "article--selection",
        "article--claim",
        "article--found",
    }
    BINDINGS = [
        Binding("left,h", "move(-1)", "Left", show=False),
        Binding("right,l", "move(1)", "Right", show=False),
        Binding("up,k", "line(-1)", "Up", show=False),
        Binding("down,j", "line(1)", "Down", show=False),
        Binding("w", "word(1)", "Next word", show=False),
        Binding("b", "word(-1)", "Previous word", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("g", "edge(0)", "Top", show=False),
        Binding("G", "edge(1)", "Bottom", show=False),
        Binding("n", "entity(1)", "Entity", key_display="n/N", tooltip="Next entity"),
        Binding("N", "entity(-1)", "Previous entity", show=False),
        Binding("v", "select", "Select", show=False),
        Binding("escape", "drop_selection", "Drop selection", show=False),
    ]

    class CursorMoved(Message):
        """The cursor moved (the status line and panel follow it)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class Scrolled(Message):
        """The view scrolled (synchronised scrolling follows it)."""

        def __init__(self, view: ArticleView, fraction: float) -> None:
            super().__init__()
            self.view = view
            self.fraction = fraction

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.text = ""
        self.spans: list[Span] = []
        self._span_starts: list[int] = []
        self._longest_span = 0
        self._entities: list[Span] = []
        self._entity_starts: list[int] = []
        self.claims: list[Claim] = []
        self._claim_starts: list[int] = []
        self._longest_claim = 0
        self.found: tuple[int, int] | None = None
        self.cursor = 0
        self.anchor: int | None = None
        self._layout: _Layout | None = None
        self._styles: dict[tuple, Style] = {}
        # Rendered lines without cursor, selection or search mark: a key press repaints only
        # the lines it changes, and scrolling back reuses what was drawn.
        self._strips: dict[int, Strip] = {}

    # -- content -----------------------------------------------------------------------------

    def show(
        self, document: Document, spans: list[Span], claims: list[Claim], cursor: int = 0
    ) -> None:
        """Show a document with its spans and claims, the cursor at `cursor`."""
        self.document, self.text = document, document.text
        self._layout = None
        self.anchor, self.found = None, None
        self.set_annotations(spans, claims)
        self.cursor = min(max(cursor, 0), len(self.text))
        self._relayout()
        self.scroll_to(0, 0, animate=False)
        self._follow_cursor()

    def set_annotations(self, spans: list[Span], claims: list[Claim]) -> None:
        """Replace the spans and claims drawn (after an edit or new suggestions)."""
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._span_starts = [s.start for s in self.spans]
        self._longest_span = max((s.end - s.start for s in self.spans), default=0)
        # n / N walk these: every span but the rejected ones.
        self._entities = [s for s in self.spans if s.status != "rejected"]
        self._entity_starts = [s.start for s in self._entities]
        self.claims = sorted(claims, key=lambda c: c.start)
        self._claim_starts = [c.start for c in self.claims]
        self._longest_claim = max((c.end - c.start for c in self.claims), default=0)
        self._strips.clear()
        self.refresh()

    def span_at(self, offset: int) -> Span | None:
        """The span under an offset (the innermost, if spans nest)."""
        under = self._spans_between(offset, offset + 1)
        return min(under, key=lambda s: s.end - s.start) if under else None

    def selection(self) -> tuple[int, int] | None:
        """The selected range, end exclusive, or None."""
        if self.anchor is None:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor) + 1

    # -- layout ------------------------------------------------------------------------------

    @property
    def layout_lines(self) -> list[Line]:
        """The display lines at the current width."""
        return self._relayout().lines

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 10)

    def _relayout(self) -> _Layout:
        width = self._text_width()
        if self._layout is None or self._layout.width != width:
            lines = wrap(self.text, width) if self.document else []
            self._layout = _Layout(width, lines, [start for start, _ in lines])
            self._strips.clear()
            self.virtual_size = Size(width + GUTTER, len(lines))
        return self._layout

    def on_resize(self) -> None:
        self._relayout()
        self._follow_cursor()

    # -- drawing -----------------------------------------------------------------------------

    def _style(self, *names: str) -> Style:
        if names not in self._styles:
            style = self.rich_style
            for name in names:
                style += self.get_component_rich_style(name, partial=True)
            self._styles[names] = style
        return self._styles[names]

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._strips.clear()
        super().notify_style_update()

    def _spans_between(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end); spans are short, so look back only that far."""
        first = bisect_left(self._span_starts, start - self._longest_span)
        last = bisect_left(self._span_starts, end)
        return [s for s in self.spans[first:last] if s.end > start]

    def _claim_over(self, start: int, end: int) -> bool:
        first = bisect_left(self._claim_starts, start - self._longest_claim)
        last = bisect_right(self._claim_starts, max(end - 1, start))
        return any(c.end > start for c in self.claims[first:last])

    def _overlay_range(self) -> tuple[int, int]:
        """Offsets that cursor, selection and search mark cover (drawn fresh, never cached)."""
        low = high = self.cursor
        for marked in (self.selection(), self.found):
            if marked:
                low, high = min(low, marked[0]), max(high, marked[1])
        return low, high

    def render_line(self, y: int) -> Strip:
        layout = self._relayout()
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(layout.lines):
            return Strip.blank(width, self.rich_style)
        return self._line_strip(index, layout.lines[index], width)

    def _line_strip(self, index: int, line: Line, width: int) -> Strip:
        """A display line's strip, from the cache when no cursor or mark is on it."""
        start, end = line
        low, high = self._overlay_range()
        plain = high < start or low > end
        if plain and index in self._strips:
            return self._strips[index]
        strip = self._render_text_line(start, end, width)
        if plain:
            self._strips[index] = strip
        return strip

    def _render_text_line(self, start: int, end: int, width: int) -> Strip:
        base = self.rich_style
        names: list[tuple[str, ...]] = [()] * (end - start)
        for span in self._spans_between(start, end):
            status = f"article--{span.status}"
            for offset in range(max(span.start, start), min(span.end, end)):
                names[offset - start] = (f"article--{span.label.lower()}", status)
        overlay: dict[int, str] = {}
        if self.found:
            for offset in range(max(self.found[0], start), min(self.found[1], end)):
                overlay[offset] = "article--found"
        selection = self.selection()
        if selection:
            for offset in range(max(selection[0], start), min(selection[1], end)):
                overlay[offset] = "article--selection"
        overlay[self.cursor] = "article--cursor"
        gutter = "▌ " if self._claim_over(start, end) else "  "
        segments = [Segment(gutter, self._style("article--claim") if gutter != "  " else base)]
        run_text, run_style = "", None
        for offset in range(start, end):
            key = names[offset - start] + ((overlay[offset],) if offset in overlay else ())
            style = self._style(*key) if key else base
            if style is not run_style and run_text:
                segments.append(Segment(run_text, run_style))
                run_text = ""
            run_text += glyph(self.text[offset])
            run_style = style
        if run_text:
            segments.append(Segment(run_text, run_style))
        if self.cursor == end and (end == len(self.text) or self.text[end] in " \n"):
            segments.append(Segment(" ", self._style("article--cursor")))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    # -- movement ----------------------------------------------------------------------------

    def move_to(self, offset: int) -> None:
        """Put the cursor at an offset and scroll it into view, repainting only what changed."""
        layout = self._relayout()
        old_line = line_of(layout.starts, self.cursor)
        self.cursor = min(max(offset, 0), len(self.text))
        scrolled = self._follow_cursor()
        new_line = line_of(layout.starts, self.cursor)
        if not scrolled:
            if self.anchor is None:
                self.refresh_line(old_line)
                self.refresh_line(new_line)
            else:
                first, last = sorted((old_line, new_line))
                self.refresh_lines(first, last - first + 1)
        else:
            self.refresh()
        self.post_message(self.CursorMoved(self))

    def _follow_cursor(self) -> bool:
        """Scroll the cursor's line into view; return whether the view scrolled."""
        layout = self._relayout()
        if not layout.lines:
            return False
        line = line_of(layout.starts, self.cursor)
        top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
            return True
        if height and line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)
            return True
        return False

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_line(self, delta: int) -> None:
        layout = self._relayout()
        if not layout.lines:
            return
        line = line_of(layout.starts, self.cursor)
        target = min(max(line + delta, 0), len(layout.lines) - 1)
        if target == line:
            self.move_to(layout.lines[0][0] if delta < 0 else layout.lines[-1][1])
            return
        column = text_width(self.text[layout.lines[line][0] : self.cursor])
        self.move_to(offset_at_column(self.text, layout.lines[target], column))

    def action_page(self, delta: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_offset.y + delta * height, animate=False, immediate=True)
        self.action_line(delta * height)
        # Draw the page after this one while the user reads, so the next press is a cache hit.
        self.call_after_refresh(self._render_ahead, self.scroll_offset.y + delta * height)

    def _render_ahead(self, top: int) -> None:
        layout = self._relayout()
        width = self.scrollable_content_region.width
        first = max(top, 0)
        for index in range(
            first, min(first + self.scrollable_content_region.height, len(layout.lines))
        ):
            self._line_strip(index, layout.lines[index], width)

    def action_edge(self, bottom: int) -> None:
        self.move_to(len(self.text) if bottom else 0)

    def action_word(self, direction: int) -> None:
        self.move_to(_next_word(self.text, self.cursor, direction))

    def action_entity(self, direction: int) -> None:
        spans, starts = self._entities, self._entity_starts
        if not spans:
            return
        if direction > 0:
            index = bisect_right(starts, self.cursor)
            target = spans[index % len(spans)]
        else:
            index = bisect_left(starts, self.cursor) - 1
            target = spans[index]
        self.move_to(target.start)

    def action_select(self) -> None:
        self.anchor = self.cursor
        self.refresh()

    def action_drop_selection(self) -> None:
        self.anchor = None
        self.found = None
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        lines = len(self._layout.lines) if self._layout else 0
        if lines:
            self.post_message(self.Scrolled(self, new / max(lines - 1, 1)))


def _next_word(text: str, offset: int, direction: int) -> int:
    """The start of the next or previous word: jieba words in Chinese, \\w runs elsewhere."""
    if direction > 0:
        window = text[offset : offset + 120]
        starts = _word_starts(window)
        following = [s for s in starts if s > 0]
        return offset + following[0] if following else min(len(text), offset + len(window))
    base = max(0, offset - 120)
    starts = [base + s for s in _word_starts(text[base:offset])]
    before = [s for s in starts if s < offset]
    return before[-1] if before else 0


def _word_starts(window: str) -> list[int]:
    if _HAN.search(window):
        from talent.segment import words

        return [
            s
            for s, e in words(window)
            if not window[s:e].isspace() and window[s:e].strip("，。、,.;:!?“”\"'（）() ")
        ]
    return [m.start() for m in _WORD.finditer(window)]
