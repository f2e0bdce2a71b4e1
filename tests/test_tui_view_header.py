"""The article header asks for a screen layout only when its height changes:
opening an article whose header takes as many lines as the last one repaints
the header alone (a layout costs a reflow and repaints every scrollbar). The
legend repaints only when what it shows changes."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.entities.model import Label
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.legend import Legend
from tests.tui_support import corpus_of

BODY = "\n\nSome text of the article, long enough to have a body.\n"


class HeaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        yield Static("below", id="below")


async def test_a_layout_only_when_the_height_changes(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        {
            "a.txt": "Short title one" + BODY,
            "b.txt": "Short title two" + BODY,
            "c.txt": "A much longer title that wraps over several lines " * 3 + BODY,
        },
    )
    by_name = {article.id: article for article in corpus.articles}
    app = HeaderApp()
    async with app.run_test(size=(40, 20)) as pilot:
        header = app.query_one(ArticleHeader)
        header.show_article(by_name["a.txt"])
        await pilot.pause()
        height = header.size.height
        layouts: list[bool] = []
        original = header.refresh

        def spy(*regions, repaint=True, layout=False, recompose=False):  # type: ignore[no-untyped-def]
            layouts.append(layout)
            return original(*regions, repaint=repaint, layout=layout, recompose=recompose)

        header.refresh = spy  # type: ignore[method-assign]
        header.show_article(by_name["b.txt"])
        await pilot.pause()
        assert layouts and not any(layouts)  # repainted, no layout
        assert header.size.height == height
        assert "Short title two" in header.render_line(0).text

        layouts.clear()
        header.show_article(by_name["c.txt"])
        await pilot.pause()
        assert any(layouts)
        assert header.size.height > height  # the whole title shows
        below = app.query_one("#below")
        assert below.region.y == header.region.bottom  # and what is below moved down

        layouts.clear()
        header.show_article(None)
        await pilot.pause()
        assert any(layouts)  # one line again
        assert header.size.height == 1
        assert below.region.y == 1


class LegendApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Legend(id="legend")


async def test_the_legend_repaints_only_when_what_it_shows_changes() -> None:
    app = LegendApp()
    async with app.run_test(size=(60, 5)) as pilot:
        legend = app.query_one(Legend)
        counts = {Label.PERSON: 3, Label.PLACE: 1}
        legend.show_state(set(), True, counts)
        await pilot.pause()
        refreshed: list[int] = []
        original = legend.refresh

        def spy(*regions, **kw):  # type: ignore[no-untyped-def]
            refreshed.append(1)
            return original(*regions, **kw)

        legend.refresh = spy  # type: ignore[method-assign]
        # other counts, the same labels present: nothing to repaint
        legend.show_state(set(), True, {Label.PERSON: 9, Label.PLACE: 2, Label.ORG: 0})
        assert refreshed == []
        before = legend.render_line(0)
        legend.show_state(set(), True, {Label.PERSON: 9})  # places now absent: dimmed
        assert refreshed
        await pilot.pause()
        assert legend.render_line(0) != before
        refreshed.clear()
        legend.show_state({Label.PERSON}, True, {Label.PERSON: 9})  # hidden: struck through
        legend.show_state({Label.PERSON}, False, {Label.PERSON: 9})  # light theme colours
        assert len(refreshed) == 2
