"""The annotator's span actions: label, accept or reject (here or everywhere), delete, resize,
and the entity a span refers to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from store import actions
from store.documents import get_document
from store.entities import entity_ids_in_use
from tui.safe import safe
from tui.screens.reader.action_runner import ActionRunner
from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from tui.screens.entity_form import EntityInput
    from tui.screens.entity_picker import Picked

PLACES_SHOWN = 50  # places listed before `A` decides them


def _taking_in_suggestions(view: ArticleView, start: int, end: int, label: str) -> tuple[int, int]:
    """The range to label: a selection that starts or ends inside a suggestion of the same
    label takes the whole suggestion in (`v w 1` on a first name whose surname is suggested)."""
    for span in view.marks.between(start, end):
        if span.status == "suggested" and span.label == label:
            start, end = min(start, span.start), max(end, span.end)
    return start, end


class SpanActions(ActionRunner):
    """What the keys on a span (or a selection) do."""

    def _label(self, view: ArticleView, label: str) -> None:
        span = view.span_at(view.cursor)
        if view.selection() is None and span is not None:
            done = self.run(lambda: actions.relabel_span(self.db, span.id, label, self.annotator))
        else:
            target = view.target_range()
            if target is None:
                self.reader.show_status("nothing to label: move onto a word or select", error=True)
                return
            start, end = _taking_in_suggestions(view, *target, label)
            doc_id = view.document.id
            done = self.run(
                lambda: actions.label_range(self.db, doc_id, start, end, label, self.annotator)
            )
        if done:
            view.anchor = None
            view.refresh()
            view.next_undecided()

    def _decide(self, view: ArticleView, status: str) -> None:
        span = self.span_under_cursor(view)
        if span and self.run(lambda: actions.decide_span(self.db, span.id, status, self.annotator)):
            view.next_undecided()

    def _decide_everywhere(self, view: ArticleView, status: str) -> None:
        """Show every place `A` (or `X`) would decide, then decide them on enter."""
        from tui.screens.choice_screen import ChoiceScreen

        span = self.span_under_cursor(view)
        if span is None:
            return
        plan = actions.plan_everywhere(self.db, span.id, status)
        verb = "accept" if status == "accepted" else "reject"
        if not plan.places:
            self.reader.show_status(f"no other whole mention of {span.quote} to {verb}")
            return

        def chosen(index: int | None) -> None:
            if index is not None and self.run(
                lambda: actions.decide_everywhere(self.db, span.id, status, self.annotator)
            ):
                view.next_undecided()

        prompt = Text.assemble(
            f"{verb.capitalize()} {span.label} «",
            safe(span.quote, "bold"),
            f"» at these {len(plan.places)} place(s) in {plan.documents} document(s)? "
            f"enter {verb}s them all · escape cancels",
        )
        self.push(ChoiceScreen(prompt, self._place_lines(plan)), chosen)

    def _place_lines(self, plan: actions.EverywherePlan) -> list[Text]:
        """One line a place: the document's title, the mention in its context."""
        lines, documents = [], {}
        for doc_id, start, end, _ in plan.places[:PLACES_SHOWN]:
            document = documents.setdefault(doc_id, get_document(self.db, doc_id))
            text = document.text
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append_text(safe(document.title[:18].ljust(18), "dim"))
            line.append("  ")
            line.append_text(safe(text[max(0, start - 24) : start].replace("\n", " ")))
            line.append_text(safe(text[start:end], "bold reverse"))
            line.append_text(safe(text[end : end + 24].replace("\n", " ")))
            lines.append(line)
        if len(plan.places) > PLACES_SHOWN:
            lines.append(Text(f"… and {len(plan.places) - PLACES_SHOWN} more", style="dim"))
        return lines

    def _delete_span(self, view: ArticleView) -> None:
        span = self.span_under_cursor(view)
        if span:
            self.run(lambda: actions.delete_span(self.db, span.id, self.annotator))

    def _resize(self, view: ArticleView, start_delta: int, end_delta: int) -> None:
        span = self.span_under_cursor(view)
        if span:
            start, end = span.start + start_delta, span.end + end_delta
            self.run(lambda: actions.resize_span(self.db, span.id, start, end, self.annotator))

    def _edit_entity(self, view: ArticleView) -> None:
        from tui.screens.entity_form import EntityForm

        span = self.span_under_cursor(view)
        if span is None:
            return
        entity = self.entities.get(span.entity)
        if entity is None:
            self.reader.show_status(
                "accept the span first: only accepted PERSON and ORG spans have an entity",
                error=True,
            )
            return
        in_use = entity_ids_in_use(self.db)
        others = [
            e
            for e in self.entities.values()
            if e.label == entity.label and e.id != entity.id and e.id in in_use
        ]

        def save(result: EntityInput | None) -> None:
            if result:
                self.run(
                    lambda: actions.edit_entity(
                        self.db,
                        entity.id,
                        result.name,
                        result.aliases,
                        result.merge_into,
                        self.annotator,
                    )
                )

        self.push(EntityForm(entity, sorted(others, key=lambda e: e.name)), save)

    def _move_entity(self, view: ArticleView) -> None:
        from tui.screens.entity_picker import EntityPicker

        span = self.span_under_cursor(view)
        if span is None:
            return
        if span.label not in ("PERSON", "ORG"):
            self.reader.show_status("only PERSON and ORG spans refer to entities", error=True)
            return

        def chosen(picked: Picked | None) -> None:
            if picked:
                self.run(
                    lambda: actions.move_span_to_entity(
                        self.db, span.id, picked.entity_id, picked.new_name, self.annotator
                    )
                )

        picker = EntityPicker(
            f"{span.quote} refers to…", span.label, self.picker_entities(view, span.label)
        )
        self.push(picker, chosen)
