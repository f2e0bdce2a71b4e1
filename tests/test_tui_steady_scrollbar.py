"""The scrollbars of the reading view and the lists keep what they drew
(SteadyScrollBar): a scrollbar that shows what it showed before is not drawn
again, and each drawing it gives is the one a plain Textual ScrollBar draws
for the same state: after a theme change, a resize, a scroll and a new text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from reader.tui.app import ReaderApp
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.steady_scrollbars import SteadyScrollBar
from tests.tui_support import corpus_of, fake_entities, settle

pytestmark = pytest.mark.usefixtures("no_user_config")

PARAGRAPH = "Putin and Zelensky spoke of Ukraine and Russia in 2023 and 2024. " * 4
FILES = {
    "a.txt": "Title of article A\n\n" + (PARAGRAPH + "\n\n") * 12,
    "b.txt": "Title of article B\n\n" + (PARAGRAPH + "\n\n") * 30,
    **{f"z{n:02}.txt": f"Short article {n}\n\nText.\n" for n in range(60)},
}


def drawn(bar: SteadyScrollBar) -> list[Strip]:
    """What the bar gives the compositor now (its cache, if it has the state)."""
    return bar.render_lines(Region(0, 0, *bar.size))


def drawn_plain(bar: SteadyScrollBar) -> list[Strip]:
    """What a plain ScrollBar draws for the bar's state, from scratch."""
    bar.refresh()  # every line and the Rich render done again
    return ScrollBar.render_lines(bar, Region(0, 0, *bar.size))


async def open_article(pilot, app: ReaderApp, name: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    screen.current = [a.id for a in screen.articles].index(name)  # type: ignore[attr-defined]
    await settle(pilot)


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    return ReaderApp(corpus=corpus_of(tmp_path, FILES), extractor=fake_entities)


async def test_scrollbars_are_steady_and_keep_a_drawing(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "a.txt")
        view = app.screen.query_one(AnnotatedArticleView)
        sidebar = app.screen.query_one(ArticleList)
        for widget in (view, sidebar):
            assert type(widget.vertical_scrollbar) is SteadyScrollBar
            assert type(widget.horizontal_scrollbar) is SteadyScrollBar
            assert widget.vertical_scrollbar is widget.vertical_scrollbar  # made once
        bar = view.vertical_scrollbar
        assert bar._direct_ok()  # (drawn without Textual's per-line pass: compared below)
        first = drawn(bar)
        assert first == drawn_plain(bar)

        rendered: list[int] = []
        original = bar.render

        def counted():  # type: ignore[no-untyped-def]
            rendered.append(1)
            return original()

        bar.render = counted  # type: ignore[method-assign]
        await open_article(pilot, app, "b.txt")  # another length: drawn
        longer = drawn(bar)
        assert longer != first
        await open_article(pilot, app, "a.txt")  # the same length again: kept
        rendered.clear()
        again = drawn(bar)
        assert again is first
        # render() gave the key; no Rich render of the bar went with it
        assert rendered == [1]


async def test_a_new_text_a_scroll_a_resize_and_a_theme_draw_it_anew(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "a.txt")
        view = app.screen.query_one(AnnotatedArticleView)
        bar = view.vertical_scrollbar
        seen = [drawn(bar)]

        def check_new() -> None:
            now = drawn(bar)
            assert all(now != before for before in seen)
            assert now == drawn_plain(bar)
            seen.append(now)

        await open_article(pilot, app, "b.txt")  # new text: a smaller thumb
        check_new()
        view.scroll_to(y=40, animate=False)  # the thumb moves down
        await settle(pilot)
        check_new()
        await pilot.resize_terminal(120, 30)  # a shorter bar
        await settle(pilot)
        check_new()
        view.styles.scrollbar_color = "red"  # other colours, all else the same
        await settle(pilot)
        check_new()
        bar.mouse_over = True  # the hover colours
        await settle(pilot)
        check_new()
        # another dark theme: the same ANSI colours, other scrollbar colours
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await settle(pilot)
        check_new()
