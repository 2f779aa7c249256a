"""The flows screen (F) and the proposals that two entities are one (M), driven by keys."""

from __future__ import annotations

import pytest
from seed_moves import annotate_seed_moves

from store import actions, claim_link_actions
from store.annotations import spans_for_document
from store.identity import proposals
from store.importer import import_paths
from store.suggestions import refresh_pending
from store.workspace import open_store
from tui.app import TalentApp
from tui.widgets.row_table import RowTable


@pytest.fixture
def app(db_path):
    db = open_store(db_path)
    annotate_seed_moves(db)
    return TalentApp(db)


async def open_flows(app, pilot):
    await pilot.press("F")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one("#moves", RowTable)


def column(table: RowTable, index: int) -> list[str]:
    return [row[index] for row in table.rows]


async def test_the_moves_table_shows_who_moved_from_openai_to_meta_and_for_how_much(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        table = await open_flows(app, pilot)
        meta = [row for row in table.rows if row[2] == "Meta"]
        assert len(meta) == 4 and {row[1] for row in meta} == {"OpenAI"}
        pay = {row[0]: row[4] for row in meta}
        assert pay["Jiahui Yu"] == "$400M in all ($320M equity; $80M signing bonus)"
        assert sorted(pay.values()).count("≥$120M") == 3
        detail = str(app.screen.query_one("#flows-detail").render())
        assert "OpenAI → Meta" in detail


async def test_typing_a_filter_narrows_the_moves_by_any_name_of_the_person(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = await open_flows(app, pilot)
        await pilot.press("slash", *"于佳慧")
        assert column(table, 0) == ["Jiahui Yu"]
        await pilot.press("escape")  # leaves the filter, not the screen
        assert table.has_focus
        await pilot.press("slash", "ctrl+u", *"anthropic")
        assert table.rows == []
        assert "0 move(s)" in str(app.screen.query_one("#flows-title").render())


async def test_s_sorts_by_the_next_column_and_S_reverses(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        table = await open_flows(app, pilot)
        await pilot.press("s")  # from date to pay
        assert column(table, 4)[-1].startswith("$400M")
        await pilot.press("S")
        assert column(table, 4)[0].startswith("$400M")


async def test_enter_opens_the_evidence_sentence_in_an_article_pane(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        table = await open_flows(app, pilot)
        table.move_to(column(table, 0).index("Jiahui Yu"))
        await pilot.press("enter")  # read in two places: a picker
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        assert options.option_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is app.reader
        view = app.reader.focused_pane.view
        start, end = view.found
        assert "总计达到4亿美元" in view.document.text[start:end]
        assert view.cursor == start
        await pilot.press("F")  # back as it was left
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#moves", RowTable).rows


async def test_pairs_sum_the_pay_and_enter_shows_the_pairs_moves(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_flows(app, pilot)
        await pilot.press("p")
        pairs = app.screen.query_one("#pairs", RowTable)
        assert pairs.rows[0] == ("OpenAI", "Meta", "4", "4", "≥$760M", "≥$120M")
        await pilot.press("enter")
        moves = app.screen.query_one("#moves", RowTable)
        assert moves.has_focus and len(moves.rows) == 4
        assert app.screen.query_one("#flows-filter").value == "OpenAI Meta"


async def test_the_timeline_and_the_chart(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = await open_flows(app, pilot)
        table.move_to(column(table, 0).index("Jiahui Yu"))
        await pilot.press("t")
        timeline = app.screen.query_one("#timeline", RowTable)
        assert [row[1] for row in timeline.rows] == [
            "formerly_at", "joined", "offered_by", "offered_by",
        ]  # fmt: skip
        await pilot.press("c")
        chart = app.screen.query_one("#chart")
        assert chart.display
        matrix = chart.content  # a rich Table: origins as rows, destinations as columns
        assert "Meta" in str(matrix.columns[1].header)
        assert [str(cell) for cell in matrix.columns[1].cells] == ["4"]


async def test_m_proposes_a_chinese_name_and_its_pinyin_as_one_and_remembers_a_refusal(
    db_path, tmp_path
):
    db = open_store(db_path)
    annotate_seed_moves(db)
    story = tmp_path / "zhao.txt"
    story.write_text(
        "Meta hires\n\nMeta hired Shengjia Zhao and Hongyu Ren from OpenAI.\n", encoding="utf-8"
    )
    import_paths(db, [story])
    refresh_pending(db)
    doc_id = db.execute("SELECT id FROM documents WHERE title = 'Meta hires'").fetchone()[0]
    for span in spans_for_document(db, doc_id):
        if span.label == "PERSON":
            actions.decide_span(db, span.id, "accepted", "ana")
    [proposal] = [p for p in proposals(db) if "Shengjia Zhao" in (p.keep.name, p.other.name)]
    app = TalentApp(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        listed = app.screen.query_one(".decision-list")
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert any("Shengjia Zhao" in p and "赵盛佳" in p for p in prompts)
        listed.highlighted = next(i for i, p in enumerate(prompts) if "Shengjia Zhao" in p)
        await pilot.press("y")
        await pilot.pause()
        assert "now one entity" in str(app.screen.query_one(".decision-status").render())
        assert listed.option_count == len(prompts) - 1
        await pilot.press("escape")
        await pilot.press("u")  # the merge is one undoable action
        await pilot.pause()
        assert any(p.pair == proposal.pair for p in proposals(db))
        await pilot.press("M")
        await pilot.pause()
        listed = app.screen.query_one(".decision-list")
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        listed.highlighted = next(i for i, p in enumerate(prompts) if "Shengjia Zhao" in p)
        await pilot.press("n")
        await pilot.pause()
    assert not any(p.pair == proposal.pair for p in proposals(db))
    again = [p for p in proposals(open_store(db_path)) if p.pair == proposal.pair]
    assert again == []  # remembered in the database


async def test_a_change_made_in_the_app_shows_in_the_flows_next_time(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        table = await open_flows(app, pilot)
        before = len(table.rows)
        await pilot.press("escape")
        shulman = app.db.execute("SELECT id FROM links WHERE relation = 'left'").fetchone()[0]
        app.reader.annotator.run(lambda: claim_link_actions.delete_link(app.db, shulman, "ana"))
        table = await open_flows(app, pilot)
        assert len(table.rows) == before - 1
        assert "Shulman" not in column(table, 0)
