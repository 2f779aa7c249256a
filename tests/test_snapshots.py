"""Snapshots of the main screen at the two sizes users meet: 80x24 and 160x48."""

from tests.tui_helpers import make_app


async def settle(pilot) -> None:
    await pilot.pause()


def test_main_screen_80x24(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settle)


def test_main_screen_160x48(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=(160, 48), run_before=settle)


def test_help_screen(snap_compare, tmp_path):
    assert snap_compare(
        make_app(tmp_path), terminal_size=(100, 40), press=["question_mark"], run_before=settle
    )
