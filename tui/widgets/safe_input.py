"""The one input field of the app: its value is drawn through ControlGlyphs, whatever it holds."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from tui.safe import ControlGlyphs


class SafeInput(Input):
    """An Input whose value, typed, pasted or filled from data, never reaches the terminal raw."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("highlighter", ControlGlyphs())
        super().__init__(*args, **kwargs)
