"""Two annotators' databases of the seed articles, annotated separately with a few deliberate
differences, as a team would hand them in for merging."""

from __future__ import annotations

from pathlib import Path

from seed_moves import link, seed_document

from store import actions
from store.annotations import spans_for_document
from store.documents import list_documents
from store.workspace import open_store

# Where bob differs from ana: a suggestion he rejects, one he relabels, one he takes shorter.
REJECTED_BY_BOB = "黄仁勋"
RELABELLED_BY_BOB = ("清华大学", "LOCATION")
SHORTENED_BY_BOB = "Meta超级智能实验室"


def annotate_seeds(path: Path, annotator: str, differ: bool = False) -> None:
    """Accept every suggestion of both seeds (bob: with his differences), mark them done, and
    link 于佳慧 to Meta (bob also links 赵盛佳)."""
    db = open_store(path)
    for document in list_documents(db):
        for span in spans_for_document(db, document.id):
            if span.status != "suggested":
                continue
            if differ and span.quote == REJECTED_BY_BOB:
                actions.decide_span(db, span.id, "rejected", annotator)
            elif differ and span.quote == RELABELLED_BY_BOB[0]:
                actions.relabel_span(db, span.id, RELABELLED_BY_BOB[1], annotator)
            elif differ and span.quote == SHORTENED_BY_BOB:
                # Resizing keeps a suggestion a suggestion: bob then accepts it, shorter.
                actions.resize_span(db, span.id, span.start, span.end - 5, annotator)
                actions.decide_span(db, span.id, "accepted", annotator)
            else:
                actions.decide_span(db, span.id, "accepted", annotator)
        actions.set_review_state(db, document.id, "done", annotator)
    zh = seed_document(db, "zh")
    link(db, zh, "于佳慧", "Meta", "joined", "仅于佳慧的招募", "4亿美元", annotator=annotator)
    if differ:
        link(
            db,
            zh,
            "赵盛佳",
            "Meta",
            "joined",
            "其他三位人才的待遇",
            "1.2亿美元以上",
            annotator=annotator,
        )
    db.close()
