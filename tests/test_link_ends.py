"""Saving a link accepts both of its ends: a link to an organization that was only suggested
would fall out of every export that ties links to spans."""

from __future__ import annotations

from store.annotations import links_for_document, spans_for_document
from tests.test_annotate import open_link_form_to_meta
from tests.tui_helpers import make_app
from tui.cli.main import main


async def test_a_link_to_a_suggested_organization_accepts_its_mention(tmp_path, capsys):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await open_link_form_to_meta(pilot, app)
        doc_id = view.document.id
        metas = [s for s in spans_for_document(app.db, doc_id) if s.quote == "Meta"]
        assert metas and all(s.status == "suggested" for s in metas)
        await pilot.press("enter")
        await pilot.pause()
    (link,) = links_for_document(app.db, doc_id)
    accepted = [
        s for s in spans_for_document(app.db, doc_id) if s.label == "ORG" and s.status == "accepted"
    ]
    assert len(accepted) == 1 and accepted[0].entity == link.org
    out = tmp_path / "brat"
    db_path = tmp_path / "talent.db"
    assert main(["export", "--format", "brat", "--out", str(out), "--db", str(db_path)]) == 0
    said = capsys.readouterr().out
    assert "link(s) left out" not in said
    ann = (out / f"{doc_id}.ann").read_text(encoding="utf-8")
    assert "\tjoined Arg1:" in ann


def _sums(text: str, *quotes: str) -> list[tuple[int, int, float]]:
    from talent.recognize.figures import parse_amount

    found = []
    for quote in quotes:
        start = text.index(quote)
        found.append((start, start + len(quote), parse_amount(quote)["amount"]))
    return found


def _proposed(text: str, *quotes: str) -> str | None:
    from talent.sentences import proposed_pay

    chosen = proposed_pay(text, _sums(text, *quotes))
    return None if chosen is None else text[chosen[0] : chosen[1]]


def test_the_amount_proposed_is_pay_never_the_price_of_a_deal():
    stake = (
        "Meta paid $14.3 billion for a 49% stake in Scale AI and hired its founder Alexandr Wang."
    )
    assert _proposed(stake, "$14.3 billion") is None
    zh = "Meta以143亿美元收购Scale AI 49%的股份，并聘请其创始人亚历山大·王加入。"
    assert _proposed(zh, "143亿美元") is None
    both = "After buying a stake for $2 billion, Meta offered Wang a $100 million pay package."
    assert _proposed(both, "$2 billion", "$100 million") == "$100 million"
    seed = "仅于佳慧的招募就涉及8000万美元的签约奖金以及未来3.2亿美元的股权，总计达到4亿美元。"
    assert _proposed(seed, "8000万美元", "3.2亿美元", "4亿美元") == "4亿美元"


def test_the_relation_guessed_is_what_the_words_before_the_organization_say():
    from talent.sentences import guess_relation

    poached = "Meta poached Lucas Beyer away from OpenAI last week."
    assert guess_relation(poached, ("OpenAI",)) == "left"
    assert guess_relation(poached, ("Meta",)) == "joined"  # the sentence's own cue
    assert guess_relation("于佳慧离开OpenAI加入Meta。", ("OpenAI",)) == "left"
    assert guess_relation("于佳慧离开OpenAI加入Meta。", ("Meta",)) == "joined"


async def test_any_sentence_of_the_document_can_be_cited(tmp_path):
    from textual.widgets import Select

    from talent.sentences import sentences_of

    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await open_link_form_to_meta(pilot, app)
        text = view.text
        # A sentence that states the move without naming the person.
        start, end = next(
            r for r in sentences_of(text) if "创建了“Meta超级智能实验室”" in text[slice(*r)]
        )
        evidence = app.screen.query_one("#evidence", Select)
        values = [value for _, value in evidence._options]
        assert f"sentence:{start}:{end}" in values
        assert len(values) > 20  # every sentence, not only the one under the cursor
        evidence.value = f"sentence:{start}:{end}"
        await pilot.press("enter")
        await pilot.pause()
    (link,) = links_for_document(app.db, view.document.id)
    quote = app.db.execute("SELECT quote FROM claims WHERE id = ?", [link.evidence]).fetchone()[0]
    assert quote == text[start:end]


async def test_who_asserts_a_claim_is_found_by_typing_part_of_the_name(tmp_path):
    from tests.test_annotate import focus_chinese

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await focus_chinese(pilot, app, "黄仁勋")
        await pilot.press("a")  # 黄仁勋 accepted: an entity of this document
        await pilot.pause()
        view = app.reader.panes[1].view
        view.move_to(view.text.index("黄仁勋"))
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#speaker").focus()
        await pilot.press(*"黄仁")  # typing opens the picker, filtered by what was typed
        await pilot.pause()
        assert type(app.screen).__name__ == "EntityPicker"
        options = app.screen.query_one("#picker-options")
        assert "Jensen Huang" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")  # chosen, back in the form
        await pilot.pause()
        await pilot.press("enter")  # the form saves
        await pilot.pause()
    said = app.db.execute(
        "SELECT e.name FROM claims c JOIN entities e ON e.id = c.attributed_to"
    ).fetchall()
    assert said == [("Jensen Huang",)]


def test_a_sum_that_is_a_deals_price_does_not_make_a_claim_about_pay():
    from talent.sentences import guess_category

    stake = "Meta以143亿美元收购Scale AI 49%的股份，并聘请其创始人亚历山大·王加入。"
    assert guess_category(stake, {"MONEY", "PERSON", "ORG"}) == "hiring"
    seed = "仅于佳慧的招募就涉及8000万美元的签约奖金以及未来3.2亿美元的股权，总计达到4亿美元。"
    assert guess_category(seed, {"MONEY", "PERSON"}) == "compensation"
