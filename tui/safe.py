"""The one way a string from a document reaches a widget or the console: as rich `Text` or
Textual `Content`, never parsed as markup, with control characters drawn as dim placeholders."""

from __future__ import annotations

from rich.cells import cell_len
from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content
from textual.markup import escape

from talent.display import display_runs, one_glyph_each, safe_string

PLACEHOLDER_STYLE = "dim reverse"


def safe(text: str, style: str = "", keep_newlines: bool = False) -> Text:
    """Text that is safe to draw: markup stays literal, controls show as placeholders."""
    out = Text(style=style)
    for run, is_placeholder in display_runs(text, keep_newlines):
        out.append(run, style=PLACEHOLDER_STYLE if is_placeholder else None)
    return out


def safe_content(text: str) -> Content:
    """The same as `safe`, as Textual Content (for widgets that take Content)."""
    return Content.from_rich_text(safe(text))


def highlight_matches(text: str, offsets: list[int], style: str) -> Content:
    """Safe content of `text` with the characters at `offsets` styled (fuzzy-match letters)."""
    content = safe_content(text)
    if safe(text).plain != text:
        return content  # placeholders shift offsets; a plain line beats a wrong highlight
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


def safe_markup(text: str) -> str:
    """Text for a place that reads markup (the palette's help line): escaped and with controls
    as placeholders."""
    return escape(safe_string(text))


class ControlGlyphs(Highlighter):
    """Draws an input field's value with each control character as one visible placeholder, so
    a value from data (a note, a name) or a paste never drives the terminal; the value itself,
    and what is saved, stay as they were."""

    def highlight(self, text: Text) -> None:
        plain = text.plain
        shown = one_glyph_each(plain)
        if shown == plain:
            return
        text.plain = shown
        for index, (was, now) in enumerate(zip(plain, shown, strict=True)):
            if was != now:
                text.stylize(PLACEHOLDER_STYLE, index, index + 1)


def _kept(chars, cells: int) -> list[str]:
    """The first of these characters that fit in `cells` columns."""
    kept, used = [], 0
    for char in chars:
        used += cell_len(char)
        if used > cells:
            break
        kept.append(char)
    return kept


def fit_start(text: str, cells: int) -> str:
    """The start of text that fits in `cells` columns, '…' last if something was cut."""
    if cell_len(text) <= cells:
        return text
    return "".join(_kept(text, cells - 1)) + "…"


def fit_end(text: str, cells: int) -> str:
    """The end of text that fits in `cells` columns, '…' first if something was cut."""
    if cell_len(text) <= cells:
        return text
    return "…" + "".join(reversed(_kept(reversed(text), cells - 1)))
