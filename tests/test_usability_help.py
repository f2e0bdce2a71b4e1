"""The help screen lists keys that do something (found by hand: the sidebar,
entity and notes lists and the article each listed "Scroll Left", "Scroll
Right", "Page Left" and "Page Right", which do nothing there: nothing in
them scrolls sideways)."""

from __future__ import annotations

from textual.widgets import Static

from reader.tui.screens.help_screen import HelpScreen
from tests.test_tui_app import SIZE, make_app, settle


async def test_help_leaves_out_sideways_scrolling_where_nothing_scrolls_sideways() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = str(app.screen.query_one("#help-table", Static).content)
        for gone in ("Scroll Left", "Scroll Right", "Page Left", "Page Right"):
            assert gone not in table
        for kept in ("Page Up", "Page Down", "Next article", "Cursor page down"):
            assert kept in table
