"""Carrying out what the user asked for in a reading pane: each intent opens a form if it needs
one, makes one call into store/actions.py, and applies the changes it returns to the panes."""

from __future__ import annotations

from tui.screens.reader.claim_actions import ClaimActions
from tui.screens.reader.link_actions import LinkActions
from tui.screens.reader.span_actions import SpanActions


class Annotator(SpanActions, ClaimActions, LinkActions):
    """The reader's annotation work: span, claim and link actions on one action runner."""
