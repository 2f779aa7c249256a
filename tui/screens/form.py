"""The base of every form: Enter saves (the defaults are sensible), Escape cancels, and bad
input gets a message inside the form instead of closing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Select

from tui import keymap
from tui.safe import safe


class FormError(ValueError):
    """Input the form cannot save; the message is shown in the form."""


T = TypeVar("T")


def after_typed_keys(screen: ModalScreen, callback: Callable[[], None]) -> None:
    """Run callback once the focused field has handled the keys typed before this one.

    A priority binding runs as soon as its key reaches the app, while the keys typed just before
    it still wait in the focused field's queue: a fast typist's Enter would save a half-typed
    value. Queued behind them, the callback sees everything typed.
    """
    if screen.focused is None:
        callback()
    else:
        screen.focused.call_later(callback)


class FormScreen(ModalScreen[T], Generic[T]):
    """A dialog with fields; subclasses compose the fields and build the result."""

    BINDINGS = keymap.FORM
    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        # It scrolls: on a 24-row terminal a long form is taller than the screen.
        with VerticalScroll(classes="form"):
            yield Label(safe(self.TITLE_TEXT), classes="form-title")
            yield from self.compose_fields()
            yield Label("", classes="form-error")
            yield Label("enter saves · escape cancels · tab moves", classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        """The form's own fields."""
        yield from ()

    def build_result(self) -> T:
        """The result to dismiss with; raise FormError for bad input."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An open drop-down takes enter and escape for itself.
        expanded = any(select.expanded for select in self.query(Select))
        return not (expanded and action in ("save", "cancel"))

    def action_save(self) -> None:
        after_typed_keys(self, self._save)

    def _save(self) -> None:
        if not self.is_active:
            return
        try:
            result = self.build_result()
        except FormError as error:
            message = self.query_one(".form-error", Label)
            message.update(safe(str(error)))
            message.scroll_visible()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
