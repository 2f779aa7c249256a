"""Wrapping a text into display lines by cell width (CJK characters take two cells).
Lines are (start, end) offsets into the text, so spans laid on the text survive wrapping."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from rich.cells import get_character_cell_size

from talent.display import PLACEHOLDERS

Line = tuple[int, int]


# Cells of each character met so far: wrapping a megabyte asks about each character once.
_CELLS: dict[str, int] = {}


def cell_width(ch: str) -> int:
    """Cells one character takes on screen (a control character: its placeholder's width).
    Every ASCII character takes one cell, which `text_width` relies on."""
    cells = _CELLS.get(ch)
    if cells is None:
        cells = _CELLS[ch] = _measured_width(ch)
    return cells


def _measured_width(ch: str) -> int:
    if " " <= ch < "\x7f":
        return 1
    shown = PLACEHOLDERS.get(ch)
    if shown is not None:
        return len(shown)
    return 1 if ch < "\u0300" else get_character_cell_size(ch)


def text_width(text: str) -> int:
    """Cells a text takes on screen."""
    return len(text) if text.isascii() else sum(cell_width(ch) for ch in text)


@lru_cache(maxsize=4)
def wrap(text: str, width: int) -> tuple[Line, ...]:
    """Display lines of at most `width` cells, broken at spaces where a line has one. Kept for
    the last few texts and widths: two panes showing one document at one width wrap it once
    (a tenth of a second a megabyte)."""
    width = max(width, 2)
    lines: list[Line] = []
    position = 0
    for paragraph in text.split("\n"):
        end = position + len(paragraph)
        if paragraph.isascii():
            _wrap_ascii(text, position, end, width, lines)
        else:
            _wrap_wide(text, position, end, width, lines)
        position = end + 1
    return tuple(lines)


def _wrap_ascii(text: str, start: int, end: int, width: int, lines: list[Line]) -> None:
    while end - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            lines.append((start, start + width))
            start += width
        else:
            lines.append((start, cut))
            start = cut + 1
    lines.append((start, end))


# Chinese line-breaking rules (禁则): no line starts with closing punctuation, none ends with
# opening punctuation.
_NO_LINE_START = set("。，、；：？！）」』】〉》〕］｝”’…—.,;:!?)]}%")
_NO_LINE_END = set("（「『【〈《〔［｛“‘([{")
# Characters of a Latin word or number, kept on one line: "Seed", "3.2", "OpenAI's", "C++".
_WORD_PUNCTUATION = set("'’-_.%+#&/")


def _in_word(ch: str) -> bool:
    return (ch.isalnum() or ch in _WORD_PUNCTUATION) and cell_width(ch) == 1


def _may_break_before(text: str, index: int) -> bool:
    """Whether a line may end just before text[index]."""
    before, after = text[index - 1], text[index]
    if before == " " or after == " ":
        return True
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    return not (_in_word(before) and _in_word(after))


def _break_point(text: str, line_start: int, index: int) -> tuple[int, int]:
    """Where to end a line that overflows at `index`: (its end, the next line's start). The
    latest allowed break; a space there is dropped. A word longer than the line is cut."""
    for cut in range(index, line_start, -1):
        if _may_break_before(text, cut):
            if text[cut] == " ":
                return cut, cut + 1
            return (cut - 1 if text[cut - 1] == " " else cut), cut
    return index, index


def _wrap_wide(text: str, start: int, end: int, width: int, lines: list[Line]) -> None:
    line_start, used = start, 0
    known = _CELLS.get  # the common case without a call of cell_width
    for index in range(start, end):
        character = text[index]
        cells = known(character)
        if cells is None:
            cells = cell_width(character)
        if used + cells > width and index > line_start:
            cut, next_start = _break_point(text, line_start, index)
            lines.append((line_start, cut))
            line_start = next_start
            used = text_width(text[line_start:index])
        used += cells
    lines.append((line_start, end))


def line_of(line_starts: list[int], offset: int) -> int:
    """Index of the display line holding this offset."""
    return max(0, bisect_right(line_starts, offset) - 1)


def offset_at_column(text: str, line: Line, column: int) -> int:
    """The offset in a line whose cell column is nearest to `column`, not past the line end."""
    start, end = line
    used = 0
    for index in range(start, end):
        cells = cell_width(text[index])
        if used + cells > column:
            return index
        used += cells
    return end
