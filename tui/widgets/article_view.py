"""The reading pane: one document, drawn line by line (only the visible lines), with entity
highlights, claim marks in a gutter, a cursor and a selection. Text is never read as markup."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from talent.marks import DocumentMarks
from talent.model import LABELS, Claim, Document, Span
from talent.words import next_word_end, next_word_start, word_end, word_start_at
from tui import keymap
from tui.widgets.article_lines import draw_line
from tui.widgets.wrap import Line, line_of, offset_at_column, text_width, wrap

GUTTER = 2  # a claim bar and a space


@dataclass
class _Layout:
    """Display lines for one width, computed once and kept until the width changes."""

    width: int
    lines: tuple[Line, ...]
    starts: list[int]


SCROLL_OFF = 3  # lines kept in view below (and above) the cursor


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
    BINDINGS = keymap.READING

    class CursorMoved(Message):
        """The cursor moved (the status line and panel follow it)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class Intent(Message):
        """The user asked for an annotation (`name`, with `args`); the screen carries it out."""

        def __init__(self, view: ArticleView, name: str, *args: object) -> None:
            super().__init__()
            self.view = view
            self.name = name
            self.args = args

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
        self.marks = DocumentMarks()
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
        self.post_message(self.CursorMoved(self))

    @property
    def spans(self) -> list[Span]:
        """The document's spans, by position."""
        return self.marks.spans

    @property
    def claims(self) -> list[Claim]:
        """The document's claims, by position."""
        return self.marks.claims

    def set_annotations(self, spans: list[Span], claims: list[Claim]) -> None:
        """Replace the spans and claims drawn (a document opened, or new suggestions)."""
        self.marks = DocumentMarks(spans, claims)
        self._strips.clear()
        self.refresh()

    def apply_span_changes(self, removed: set[int], current: list[Span]) -> None:
        """Apply changed spans and repaint only the lines they cover."""
        for start, end in self.marks.apply(removed, current):
            self._refresh_range(start, end)

    def set_claims(self, claims: list[Claim]) -> None:
        """Replace the claims (their gutter marks are repainted)."""
        for claim in (*self.marks.claims, *claims):
            self._refresh_range(claim.start, claim.end)
        self.marks.set_claims(claims)

    def _refresh_range(self, start: int, end: int) -> None:
        layout = self._relayout()
        first, last = line_of(layout.starts, start), line_of(layout.starts, max(end - 1, start))
        for index in range(first, last + 1):
            self._strips.pop(index, None)
        self.refresh_lines(first - round(self.scroll_offset.y), last - first + 1)

    def span_at(self, offset: int) -> Span | None:
        """The span under an offset (the innermost, if spans nest)."""
        return self.marks.at(offset)

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
            # A new width: the text at the top of the view stays there (read before the new
            # virtual size clamps the scroll).
            old = self._layout
            top_offset = (
                old.starts[min(round(self.scroll_offset.y), len(old.starts) - 1)]
                if old and old.starts
                else 0
            )
            lines = wrap(self.text, width) if self.document else ()
            self._layout = _Layout(width, lines, [start for start, _ in lines])
            self._strips.clear()
            self.virtual_size = Size(width + GUTTER, len(lines))
            if top_offset and lines:
                top = line_of(self._layout.starts, top_offset)
                self.scroll_to(y=top, animate=False, immediate=True)
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
        # Later marks are drawn over earlier ones: a selection over a search hit.
        marked = [(self.found, "article--found"), (self.selection(), "article--selection")]
        return draw_line(
            self.text, self.marks, (start, end), width, marked, self.cursor, self._style
        )

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
        # Lines of context kept above and below the cursor (vim's scrolloff), fewer on a short pane.
        margin = min(SCROLL_OFF, max(0, (height - 1) // 2))
        if line < top + margin and top > 0:
            self.scroll_to(y=max(0, line - margin), animate=False, immediate=True)
            return True
        last = max(0, len(layout.lines) - height)
        if height and line >= top + height - margin and top < last:
            self.scroll_to(y=min(last, line - height + 1 + margin), animate=False, immediate=True)
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
        if self.anchor is not None and direction > 0:
            # Selecting: take in the whole next word, so `v w` holds a first and last name.
            self.move_to(word_end(self.text, self.cursor, skip_current=True))
            return
        self.move_to(next_word_start(self.text, self.cursor, direction))

    def action_word_end(self) -> None:
        """To the last character of this word (of the next one, when already there)."""
        self.move_to(word_end(self.text, self.cursor, skip_current=False))

    def action_entity(self, direction: int) -> None:
        target = self.marks.next_span(self.cursor, direction)
        if target:
            self.move_to(target.start)

    def next_undecided(self) -> None:
        """Move to the next suggestion nobody decided yet (after an accept, reject or label)."""
        target = self.marks.next_span(self.cursor, 1, undecided=True)
        if target:
            self.move_to(target.start)

    def action_claim_jump(self, direction: int) -> None:
        target = self.marks.next_claim(self.cursor, direction)
        if target:
            self.move_to(target.start)

    def action_select(self) -> None:
        self.anchor = self.cursor
        self.refresh()
        self.post_message(self.CursorMoved(self))

    def action_drop_selection(self) -> None:
        self.anchor = None
        self.found = None
        self.refresh()
        self.post_message(self.CursorMoved(self))

    # -- annotation intents: the screen carries them out with one store call ----------------

    def target_range(self) -> tuple[int, int] | None:
        """What a label applies to: the selection, else the word under the cursor."""
        selected = self.selection()
        if selected:
            return selected[0], min(selected[1], len(self.text))
        if self.cursor >= len(self.text) or self.text[self.cursor].isspace():
            return None
        start = word_start_at(self.text, self.cursor)
        return start, next_word_end(self.text, start)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Span and claim keys stay on in the footer and say so when nothing is under the
        # cursor: hiding them would recompose the footer at every span edge (tens of ms a key).
        if action == "drop_selection":
            return self.has_selection_or_hits()
        if action == "word_end":
            return self.anchor is not None
        return True

    def has_selection_or_hits(self) -> bool:
        """Whether Escape has something to drop (which changes the keys the footer shows)."""
        return self.anchor is not None or self.found is not None

    def action_intent(self, name: str, args: tuple = ()) -> None:
        """An annotation key (`intent('decide', ('accepted',))`): the screen carries it out.
        (The arguments come as one tuple: Textual passes an action no more parameters than
        its signature names.)"""
        if self.document is not None:
            self.post_message(self.Intent(self, name, *args))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        lines = len(self._layout.lines) if self._layout else 0
        if lines:
            self.post_message(self.Scrolled(self, new / max(lines - 1, 1)))
