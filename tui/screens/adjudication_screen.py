"""Adjudication: one document with one annotator's spans on the left and another's on the right.
Spans both gave are filled, the ones they disagree on underlined; each disagreement is settled
into the gold layer with a key, and the cursor moves on to the next one."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.adjudication import Choice, accept_agreed, layer, settle
from store.annotations import claims_for_document
from store.documents import get_document
from talent.adjudication import Disagreement, agreed, disagreements
from talent.model import GOLD_ANNOTATOR, LABELS, Span
from tui import keymap
from tui.safe import safe
from tui.screens.reader.protocol import Reader
from tui.widgets.article_pane import ArticlePane
from tui.widgets.article_view import ArticleView
from tui.widgets.footer import fit_footer


class LayerView(ArticleView, inherit_bindings=False):
    """One annotator's spans: the cursor moves; the keys that decide are the screen's."""

    BINDINGS = keymap.PANE_MOTIONS


def _boxes(spans: list[Span]) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in spans if s.status == "accepted"]


class AdjudicationScreen(Screen[None]):
    """Settle two annotators' differences on one document into the gold layer."""

    BINDINGS = keymap.ADJUDICATION

    def __init__(self, doc_id: str, first: str, second: str) -> None:
        super().__init__()
        self.doc_id, self.first, self.second = doc_id, first, second
        self.open: list[Disagreement] = []
        self.all: list[Disagreement] = []
        self.current: Disagreement | None = None
        self.versions: dict[str, list[Span]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="adjudication-panes"):
            yield ArticlePane(id="adjudication-first", view=LayerView)
            yield ArticlePane(id="adjudication-second", view=LayerView)
        yield Static(id="adjudication-status")
        yield Footer()

    @property
    def panes(self) -> tuple[ArticlePane, ArticlePane]:
        return (
            self.query_one("#adjudication-first", ArticlePane),
            self.query_one("#adjudication-second", ArticlePane),
        )

    def on_mount(self) -> None:
        left, right = self.panes
        left.border_title, right.border_title = safe(self.first), safe(self.second)
        self.refresh_layers(cursor=0)
        left.view.focus()
        self.action_next(1, from_start=True)

    def on_resize(self, event) -> None:
        fit_footer(self.query_one(Footer), event.size.width)

    # -- what is shown -------------------------------------------------------------------

    def refresh_layers(self, cursor: int | None = None) -> None:
        """Read both layers and the gold again; spans they disagree on are drawn underlined."""
        db = self.app.db
        document = get_document(db, self.doc_id)
        first, second = layer(db, self.doc_id, self.first), layer(db, self.doc_id, self.second)
        a, b = _boxes(first), _boxes(second)
        both = set(agreed(a, b))
        self.all = disagreements(a, b)
        gold = layer(db, self.doc_id, GOLD_ANNOTATOR)
        # Kept until the next decision: the status line and the choices read them on every move.
        self.versions = {self.first: first, self.second: second, GOLD_ANNOTATOR: gold}
        self.open = [d for d in self.all if not any(d.overlaps(g.start, g.end) for g in gold)]
        claims = claims_for_document(db, self.doc_id)
        for pane, spans, name in zip(self.panes, (first, second), (self.first, self.second),
                                     strict=True):  # fmt: skip
            shown = [
                s if (s.start, s.end, s.label) in both else replace(s, status="suggested")
                for s in spans
                if s.status == "accepted"
            ]
            mine = [c for c in claims if c.annotator == name]
            at = pane.view.cursor if cursor is None else cursor
            pane.show(document, shown, mine, at)
        self.show_status()

    def show_status(self, message: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        if message:
            text.append_text(safe(message, "green"))
            text.append("  │  ", style="dim")
        settled = len(self.all) - len(self.open)
        text.append(f"{settled}/{len(self.all)} settled", style="bold")
        current = self.current
        if current is not None:
            doc_text = self.panes[0].view.text
            for name, boxes in ((self.first, current.first), (self.second, current.second)):
                said = ", ".join(f"{lab} «{doc_text[s:e]}»" for s, e, lab in boxes) or "nothing"
                text.append_text(safe(f"  ·  {name}: {said}"))
            gold = [g for g in self.versions[GOLD_ANNOTATOR] if current.overlaps(g.start, g.end)]
            decided = ", ".join(
                f"{g.label} «{g.quote}»" if g.status == "accepted" else "no entity" for g in gold
            )
            text.append_text(safe(f"  ·  gold: {decided or '—'}", "bold"))
        elif not self.open:
            text.append("  ·  every disagreement is settled; A takes what both agree on")
        self.query_one("#adjudication-status", Static).update(text)

    # -- moving --------------------------------------------------------------------------

    def action_next(self, step: int, from_start: bool = False) -> None:
        """Go to the next (or previous) open disagreement, in both panes."""
        if not self.open:
            self.current = None
            self.show_status()
            return
        at = -1 if from_start else self.panes[0].view.cursor
        if step > 0:
            found = next((d for d in self.open if d.start > at), self.open[0])
        else:
            found = next((d for d in reversed(self.open) if d.start < at), self.open[-1])
        self.go_to(found)

    def go_to(self, disagreement: Disagreement) -> None:
        self.current = disagreement
        for pane in self.panes:
            pane.view.found = (disagreement.start, disagreement.end)
            pane.view.move_to(disagreement.start)
        self.show_status()

    def action_other_pane(self) -> None:
        left, right = self.panes
        (right if left.view.has_focus else left).view.focus()

    def on_article_view_intent(self, message: ArticleView.Intent) -> None:
        message.stop()  # nothing is edited in an annotator's layer here

    # -- deciding ------------------------------------------------------------------------

    def _decide(self, call) -> None:
        """Run one store call as the adjudicator; on success re-read and go to the next."""
        annotator = self.app.reader.annotator
        if not annotator.run(call):
            self.show_status(self.app.reader.last_message)
            return
        message = self.app.reader.last_message
        self.refresh_layers()
        self.action_next(1)
        self.show_status(message)

    def action_take(self, which: str) -> None:
        current = self.current
        if current is None:
            return
        boxes = {
            "first": current.first,
            "second": current.second,
            "both": tuple(dict.fromkeys(current.first + current.second)),
            "none": (),
        }[which]
        choices = [self._choice(box, which) for box in boxes]
        extent = (current.start, current.end)
        self._decide(lambda: settle(self.app.db, self.doc_id, extent, choices, self.app.annotator))

    def _choice(self, box: tuple[int, int, str], which: str) -> Choice:
        """A span to copy into gold, with the entity its annotator gave it."""
        names = [self.first, self.second] if which == "both" else [
            self.first if which == "first" else self.second
        ]  # fmt: skip
        for name in names:
            for span in self.versions[name]:
                if (span.start, span.end, span.label) == box:
                    return (*box, span.entity)
        return (*box, None)

    def action_label(self, index: int) -> None:
        current = self.current
        if current is None:
            return
        choice = (current.start, current.end, LABELS[index], None)
        extent = (current.start, current.end)
        self._decide(lambda: settle(self.app.db, self.doc_id, extent, [choice], self.app.annotator))

    def action_agreed(self) -> None:
        first, second = self.first, self.second
        self._decide(
            lambda: accept_agreed(self.app.db, self.doc_id, first, second, self.app.annotator)
        )

    def action_undo(self) -> None:
        self.app.reader.action_undo()
        self.refresh_layers()
        self.show_status(self.app.reader.last_message)


def open_adjudication(reader: Reader) -> None:
    """Two annotators' versions of the focused document side by side, to settle into gold;
    with more than two annotators, which two is asked first."""
    from itertools import combinations

    from tui.screens.choice_screen import ChoiceScreen

    document = reader.focused_pane.view.document
    if document is None:
        return
    pairs = list(combinations(reader.annotators_of(document.id), 2))
    if not pairs:
        reader.show_status(
            "adjudication needs two annotators' work on this document: merge their "
            "databases (talent-tui merge A.db B.db --into TEAM.db) and open that",
            error=True,
        )
        return

    def start(index: int | None) -> None:
        if index is not None:
            reader.app.push_screen(
                AdjudicationScreen(document.id, *pairs[index]),
                lambda _: reader.reload_annotations(),
            )

    if len(pairs) == 1:
        start(0)
    else:
        lines = [safe(f"{a} · {b}") for a, b in pairs]
        reader.app.push_screen(ChoiceScreen("Which two annotators?", lines), start)
