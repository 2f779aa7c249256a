"""Carrying out what the user asked for in a reading pane: each intent opens a form if it needs
one, makes one call into store/actions.py, and applies the changes it returns to the panes."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from store import actions
from store.annotations import claims_for_document, entities_by_id, links_for_document
from store.connection import is_busy_error
from store.documents import get_document
from store.entities import entities_matching, entity_ids_in_use
from store.history import HistoryError, UserAction, redo, undo
from talent.model import REVIEW_STATES, Claim, Entity, Link
from talent.sentences import (
    guess_category,
    guess_relation,
    proposed_pay,
    sentence_at,
    sentence_naming_both,
    sentences_of,
)
from tui.safe import fit_start, safe
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.claim_form import ClaimForm, ClaimInput
from tui.screens.entity_form import EntityForm, EntityInput
from tui.screens.entity_picker import EntityPicker, Picked
from tui.screens.link_form import SENTENCE, LinkForm, LinkInput
from tui.widgets.article_view import ArticleView

READ_ONLY_REFUSAL = "this database is read-only: nothing was saved"
PLACES_SHOWN = 50  # places listed before `A` decides them
EVIDENCE_SENTENCES = 300  # sentences a link form offers as evidence, the nearest first
LINE = 50  # columns an evidence choice takes: one line of a form at 80 columns, Chinese included

if TYPE_CHECKING:
    from tui.screens.reader.screen import ReaderScreen

_ANNOTATION_TABLES = {
    "claims", "claim_entities", "claim_relations", "links", "entities", "documents",
}  # fmt: skip


def _taking_in_suggestions(view: ArticleView, start: int, end: int, label: str) -> tuple[int, int]:
    """The range to label: a selection that starts or ends inside a suggestion of the same
    label takes the whole suggestion in (`v w 1` on a first name whose surname is suggested)."""
    for span in view.marks.between(start, end):
        if span.status == "suggested" and span.label == label:
            start, end = min(start, span.start), max(end, span.end)
    return start, end


def sentence_choice(start: int, end: int) -> str:
    """The link form's value for citing a sentence (tagged as a claim when saved)."""
    return f"{SENTENCE}:{start}:{end}"


def _evidence_of(value: int | str | None) -> tuple[int | None, tuple[int, int] | None]:
    """A link form's evidence as (claim id, sentence range to tag): one of them, or neither."""
    if isinstance(value, str) and value.startswith(f"{SENTENCE}:"):
        _, start, end = value.split(":")
        return None, (int(start), int(end))
    return (None if value is None else int(value)), None


def _proposed_amount(text: str, money: list) -> str:
    """The sum the link form proposes: one the sentence ties to pay, never a deal's price (a
    stake bought beside the hire); empty when none is."""
    chosen = proposed_pay(
        text, [(s.start, s.end, (s.value or {}).get("amount") or 0) for s in money]
    )
    return "" if chosen is None else text[chosen[0] : chosen[1]]


