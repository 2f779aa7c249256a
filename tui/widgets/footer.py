"""The footer fitted to the screen's width."""

from __future__ import annotations

from textual.widgets import Footer

NARROW_BELOW = 100  # columns: below this the panes stack and the footer tightens


def fit_footer(footer: Footer, width: int) -> bool:
    """Tighter key spacing when narrow, and the palette hint (^p, also listed by ?) left out,
    so ? and q still fit beside the keys that apply; return whether the screen is narrow."""
    narrow = width < NARROW_BELOW
    footer.compact = narrow
    footer.show_command_palette = not narrow
    return narrow
