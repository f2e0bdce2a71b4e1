"""The reading view's keys pressed while the focus is elsewhere (found by
hand: at start the focus is in the sidebar, and the README's shortest path,
`s`, `a`, typing, ctrl+s, did nothing at all, with no word why). They now
move the focus to the article and do what they do there."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.dialogs import AnnotationDialog
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.filter_input import FilterInput
from tests.annotation_support import landed, make_app
from tests.tui_support import settle, wait_until

pytestmark = pytest.mark.usefixtures("no_user_config")


async def test_s_a_from_the_sidebar_annotates_the_open_articles_sentence(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        assert isinstance(app.focused, ArticleList)  # where a new user starts
        await pilot.press("s")
        await pilot.pause()
        assert app.focused is view
        assert view.selected_text  # the sentence under the reading cursor
        sentence = view.selected_text
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        await pilot.press(*"first", "ctrl+s")
        await landed(pilot)
        assert app.focused is view
        [saved] = app.screen.store.all()  # type: ignore[attr-defined]
        assert saved.note == "first" and saved.anchor.exact == sentence


async def test_a_from_the_sidebar_opens_the_dialog_and_escape_returns_to_the_article(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        await pilot.press("escape")
        await landed(pilot)
        assert app.focused is app.screen.query_one(AnnotatedArticleView)


async def test_letters_typed_in_the_filter_stay_in_the_filter(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"as", "v", "f")
        await pilot.pause()
        assert app.screen.query_one(FilterInput).value == "asvf"
        assert isinstance(app.focused, FilterInput)
        assert isinstance(app.screen, type(app.screen)) and not isinstance(
            app.screen, AnnotationDialog
        )


async def test_a_remapped_key_works_from_the_sidebar_too(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_keymap({"reader.annotate": "N"})
        await pilot.press("a")  # no longer the annotate key
        await pilot.pause()
        assert not isinstance(app.screen, AnnotationDialog)
        await pilot.press("N")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