class Annotator:
    """The reader's annotation work: intents in, store calls, changes out."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.entities = {}

    @property
    def db(self):
        return self.screen.app.db

    @property
    def annotator(self) -> str | None:
        return self.screen.app.annotator

    def load_entities(self) -> None:
        """Read every entity again (after an action changed one)."""
        self.entities = entities_by_id(self.db)

    # -- applying a store call ---------------------------------------------------------------

    def run(self, call: Callable[[], UserAction], view: ArticleView | None = None) -> bool:
        """Make one store call; show its changes and what was saved. False if it was refused."""
        try:
            action = call()
        except HistoryError as error:
            self.screen.show_status(str(error), error=True)
            return False
        except sqlite3.OperationalError as error:
            if "readonly" in str(error):
                self.screen.show_status(READ_ONLY_REFUSAL, error=True)
                return False
            if not is_busy_error(error):
                raise
            # Another talent-tui held the database past the busy timeout; the transaction
            # was rolled back, so nothing is half saved.
            self.screen.show_status(
                "the database is busy (another talent-tui is writing): nothing was saved, "
                "press the key again",
                error=True,
            )
            return False
        self.apply(action)
        self.screen.show_status(f"{action.message} · saved")
        return True

    def apply(self, action: UserAction) -> None:
        """Redraw what the action changed: its spans incrementally, claims and links reloaded."""
        removed, current = actions.spans_changed(action)
        tables = {change.table for change in action.changes}
        self.screen.app.changed(tables)
        other_tables = tables & _ANNOTATION_TABLES
        if "entities" in other_tables:
            self.load_entities()
        for pane in self.screen.panes:
            document = pane.view.document
            if document is None:
                continue
            if removed:
                pane.view.apply_span_changes(
                    removed, [s for s in current if s.document_id == document.id]
                )
            if other_tables & {"claims", "claim_entities"}:
                pane.view.set_claims(claims_for_document(self.db, document.id))
            if "documents" in other_tables:
                pane.view.document = get_document(self.db, document.id) or document
            pane.update_header()
        self.screen.schedule_panel_refresh()

    # -- intents -----------------------------------------------------------------------------

    def handle(self, intent: ArticleView.Intent) -> None:
        """Carry out an intent posted by a reading view."""
        view = intent.view
        getattr(self, f"_{intent.name}")(view, *intent.args)

    def _span(self, view: ArticleView):
        span = view.span_at(view.cursor)
        if span is None:
            self.screen.show_status("no entity under the cursor", error=True)
        return span

    def _label(self, view: ArticleView, label: str) -> None:
        span = view.span_at(view.cursor)
        if view.selection() is None and span is not None:
            done = self.run(lambda: actions.relabel_span(self.db, span.id, label, self.annotator))
        else:
            target = view.target_range()
            if target is None:
                self.screen.show_status("nothing to label: move onto a word or select", error=True)
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
        span = self._span(view)
        if span and self.run(lambda: actions.decide_span(self.db, span.id, status, self.annotator)):
            view.next_undecided()

    def _decide_everywhere(self, view: ArticleView, status: str) -> None:
        """Show every place `A` (or `X`) would decide, then decide them on enter."""
        span = self._span(view)
        if span is None:
            return
        plan = actions.plan_everywhere(self.db, span.id, status)
        verb = "accept" if status == "accepted" else "reject"
        if not plan.places:
            self.screen.show_status(f"no other whole mention of {span.quote} to {verb}")
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
        self.screen.app.push_screen(ChoiceScreen(prompt, self._place_lines(plan)), chosen)

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
        span = self._span(view)
        if span:
            self.run(lambda: actions.delete_span(self.db, span.id, self.annotator))

    def _resize(self, view: ArticleView, start_delta: int, end_delta: int) -> None:
        span = self._span(view)
        if span:
            start, end = span.start + start_delta, span.end + end_delta
            self.run(lambda: actions.resize_span(self.db, span.id, start, end, self.annotator))

    def _edit_entity(self, view: ArticleView) -> None:
        span = self._span(view)
        if span is None:
            return
        entity = self.entities.get(span.entity)
        if entity is None:
            self.screen.show_status(
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

        self.screen.app.push_screen(EntityForm(entity, sorted(others, key=lambda e: e.name)), save)

    def _picker_entities(self, view: ArticleView, label: str):
        here = {s.entity for s in view.spans if s.entity}
        known = [(e, n, e.id in here) for e, n in entities_matching(self.db, label)]
        names = {e.name for e, _, _ in known} | {a for e, _, _ in known for a in e.aliases}
        # Spans of this label in the document not yet tied to an entity are offered by text.
        unresolved = Counter(
            s.quote
            for s in view.spans
            if s.label == label and s.entity is None and s.status != "rejected"
        )
        known += [
            (Entity("", label, quote), mentions, True)
            for quote, mentions in sorted(unresolved.items())
            if quote not in names
        ]
        return known

    def _move_entity(self, view: ArticleView) -> None:
        span = self._span(view)
        if span is None:
            return
        if span.label not in ("PERSON", "ORG"):
            self.screen.show_status("only PERSON and ORG spans refer to entities", error=True)
            return

        def chosen(picked: Picked | None) -> None:
            if picked:
                self.run(
                    lambda: actions.move_span_to_entity(
                        self.db, span.id, picked.entity_id, picked.new_name, self.annotator
                    )
                )

        picker = EntityPicker(
            f"{span.quote} refers to…", span.label, self._picker_entities(view, span.label)
        )
        self.screen.app.push_screen(picker, chosen)

    def _claim(self, view: ArticleView) -> None:
        existing = view.marks.claim_at(view.cursor) if view.selection() is None else None
        if existing:
            start, end = existing.start, existing.end
            initial = ClaimInput(
                existing.category, existing.status, existing.attributed_to, existing.note
            )
        else:
            selected = view.selection()
            start, end = (
                (selected[0], min(selected[1], len(view.text)))
                if selected
                else sentence_at(view.text, view.cursor)
            )
            if start >= end:
                self.screen.show_status("no sentence here to tag", error=True)
                return
            labels = {s.label for s in view.marks.between(start, end) if s.status != "rejected"}
            initial = ClaimInput(
                guess_category(view.text[start:end], labels), "unverified", None, ""
            )
        speakers = [
            e for e in self.entities.values() if e.id in {s.entity for s in view.spans if s.entity}
        ]
        doc_id = view.document.id

        def save(result: ClaimInput | None) -> None:
            if result is None:
                return
            claim = Claim(
                existing.id if existing else 0,
                doc_id,
                start,
                end,
                view.text[start:end],
                result.category,
                result.status,
                result.attributed_to,
                (),
                result.note,
            )
            if self.run(lambda: actions.save_claim(self.db, claim, self.annotator)):
                view.anchor = None
                view.refresh()

        form = ClaimForm(view.text[start:end], initial, speakers, editing=existing is not None)
        self.screen.app.push_screen(form, save)

    def _delete_claim(self, view: ArticleView) -> None:
        claim = view.marks.claim_at(view.cursor)
        if claim:
            self.delete_claim(claim.id)
        else:
            self.screen.show_status("no claim under the cursor", error=True)

    def _relate_claim(self, view: ArticleView) -> None:
        from store.claim_relations import other_claims, relate_claims
        from tui.screens.claim_relations_screen import ClaimRelationsScreen

        claim = view.marks.claim_at(view.cursor)
        if claim is None:
            self.screen.show_status("no claim under the cursor: c tags one", error=True)
            return

        def relate(other, kind: str | None) -> str:
            self.run(lambda: relate_claims(self.db, claim.id, other.claim.id, kind, self.annotator))
            return self.screen.last_message

        self.screen.app.push_screen(
            ClaimRelationsScreen(claim, lambda: other_claims(self.db, claim), relate)
        )

    def claim_relations_of(self, document_id: str) -> dict[int, dict[str, int]]:
        """How many claims elsewhere each claim of the document is the same as or contradicts."""
        from store.claim_relations import relation_counts

        return relation_counts(self.db, document_id)

    def delete_claim(self, claim_id: int) -> None:
        """Delete a claim (from the text or the claims panel)."""
        self.run(lambda: actions.delete_claim(self.db, claim_id, self.annotator))

    def _link(self, view: ArticleView) -> None:
        span = self._span(view)
        if span is None:
            return
        if span.label != "PERSON":
            self.screen.show_status("L links a PERSON: move onto a person first", error=True)
            return
        person = self.entities.get(span.entity) if span.entity else None

        def org_chosen(picked: Picked | None) -> None:
            if picked is None:
                return
            org = None if picked.entity_id is None else self.entities[picked.entity_id]
            org_name = picked.new_name if org is None else org.name
            # The evidence proposed is the sentence that names both: the appointment itself,
            # not a later sentence about the person under the cursor.
            sentence = sentence_naming_both(
                view.text,
                view.cursor,
                (span.quote, *(person.aliases if person else ())),
                (org_name or "", *(org.aliases if org else ())),
            )
            self._link_form(view, span.id, span.quote, picked, org_name, sentence)

        picker = EntityPicker(
            f"Link {span.quote} to an organization", "ORG", self._picker_entities(view, "ORG")
        )
        self.screen.app.push_screen(picker, org_chosen)

    def _link_form(self, view, span_id, person_name, picked, org_name, sentence) -> None:
        start, end = sentence
        org = self.entities.get(picked.entity_id) if picked.entity_id else None
        org_names = (org_name, *(org.aliases if org else ()))
        claim = view.marks.claim_at(view.cursor)
        choices = self._evidence_choices(view.document.id, view.text, sentence, claim)
        money = [
            s
            for s in view.marks.between(start, end)
            if s.label == "MONEY" and s.status != "rejected"
        ]
        doc_id = view.document.id

        def save(result: LinkInput | None) -> None:
            if result is None:
                return
            evidence, evidence_range = _evidence_of(result.evidence)
            link = Link(
                0,
                doc_id,
                "",
                picked.entity_id or "",
                result.relation,
                evidence,
                result.date,
                result.amount,
                result.note,
            )
            self.run(
                lambda: actions.save_link(
                    self.db,
                    link,
                    self.annotator,
                    person_span=span_id,
                    org_name=org_name if picked.entity_id is None else None,
                    evidence_range=evidence_range,
                )
            )

        form = LinkForm(
            person_name,
            org_name,
            guess_relation(view.text[start:end], org_names),
            choices,
            claim.id if claim else sentence_choice(*sentence),
            _proposed_amount(view.text, money),
        )
        self.screen.app.push_screen(form, save)

    def _evidence_choices(
        self, doc_id: str, text: str, sentence: tuple[int, int] | None, claim: Claim | None
    ) -> list[tuple[str, int | str]]:
        """What a link may cite: the claim under the cursor and the proposed sentence first,
        then every claim of the document, then every sentence (tagged as a claim when chosen;
        at most EVIDENCE_SENTENCES, the nearest to the proposed one)."""
        claims = claims_for_document(self.db, doc_id)
        choices: list[tuple[str, int | str]] = []
        if claim:
            choices.append((fit_start(f"claim #{claim.id}: {claim.quote}", LINE), claim.id))
        if sentence:
            choices.append(
                (
                    fit_start(f"this sentence: {text[slice(*sentence)]}", LINE),
                    sentence_choice(*sentence),
                )
            )
        choices += [
            (fit_start(f"claim #{c.id}: {c.quote}", LINE), c.id) for c in claims if c != claim
        ]
        tagged = {(c.start, c.end) for c in claims} | ({sentence} if sentence else set())
        others = [r for r in sentences_of(text) if r not in tagged]
        if len(others) > EVIDENCE_SENTENCES:
            near = (sentence or (0, 0))[0]
            others = sorted(sorted(others, key=lambda r: abs(r[0] - near))[:EVIDENCE_SENTENCES])
        choices += [
            (fit_start(f"sentence: {text[a:b]}", LINE), sentence_choice(a, b)) for a, b in others
        ]
        return choices

    def edit_link(self, link: Link) -> None:
        """The link form for an existing link (from the links panel)."""
        person = self.entities.get(link.person)
        org = self.entities.get(link.org)
        if person is None or org is None:
            return
        document = get_document(self.db, link.document_id)
        choices = self._evidence_choices(document.id, document.text, None, None)
        amount = ""
        if link.amount:
            amount = f"{link.amount['amount']}"
            if link.amount.get("currency") == "USD":
                amount = f"${link.amount['amount']:,}"

        def save(result: LinkInput | None) -> None:
            if result is None:
                return
            evidence, evidence_range = _evidence_of(result.evidence)
            changed = Link(
                link.id,
                link.document_id,
                link.person,
                link.org,
                result.relation,
                evidence,
                result.date,
                result.amount,
                result.note,
            )
            self.run(
                lambda: actions.save_link(
                    self.db, changed, self.annotator, evidence_range=evidence_range
                )
            )

        form = LinkForm(
            person.name,
            org.name,
            link.relation,
            choices,
            link.evidence,
            amount,
            link.date or "",
            link.note,
        )
        self.screen.app.push_screen(form, save)

    def delete_link(self, link_id: int) -> None:
        """Delete a link (from the links panel)."""
        self.run(lambda: actions.delete_link(self.db, link_id, self.annotator))

    # -- document-wide -----------------------------------------------------------------------

    def undo(self, forward: bool = False) -> None:
        """Undo (or redo) this annotator's last action."""
        replay = redo if forward else undo
        self.run(lambda: replay(self.db, self.annotator))

    def cycle_review_state(self, view: ArticleView) -> None:
        """new → in progress → done → new, for the document in this pane."""
        document = view.document
        if document is None:
            return
        state = REVIEW_STATES[(REVIEW_STATES.index(document.review_state) + 1) % len(REVIEW_STATES)]
        self.run(lambda: actions.set_review_state(self.db, document.id, state, self.annotator))

    def links_of(self, document_id: str) -> list[Link]:
        """The document's links, for the panel."""
        return links_for_document(self.db, document_id)
