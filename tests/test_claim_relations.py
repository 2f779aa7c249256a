"""Claims across documents: the same or contradicting, figures compared by value (1亿美元 and
$100 million agree), one undoable action each, and the C key in the app."""

from __future__ import annotations

import pytest
from seed_moves import seed_document

from store import claim_link_actions
from store.annotations import claims_for_document
from store.claim_relations import other_claims, relate_claims, relation_counts
from store.documents import list_documents
from store.history import undo
from store.importer import import_paths
from store.suggestions import refresh_pending
from talent.claim_figures import Figure, compare_figures
from talent.model import Claim
from tui.app import TalentApp

ENGLISH = (
    "Meta pays\n\nMeta's offer to Jiahui Yu came to $400 million in all.\n"
    "Another report put it at $300 million.\n"
)


def money(text, amount, at_least=False):
    value = {"amount": amount, "currency": "USD", "per": None}
    return Figure("MONEY", text, value | ({"at_least": True} if at_least else {}))


def test_figures_agree_by_value_across_languages():
    agree = compare_figures([money("1亿美元", 100_000_000)], [money("$100 million", 100_000_000)])
    assert agree.summary() == "agree: 1亿美元 = $100 million" and not agree.differ
    differ = compare_figures([money("4亿美元", 4e8)], [money("$300 million", 3e8)])
    assert differ.differ and differ.summary() == "differ: 4亿美元 ≠ $300 million"
    parts = compare_figures(
        [money("8000万美元", 8e7), money("4亿美元", 4e8)], [money("$400 million", 4e8)]
    )
    assert not parts.differ  # a figure the other claim does not mention is no contradiction


def tag_claim(db, doc, cue):
    start = doc.text.index(cue)
    end = start + len(cue)
    claim_link_actions.save_claim(
        db, Claim(0, doc.id, start, end, doc.text[start:end], "compensation"), "ana"
    )
    return next(c for c in claims_for_document(db, doc.id) if c.start == start)


@pytest.fixture
def claims(db, tmp_path):
    path = tmp_path / "pays.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    import_paths(db, [path])
    refresh_pending(db)
    english = next(d for d in list_documents(db) if d.title == "Meta pays")
    zh = seed_document(db, "zh")
    chinese = tag_claim(
        db,
        zh,
        "仅于佳慧的招募就涉及8000万美元的签约奖金以及未来3.2亿美元的股权激励,总计达到4亿美元。",
    )
    total = tag_claim(db, english, "Meta's offer to Jiahui Yu came to $400 million in all.")
    lower = tag_claim(db, english, "Another report put it at $300 million.")
    return chinese, total, lower


def test_other_claims_come_with_their_figures_compared(db, claims):
    chinese, total, lower = claims
    others = {o.claim.id: o for o in other_claims(db, chinese)}
    assert others[total.id].figures.summary() == "agree: 4亿美元 = $400 million"
    assert others[lower.id].figures.differ
    assert next(iter(others)) == total.id  # agreeing figures first


def test_relating_claims_is_one_undoable_action(db, claims):
    chinese, total, lower = claims
    relate_claims(db, chinese.id, total.id, "same", "ana")
    relate_claims(db, lower.id, chinese.id, "contradicts", "ana")
    assert relation_counts(db, chinese.document_id) == {chinese.id: {"same": 1, "contradicts": 1}}
    assert other_claims(db, chinese)[0].kind in ("same", "contradicts")
    undo(db, "ana")
    assert relation_counts(db, chinese.document_id) == {chinese.id: {"same": 1}}
    relate_claims(db, chinese.id, total.id, None, "ana")
    assert relation_counts(db, chinese.document_id) == {}


async def test_C_relates_the_claim_under_the_cursor_from_the_keyboard(db, claims):
    chinese, total, _ = claims
    app = TalentApp(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.reader.open_document(chinese.document_id, chinese.start + 3)
        await pilot.pause()
        view = app.reader.focused_pane.view
        assert view.document.id == chinese.document_id
        await pilot.press("C")
        await pilot.pause()
        listed = app.screen.query_one(".decision-list")
        first = str(listed.get_option_at_index(0).prompt)
        assert "figures agree: 4亿美元 = $400 million" in first
        await pilot.press("s")
        await pilot.pause()
        assert "the same claim" in str(app.screen.query_one(".decision-status").render())
        assert str(listed.get_option_at_index(0).prompt).startswith("= ")
        await pilot.press("escape")
        await pilot.pause()
        app.reader.refresh_panel()  # not waiting for the redraw a burst of keys gets
        panel = app.reader.query_one("#claim-list")
        assert any(
            "=1" in str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)
        )
    assert relation_counts(db, chinese.document_id) == {chinese.id: {"same": 1}}
