"""The filter box: a query longer than the box scrolls so that its end and
the cursor stay in view, without a layout of the screen per keystroke."""

from __future__ import annotations

from reader.tui.app import ReaderApp
from reader.tui.widgets.filter_input import FilterInput
from tests.tui_support import fake_entities, screen_lines, seeds, settle

SIZE = (120, 40)


async def test_a_long_query_scrolls_to_its_end() -> None:
    app = ReaderApp(corpus=seeds(), db_path=None, extractor=fake_entities)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = app.screen.query_one(FilterInput)
        query = "abcdefghij" * 6 + "xyz"  # wider than the sidebar
        await pilot.press("slash", *query)
        await pilot.pause()
        assert box.value == query
        assert box.virtual_size.width > box.content_region.width
        assert box.scroll_offset.x > 0  # scrolled to keep the cursor in view
        row = box.region.y
        drawn = screen_lines(app)[row][box.region.x : box.region.right]
        assert "xyz" in drawn and "abcdefghijabcdefghijabcdefghij" not in drawn
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_offset.x == 0
        drawn = screen_lines(app)[row][box.region.x : box.region.right]
        assert drawn.lstrip().startswith("abcdefghij")


async def test_typing_in_the_box_asks_for_no_layout() -> None:
    app = ReaderApp(corpus=seeds(), db_path=None, extractor=fake_entities)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one(FilterInput)
        asked: list[dict[str, object]] = []
        original = box.refresh

        def refresh(*args, **kwargs):  # type: ignore[no-untyped-def]
            if kwargs.get("layout"):
                asked.append(kwargs)
            return original(*args, **kwargs)

        box.refresh = refresh  # type: ignore[method-assign]
        await pilot.press(*"zzzq")
        assert box.value == "zzzq"
        assert box.virtual_size.width >= 4  # the text's width is still known
        assert asked == []
