"""The reading view, the entities panel and the sidebar hand their lines on
without Textual's per-line styling pass (DirectLines) when it would only pad
them: what they hand on is what that pass gives, line by line, after a focus
change, a theme change, a resize, a scroll and a new article; with a style
the shortcut does not draw, Textual's own path draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.app import ReaderApp
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.direct_lines import DirectLines
from reader.tui.widgets.entity_panel import EntityPanel
from tests.tui_support import corpus_of, fake_entities, settle

pytestmark = pytest.mark.usefixtures("no_user_config")

PARAGRAPH = "Putin and Zelensky spoke of Ukraine and Russia in 2023 and 2024. " * 4
FILES = {
    "a.txt": "Title of article A\n\n" + (PARAGRAPH + "\n\n") * 12,
    "b.txt": "Title of article B\n\nKyiv [bold]not markup[/bold] 漢字の段落\n\n"
    + (PARAGRAPH + "\n\n") * 30,
    **{f"z{n:02}.txt": f"Short article {n}\n\nText.\n" for n in range(60)},
}


def textual_lines(widget: Widget, crop: Region) -> list[Strip]:
    """The lines Textual's own path gives for `crop`, from scratch."""
    widget._styles_cache.clear()
    return Widget.render_lines(widget, crop)


def check(widgets: list[DirectLines]) -> None:
    for widget in widgets:
        assert widget._direct_ok(), widget
        width, height = widget.size
        for crop in (Region(0, 0, width, height), Region(2, 3, width - 5, height - 4)):
            ours = widget.render_lines(crop)
            assert ours == textual_lines(widget, crop), (widget, crop)
            assert widget.render_lines(crop) == ours  # (kept lines: the same)


async def open_article(pilot, app: ReaderApp, name: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    screen.current = [a.id for a in screen.articles].index(name)  # type: ignore[attr-defined]
    await settle(pilot)


async def test_direct_lines_are_the_styled_lines(tmp_path: Path) -> None:
    app = ReaderApp(corpus=corpus_of(tmp_path, FILES), extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "a.txt")
        screen = app.screen
        view = screen.query_one(AnnotatedArticleView)
        widgets = [view, screen.query_one(EntityPanel), screen.query_one(ArticleList)]
        assert all(isinstance(w, DirectLines) for w in widgets)
        assert any(view.styles.padding)  # (padded at the sides: drawn here too)
        check(widgets)

        view.focus()  # :focus styles (a background tint in the lists)
        await settle(pilot)
        check(widgets)
        widgets[1].focus()
        await settle(pilot)
        check(widgets)
        await open_article(pilot, app, "b.txt")  # new text, new rows
        check(widgets)
        view.scroll_to(y=25, animate=False)
        await settle(pilot)
        check(widgets)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        check(widgets)
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await settle(pilot)
        check(widgets)
        # another background, the drawn text lines kept: the padding follows
        view.styles.background = "darkred"
        await settle(pilot)
        check(widgets)


async def test_a_style_it_does_not_draw_takes_textuals_path(tmp_path: Path) -> None:
    app = ReaderApp(corpus=corpus_of(tmp_path, FILES), extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "a.txt")
        view = app.screen.query_one(AnnotatedArticleView)
        crop = Region(0, 0, *view.size)
        before = view.render_lines(crop)
        view.styles.tint = "red 30%"
        await settle(pilot)
        assert not view._direct_ok()
        tinted = view.render_lines(crop)
        assert tinted != before
        assert tinted == textual_lines(view, crop)
        view.styles.tint = None
        view.styles.padding = (1, 2)  # padding above and below
        await settle(pilot)
        assert not view._direct_ok()
        assert view.render_lines(Region(0, 0, *view.size)) == textual_lines(
            view, Region(0, 0, *view.size)
        )
        view.styles.padding = (0, 1)  # back to the sides only: direct again
        await settle(pilot)
        check([view])
