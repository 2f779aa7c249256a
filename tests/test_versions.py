"""Corrected articles: a changed text under the same source is a new version; annotations follow
their quotes into it, and what cannot be placed without doubt is kept and listed, never moved."""

from __future__ import annotations

import pytest

from store.actions import label_range
from store.annotations import claims_for_document, links_for_document, spans_for_document
from store.claim_link_actions import save_claim, save_link
from store.documents import get_document, list_documents
from store.versions import orphans_of
from talent.anchoring import place, quote_at
from talent.model import Claim, Link
from tests.integrity import export_text, integrity

ORIGINAL = (
    "Jiahui Yu left OpenAI in June.\n"
    "Meta paid Jiahui Yu a signing bonus of $80 million, people familiar with it said.\n"
)


def placed(old: str, start: int, end: int, new: str) -> str | None:
    """The text the annotation at old[start:end] covers in `new`, or None for an orphan."""
    where = place(quote_at(old, start, end), old, new)
    return None if not where.placed else f"{where.start}:{new[where.start : where.end]}"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("Breaking: " + ORIGINAL, "41:Meta"),  # text inserted before: the span moves with it
        (ORIGINAL + "More later.\n", "31:Meta"),  # after: it stays
        (ORIGINAL.replace("Meta paid", "Meta (Facebook) paid"), "31:Meta"),  # just after it
        (ORIGINAL.replace("Meta", "Me-ta"), None),  # inside: its text is gone
        (ORIGINAL.replace("Meta paid", "The company paid"), None),  # deleted
    ],
    ids=["before", "after", "next-to", "inside", "deleted"],
)
def test_a_quote_is_placed_only_where_the_new_text_leaves_no_doubt(new, expected):
    start = ORIGINAL.index("Meta")
    assert placed(ORIGINAL, start, start + 4, new) == expected


def test_a_repeated_quote_is_told_apart_by_its_context():
    start = ORIGINAL.index("Jiahui Yu a")  # the second of two
    new = "Update: " + ORIGINAL
    assert placed(ORIGINAL, start, start + 9, new) == f"{start + 8}:Jiahui Yu"
    twice = "Jiahui Yu said no.\n" * 2
    assert placed(twice, 19, 28, "Jiahui Yu said no.\n" * 3) is None  # no context tells


def test_a_moved_quote_whose_context_changed_is_placed_only_if_unique_in_both():
    old = "In June, OpenAI lost a researcher to Meta."
    new = "Meta hired a researcher from OpenAI in June."
    assert placed(old, old.index("Meta"), len(old) - 1, new) == "0:Meta"
    old_twice, new_twice = old + " Meta said so.", new + " Meta said so."
    assert (
        placed(old_twice, old_twice.index("Meta"), old_twice.index("Meta") + 4, new_twice) is None
    )


