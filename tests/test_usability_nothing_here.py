"""Keys that find nothing say so, and `s` between paragraphs takes the next
sentence (found by hand: `j` from the title lands on the blank line under it,
where `s` selected nothing; `}` past the last note, `{` before the first and
that `s` only rang the bell, which tmux and many terminals do not show)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.dialogs import AnnotationDialog
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from tests.annotation_support import make_app
from tests.tui_support import settle, wait_until

pytestmark = pytest.mark.usefixtures("no_user_config")


def said(app, words: str) -> bool:  # type: ignore[no-untyped-def]
    return any(words in str(n.message) for n in app._notifications)


async def test_s_on_a_blank_line_selects_the_next_sentence(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        text = view.text
        blank = text.index("\n\n") + 1  # the empty line under the title
        view.move_to_offset(blank)
        await pilot.pause()
        assert text[view.cursor_offset : view.cursor_offset + 1] == "\n"
        await pilot.press("s")
        await pilot.pause()
        chosen = view.selected_text
        body = text[blank:].lstrip()
        assert chosen and body.startswith(chosen)  # the body's first sentence
        assert not said(app, "No sentence")


async def test_s_on_trailing_blank_lines_selects_the_last_sentence(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        view.load_text(view.text.rstrip() + "\n\n\n")
        view.move_to_offset(len(view.text))
        await pilot.press("s")
        await pilot.pause()
        assert view.selected_text and view.text.rstrip().endswith(view.selected_text.rstrip())


async def test_keys_that_find_nothing_say_so(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        await pilot.press("s", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        await pilot.press(*"only note", "ctrl+s")
        await wait_until(pilot, lambda: len(view.notes) == 1)
        view.move_to_offset(len(view.text))  # past the only note
        await pilot.press("right_curly_bracket")
        await wait_until(pilot, lambda: said(app, "No more notes after the cursor"))
        view.move_to_offset(0)
        await pilot.press("left_curly_bracket")
        await wait_until(pilot, lambda: said(app, "No note before the cursor"))
