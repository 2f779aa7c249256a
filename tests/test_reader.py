"""The reader, driven through Textual's pilot: panes, navigation, search, palette, help."""

import html

import pytest

from store.documents import document_titles
from tests.tui_helpers import footer_text, make_app, screen_text

pytestmark = pytest.mark.asyncio


async def test_english_seed_left_chinese_seed_right(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        left, right = app.reader.panes
        assert left.view.document.lang == "en" and right.view.document.lang == "zh"
        assert "OpenAI's talent changes" in str(left.query_one(".pane-header").render())
        assert "美国一周内吸引4位中国顶尖AI人才" in str(right.query_one(".pane-header").render())
        assert "于佳慧" in screen_text(right.view)
        assert left.view.has_focus


async def test_n_and_shift_n_walk_the_entities(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.reader.panes[0].view
        starts = [s.start for s in view.spans]
        await pilot.press("n")
        assert view.cursor == starts[1]  # the first entity starts at 0, under the cursor already
        await pilot.press("n", "n")
        assert view.cursor == starts[3]
        await pilot.press("N")
        assert view.cursor == starts[2]
        assert view.span_at(view.cursor) is not None


async def test_cursor_keys_move_by_character_line_and_word(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.panes[1].view  # Chinese
        view.focus()
        await pilot.press("l", "l")
        assert view.cursor == 2
        await pilot.press("j")
        second = view.layout_lines[1]
        assert second[0] <= view.cursor < second[1]
        await pilot.press("k", "h", "h")
        assert view.cursor == 0
        await pilot.press("w")
        assert view.text[: view.cursor] == "在"  # jieba: 在/全球/范围/内
        await pilot.press("w")
        assert view.text[: view.cursor] == "在全球"
        await pilot.press("G")
        assert view.cursor == len(view.text)
        await pilot.press("g")
        assert view.cursor == 0


async def test_up_and_down_keep_the_display_column_over_double_width_text(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.panes[1].view
        view.focus()
        view.move_to(view.layout_lines[1][0] + 3)  # three CJK characters: column 6
        await pilot.press("k")
        assert view.cursor == view.layout_lines[0][0] + 3


async def test_page_down_scrolls_and_moves_the_cursor(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.panes[0].view
        await pilot.press("pagedown")
        assert view.scroll_offset.y > 0
        assert view.cursor > 0
        await pilot.press("pageup")
        assert view.scroll_offset.y == 0


async def test_tab_switches_panes_and_brackets_switch_documents(tmp_path):
    app = make_app(tmp_path, {"third.txt": "Anthropic hired a researcher from OpenAI."})
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        left, right = app.reader.panes
        await pilot.press("tab")
        assert right.view.has_focus
        await pilot.press("shift+tab")
        assert left.view.has_focus
        await pilot.press("right_square_bracket")
        assert left.view.document.lang == "zh"
        await pilot.press("right_square_bracket")
        assert left.view.document.text.startswith("Anthropic hired")
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert left.view.document.lang == "en"


async def search(pilot, query: str, jump: bool = True) -> None:
    """Search for the query in the dialog; with jump, go to the first hit."""
    await pilot.press("slash")
    await pilot.press(*query, "enter")
    await pilot.pause()
    if jump:
        await pilot.press("enter")
        await pilot.pause()


async def test_search_finds_chinese_and_jumps_to_the_hit(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await search(pilot, "黄仁勋")
        view = app.reader.focused_pane.view
        assert view.document.lang == "zh"
        assert view.text[view.cursor : view.cursor + 3] == "黄仁勋"
        assert view.found == (view.cursor, view.cursor + 3)


async def test_search_results_are_one_line_each_with_the_match_marked_and_capped_counts(
    tmp_path,
):
    app = make_app(tmp_path, {"long.txt": "OpenAI 的研究员加入了 Meta。\n" * 600})
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await search(pilot, "AI", jump=False)
        count = str(app.screen.query_one("#search-count").render())
        assert "the first 500 shown, type more to narrow" in count
        results = app.screen.query_one("#search-results")
        for index in (0, 1, 499):
            prompt = results.get_option_at_index(index).prompt
            assert "\n" not in prompt.plain and prompt.no_wrap
            marked = [
                prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)
            ]
            assert [m.lower() for m in marked] == ["ai"]
        # Each result takes one line on screen.
        assert results.virtual_size.height == 500


async def test_a_new_search_clears_the_old_match_in_the_other_pane(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await search(pilot, "OpenAI")
        first = app.reader.focused_pane.view
        assert first.found is not None
        await pilot.press("tab")
        await search(pilot, "黄仁勋")
        assert app.reader.focused_pane.view is not first
        assert first.found is None


async def test_palette_opens_a_document_by_fuzzy_title(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"吸引4位", "down", "enter")
        await pilot.pause()
        assert app.reader.panes[0].view.document.lang == "zh"


async def test_help_lists_every_reading_key(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 120)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        for words in (
            "Next / previous entity",
            "Start a selection",
            "Search all documents",
            "Sync scroll",
            "Page down",
            "Next word",
            "Accept the entity under the cursor",
            "Accept every occurrence",
            "Label the selection or word",
            "Tag the selection or sentence as a claim",
            "Link the person under the cursor",
            "Undo your last action",
            "Redo what you undid",
            "Grow the span's start",
            "Mark the document new, in progress or done",
        ):
            assert words in text
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_article_text_is_never_read_as_markup(tmp_path):
    app = make_app(tmp_path, {"markup.txt": "Title [b]not bold[/b] and [red]x[/red]\nMore text."})
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        doc_id = next(d.id for d in document_titles(app.db) if d.title.startswith("Title"))
        app.reader.open_document(doc_id)
        await pilot.pause()
        shown = screen_text(app.reader.panes[0].view, 3)
        assert "[b]not bold[/b] and [red]x[/red]" in shown
        assert "[b]not bold" in str(app.reader.panes[0].query_one(".pane-header").render())


async def test_synchronised_scrolling_moves_the_other_pane(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        left, right = app.reader.panes
        await pilot.press("pagedown")
        await pilot.pause()
        assert right.view.scroll_offset.y == 0
        await pilot.press("s", "G")
        await pilot.pause()
        assert right.view.scroll_offset.y > 0


async def test_narrow_terminal_stacks_the_panes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left, right = app.reader.panes
        assert app.reader.has_class("narrow")
        assert left.region.y < right.region.y and left.region.x == right.region.x


async def test_entity_panel_groups_by_label_and_jumps_from_the_keyboard(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # the Chinese pane
        await pilot.pause()
        await pilot.press("tab")  # the entity list
        panel = app.reader.query_one("#entity-list")
        assert panel.has_focus
        rows = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any(row.startswith("PERSON (") for row in rows)
        target = next(i for i, row in enumerate(rows) if "黄仁勋" in row)
        panel.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        view = app.reader.panes[1].view
        assert view.text[view.cursor : view.cursor + 3] == "黄仁勋"


async def test_claims_are_marked_in_the_gutter(tmp_path):
    from store.annotations import insert_claim
    from store.documents import list_documents
    from store.history import user_action
    from talent.model import Claim

    app = make_app(tmp_path)
    doc = next(d for d in list_documents(app.db) if d.lang == "zh")
    start = doc.text.index("仅于佳慧的招募")
    end = doc.text.index("总计达到4亿美元。") + len("总计达到4亿美元。")
    with user_action(app.db, "tag claim") as action:
        insert_claim(action, Claim(0, doc.id, start, end, doc.text[start:end], "compensation"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.reader.panes[1].view
        view.move_to(start)
        await pilot.pause()
        top = view.scroll_offset.y
        marked = [
            index
            for index in range(top, top + view.scrollable_content_region.height)
            if view.render_line(index - top).text.startswith("▌")
        ]
        lines = view.layout_lines
        expected = [i for i, (s, e) in enumerate(lines) if s < end and e > start and top <= i]
        assert marked and marked == expected[: len(marked)]


async def test_a_failing_suggestion_update_is_a_notice_not_a_crash(tmp_path):
    import contextlib

    from textual.worker import WorkerFailed

    app = make_app(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    app.db_path = blocker / "talent.db"  # under a file: the worker cannot open it
    notices = []
    show = app.notify
    app.notify = lambda message, **kwargs: notices.append(message) or show(message, **kwargs)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        worker = app.suggestions.refresh()
        with contextlib.suppress(WorkerFailed):
            await worker.wait()
        await pilot.pause()
        assert app.is_running
        assert any(notice.startswith("Could not update suggestions") for notice in notices)


@pytest.mark.parametrize("size", [(100, 48), (240, 48)])
async def test_a_resize_keeps_the_text_at_the_top_of_the_view(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.reader.panes[1].view  # Chinese
        view.focus()
        await pilot.press("pagedown", *"j" * 10)  # the cursor mid-page: it does not decide
        await pilot.pause()
        top_offset = view.layout_lines[round(view.scroll_offset.y)][0]
        cursor = view.cursor
        await pilot.resize_terminal(*size)
        await pilot.pause()
        start, end = view.layout_lines[round(view.scroll_offset.y)]
        assert start <= top_offset < end, view.text[start:end]
        assert view.cursor == cursor
        top, height = round(view.scroll_offset.y), view.scrollable_content_region.height
        cursor_line = next(i for i, (a, b) in enumerate(view.layout_lines) if a <= cursor < b)
        assert top <= cursor_line < top + height


def header_text(pane) -> str:
    return str(pane.query_one(".pane-header").render())


async def test_s_shows_synchronised_scrolling_in_both_headers_until_pressed_again(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert all("[sync]" in header_text(pane) for pane in app.reader.panes)
        await pilot.press("s")
        assert not any("[sync]" in header_text(pane) for pane in app.reader.panes)


async def test_an_empty_database_says_how_to_import_and_s_adds_the_seeds(tmp_path):
    from store.workspace import open_store
    from tui.app import TalentApp

    db = open_store(tmp_path / "empty.db", suggest=False, seed=False)
    app = TalentApp(db, refresh_suggestions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = str(app.reader.query_one("#empty").render())
        assert "No documents in this database yet" in hint and "talent-tui import" in hint
        assert not app.reader.query_one("#body").display  # the panes and the panel
        await pilot.press("a", "u")  # the reading keys do nothing here
        await pilot.press("S")
        await pilot.pause()
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        left, right = app.reader.panes
        assert left.view.document.lang == "en" and right.view.document.lang == "zh"
        assert app.reader.query_one("#body").display
        assert "added 2 seed article(s) · saved" in str(app.reader.query_one("#status").render())


async def test_the_cursor_keeps_lines_of_context_below_it(tmp_path):
    from tui.widgets.article_view import SCROLL_OFF
    from tui.widgets.wrap import line_of

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.panes[0].view
        height = view.scrollable_content_region.height
        await pilot.press(*["down"] * (height + 2))
        await pilot.pause()
        line = line_of(view._relayout().starts, view.cursor)
        top = round(view.scroll_offset.y)
        margin = min(SCROLL_OFF, (height - 1) // 2)
        assert top > 0 and line - top == height - 1 - margin


async def test_widening_the_terminal_brings_the_palette_key_back_to_the_footer(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "palette" not in footer_text(app.reader)
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        await pilot.pause()
        assert "palette" in footer_text(app.reader)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "palette" not in footer_text(app.reader)