@pytest.fixture
def annotated(tmp_path, cli, db_path):
    """An imported article with two accepted mentions of a PERSON (one by the link), a DATE,
    a claim and a link citing it (which accepts a mention of its organization, Meta); returns
    (folder, the document's id)."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "meta.txt").write_text(ORIGINAL, encoding="utf-8")
    assert cli("import", folder)[0] == 0
    from store.workspace import open_store

    db = open_store(db_path, suggest=False)
    doc = next(d for d in list_documents(db) if d.source == "meta.txt")
    second = ORIGINAL.index("Jiahui Yu a")
    label_range(db, doc.id, second, second + 9, "PERSON")
    label_range(db, doc.id, ORIGINAL.index("June"), ORIGINAL.index("June") + 4, "DATE")
    sentence = (ORIGINAL.index("Meta"), ORIGINAL.index(" people") - 1)
    save_claim(db, Claim(0, doc.id, *sentence, ORIGINAL[slice(*sentence)], "compensation"))
    person = spans_for_document(db, doc.id)[0]
    claim = claims_for_document(db, doc.id)[0]
    save_link(
        db, Link(0, doc.id, "", "", "joined", claim.id), person_span=person.id, org_name="Meta"
    )
    db.close()
    return folder, doc.id


def test_a_corrected_article_is_a_new_version_with_every_annotation_carried(
    annotated, cli, db, db_path
):
    folder, old_id = annotated
    before = export_text(db_path)
    corrected = "Correction appended on 2 July.\n" + ORIGINAL.replace("June", "early June")
    (folder / "meta.txt").write_text(corrected, encoding="utf-8")
    status, out, err = cli("import", folder)
    assert (status, err) == (0, "")
    assert "1 new version of an earlier document: 6 annotation(s) carried over, 0 orphaned" in out
    new = next(d for d in list_documents(db) if d.supersedes == old_id)
    assert new.source == "meta.txt"
    decided = [
        (s.quote, s.label) for s in spans_for_document(db, new.id) if s.status != "suggested"
    ]
    assert decided == [
        ("Jiahui Yu", "PERSON"),
        ("June", "DATE"),
        ("Meta", "ORG"),
        ("Jiahui Yu", "PERSON"),
    ]
    for span in spans_for_document(db, new.id):
        assert corrected[span.start : span.end] == span.quote
    (claim,) = claims_for_document(db, new.id)
    assert corrected[claim.start : claim.end] == claim.quote and claim.category == "compensation"
    (link,) = links_for_document(db, new.id)
    assert link.evidence == claim.id and link.relation == "joined"
    assert orphans_of(db, new.id) == []
    # The old version stays readable, with its annotations where they were.
    assert get_document(db, old_id).text == ORIGINAL
    assert integrity(db_path) == "ok"
    assert before in export_text(db_path)  # the old version's lines are unchanged


def test_what_cannot_be_placed_is_kept_on_the_old_version_and_listed(annotated, cli, db, db_path):
    folder, old_id = annotated
    old_spans = spans_for_document(db, old_id)
    rewritten = ORIGINAL.replace("in June", "this summer").replace("Meta paid", "Meta pays")
    (folder / "meta.txt").write_text(rewritten, encoding="utf-8")
    status, out, _ = cli("import", folder)
    assert status == 0 and "3 annotation(s) carried over, 3 orphaned" in out
    new = next(d for d in list_documents(db) if d.supersedes == old_id)
    orphans = orphans_of(db, new.id)
    assert [(o.kind, o.label, o.text) for o in orphans] == [
        ("span", "DATE", "June"),
        ("claim", "compensation", ORIGINAL[ORIGINAL.index("Meta") : ORIGINAL.index(" people") - 1]),
        ("link", "joined", "Jiahui Yu → Meta"),
    ]
    assert orphans[0].reason == "its text is no longer in the document"
    assert orphans[2].reason == "its evidence claim could not be placed"
    assert spans_for_document(db, old_id) == old_spans  # kept, not shifted


def test_a_changed_text_in_another_language_or_source_is_a_document_of_its_own(cli, db, tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "zh").mkdir()
    (tmp_path / "en" / "a.txt").write_text("Meta hired Jiahui Yu.", encoding="utf-8")
    (tmp_path / "zh" / "a.txt").write_text("Meta聘请了于佳慧。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("OpenAI lost a researcher.", encoding="utf-8")
    status, out, _ = cli("import", tmp_path / "en", tmp_path / "zh", tmp_path / "b.txt")
    assert status == 0 and "imported 3 document(s)" in out and "new version" not in out
    assert all(d.supersedes is None for d in list_documents(db))


async def test_the_app_marks_old_versions_and_lists_orphans_with_o(annotated, cli, db_path):
    from store.workspace import open_store
    from tui.app import TalentApp

    folder, old_id = annotated
    rewritten = ORIGINAL.replace("in June", "this summer")
    (folder / "meta.txt").write_text(rewritten, encoding="utf-8")
    assert cli("import", folder)[0] == 0
    app = TalentApp(open_store(db_path, suggest=False))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        left, right = app.reader.panes
        # [ ] goes through current documents only: the old version is not among them.
        (new_id,) = [title.id for title in app.reader.current_documents()]
        assert new_id != old_id and left.view.document.id == new_id
        assert "[1 orphaned: O]" in str(left.query_one(".pane-header").render())
        assert app.screen.active_bindings["O"].enabled  # shown in the footer
        await pilot.press("O")
        await pilot.pause()
        listed = app.screen.query_one("#orphans-list")
        assert listed.option_count == 1
        assert "DATE «June»" in str(listed.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.reader
        assert right.view.document.id == old_id and right.view.has_focus
        assert right.view.document.text[right.view.cursor :].startswith("June")
        assert "[old version]" in str(right.query_one(".pane-header").render())
        assert "O" not in app.screen.active_bindings  # no orphans of its own: no O
