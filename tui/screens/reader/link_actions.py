"""The annotator's link actions: `L` on a person picks the organization, then the link form
with the relation, evidence and sum it proposes; links edited or deleted from the panel."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from store import claim_link_actions
from store.annotations import claims_for_document, links_for_document
from store.documents import get_document
from talent.model import Claim, Link
from talent.sentences import guess_relation, proposed_pay, sentence_naming_both, sentences_of
from tui.safe import fit_start
from tui.screens.reader.action_runner import ActionRunner
from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from tui.screens.entity_picker import Picked
    from tui.screens.link_form import LinkInput

SENTENCE = "sentence"  # evidence `sentence:START:END`: that sentence, tagged as a claim on save
EVIDENCE_SENTENCES = 300  # sentences a link form offers as evidence, the nearest first
LINE = 50  # columns an evidence choice takes: one line of a form at 80 columns, Chinese included


def sentence_choice(start: int, end: int) -> str:
    """The link form's value for citing a sentence (tagged as a claim when saved)."""
    return f"{SENTENCE}:{start}:{end}"


def _evidence_of(value: int | str | None) -> tuple[int | None, tuple[int, int] | None]:
    """A link form's evidence as (claim id, sentence range to tag): one of them, or neither."""
    if isinstance(value, str) and value.startswith(f"{SENTENCE}:"):
        _, start, end = value.split(":")
        return None, (int(start), int(end))
    return (None if value is None else int(value)), None


def _as_saved(link: Link, result: LinkInput) -> tuple[Link, tuple[int, int] | None]:
    """The link with what its form says, and the sentence to tag as its evidence, if any."""
    evidence, evidence_range = _evidence_of(result.evidence)
    filled = replace(
        link,
        relation=result.relation,
        evidence=evidence,
        date=result.date,
        amount=result.amount,
        note=result.note,
    )
    return filled, evidence_range


def _proposed_amount(text: str, money: list) -> str:
    """The sum the link form proposes: one the sentence ties to pay, never a deal's price (a
    stake bought beside the hire); empty when none is."""
    chosen = proposed_pay(
        text, [(s.start, s.end, (s.value or {}).get("amount") or 0) for s in money]
    )
    return "" if chosen is None else text[chosen[0] : chosen[1]]


class LinkActions(ActionRunner):
    """What `L` does, and the links panel's edit and delete."""

    def _link(self, view: ArticleView) -> None:
        from tui.screens.entity_picker import EntityPicker

        span = self.span_under_cursor(view)
        if span is None:
            return
        if span.label != "PERSON":
            self.reader.show_status("L links a PERSON: move onto a person first", error=True)
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
            f"Link {span.quote} to an organization", "ORG", self.picker_entities(view, "ORG")
        )
        self.push(picker, org_chosen)

    def _link_form(self, view, span_id, person_name, picked, org_name, sentence) -> None:
        from tui.screens.link_form import LinkForm

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
            link, evidence_range = _as_saved(
                Link(0, doc_id, "", picked.entity_id or "", ""), result
            )
            self.run(
                lambda: claim_link_actions.save_link(
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
        self.push(form, save)

    def _evidence_choices(
        self, doc_id: str, text: str, sentence: tuple[int, int] | None, claim: Claim | None
    ) -> list[tuple[str, int | str]]:
        """What a link may cite: the claim under the cursor and the proposed sentence first,
        then every claim of the document, then every sentence (tagged as a claim when chosen;
        at most EVIDENCE_SENTENCES, the nearest to the proposed one)."""
        claims = claims_for_document(self.db, doc_id, self.layer)
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
        from tui.screens.link_form import LinkForm

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
            changed, evidence_range = _as_saved(link, result)
            self.run(
                lambda: claim_link_actions.save_link(
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
        self.push(form, save)

    def delete_link(self, link_id: int) -> None:
        """Delete a link (from the links panel)."""
        self.run(lambda: claim_link_actions.delete_link(self.db, link_id, self.annotator))

    def links_of(self, document_id: str) -> list[Link]:
        """The document's links, for the panel."""
        return links_for_document(self.db, document_id, self.layer)
