"""The footer fitted to the screen's width."""

from __future__ import annotations

from textual.widgets import Footer

NARROW_BELOW = 100  # columns: below this the panes stack and the footer tightens


def fit_footer(footer: Footer, width: int) -> bool:
    """Tighter key spacing when narrow, and the palette hint (^p, also listed by ?) left out,
    so ? and q still fit beside the keys that apply; return whether the screen is narrow."""
    narrow = width < NARROW_BELOW
    footer.compact = narrow
    if footer.show_command_palette == narrow:
        footer.show_command_palette = not narrow
        # The palette's key is laid out when the footer composes: a change needs a new one
        # (after a resize from 80 to 160 columns, ^p palette came back only with new keys).
        footer.refresh(recompose=True)
    return narrow
