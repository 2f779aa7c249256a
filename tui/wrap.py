"""Wrapping a text into display lines by cell width (CJK characters take two cells).
Lines are (start, end) offsets into the text, so spans laid on the text survive wrapping."""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import get_character_cell_size

from talent.display import PLACEHOLDERS

Line = tuple[int, int]


def cell_width(ch: str) -> int:
    """Cells one character takes on screen (a control character: its placeholder's width).
    Every ASCII character takes one cell, which `text_width` relies on."""
    if " " <= ch < "\x7f":
        return 1
    shown = PLACEHOLDERS.get(ch)
    if shown is not None:
        return len(shown)
    return 1 if ch < "\u0300" else get_character_cell_size(ch)


def text_width(text: str) -> int:
    """Cells a text takes on screen."""
    return len(text) if text.isascii() else sum(cell_width(ch) for ch in text)


def wrap(text: str, width: int) -> list[Line]:
    """Display lines of at most `width` cells, broken at spaces where a line has one."""
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
    return lines


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


def _wrap_wide(text: str, start: int, end: int, width: int, lines: list[Line]) -> None:
    line_start, used, last_space = start, 0, -1
    for index in range(start, end):
        ch = text[index]
        cells = 1 if " " <= ch < "\x7f" else cell_width(ch)
        if used + cells > width:
            if last_space > line_start:
                lines.append((line_start, last_space))
                line_start = last_space + 1
                used = text_width(text[line_start:index])
            else:
                lines.append((line_start, index))
                line_start, used = index, 0
            last_space = -1
        if ch == " ":
            last_space = index
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
