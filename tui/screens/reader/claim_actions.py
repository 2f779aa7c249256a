"""The annotator's claim actions: tag a sentence or selection as a claim (or edit the one under
the cursor), delete one, and relate it to claims in other documents."""

from __future__ import annotations

from store import claim_link_actions
from talent.model import Claim
from talent.sentences import guess_category, sentence_at
from tui.screens.reader.action_runner import ActionRunner
from tui.widgets.article_view import ArticleView


class ClaimActions(ActionRunner):
    """What `c`, `D` and `C` do, and the claims panel's delete."""

    def _claim(self, view: ArticleView) -> None:
        from tui.screens.claim_form import ClaimForm, ClaimInput

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
                self.reader.show_status("no sentence here to tag", error=True)
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
            if self.run(lambda: claim_link_actions.save_claim(self.db, claim, self.annotator)):
                view.anchor = None
                view.refresh()

        form = ClaimForm(view.text[start:end], initial, speakers, editing=existing is not None)
        self.push(form, save)

    def _delete_claim(self, view: ArticleView) -> None:
        claim = view.marks.claim_at(view.cursor)
        if claim:
            self.delete_claim(claim.id)
        else:
            self.reader.show_status("no claim under the cursor", error=True)

    def _relate_claim(self, view: ArticleView) -> None:
        from store.claim_relations import other_claims, relate_claims
        from tui.screens.claim_relations_screen import ClaimRelationsScreen

        claim = view.marks.claim_at(view.cursor)
        if claim is None:
            self.reader.show_status("no claim under the cursor: c tags one", error=True)
            return

        def relate(other, kind: str | None) -> str:
            self.run(lambda: relate_claims(self.db, claim.id, other.claim.id, kind, self.annotator))
            return self.reader.last_message

        self.push(ClaimRelationsScreen(claim, lambda: other_claims(self.db, claim), relate))

    def claim_relations_of(self, document_id: str) -> dict[int, dict[str, int]]:
        """How many claims elsewhere each claim of the document is the same as or contradicts."""
        from store.claim_relations import relation_counts

        return relation_counts(self.db, document_id)

    def delete_claim(self, claim_id: int) -> None:
        """Delete a claim (from the text or the claims panel)."""
        self.run(lambda: claim_link_actions.delete_claim(self.db, claim_id, self.annotator))
