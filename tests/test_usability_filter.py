"""The footer while filtering says how to get to the results (found by hand:
it showed only "esc Clear filter  / Filter"; down and enter go to the list,
keeping the filter, and nothing said so)."""

from __future__ import annotations

from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.filter_input import FilterInput
from tests.test_tui_app import SIZE, make_app, settle
from tests.tui_support import screen_lines


async def test_filter_footer_names_the_way_to_the_results() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"putin")
        await settle(pilot)
        assert isinstance(app.focused, FilterInput)
        footer = screen_lines(app)[-1]
        assert "↓ To the list" in footer and "esc Clear filter" in footer
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(app.focused, ArticleList)
        assert app.screen.query_one(FilterInput).value == "putin"
