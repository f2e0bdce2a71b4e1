"""The main screen draws a due frame as soon as it goes idle (prompt_frames.py),
not at the update timer's next tick, and never more than 60 frames a second.

The update timer is switched off in these tests (its resume does nothing):
what is drawn is then drawn by PromptFrames alone."""

from __future__ import annotations

import asyncio
import time

import pytest
from textual.app import App
from textual.screen import UPDATE_PERIOD

from reader.tui import prompt_frames
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from tests.tui_support import fake_entities, screen_text, seeds, settle

pytestmark = pytest.mark.usefixtures("no_user_config")


def timer_off(app: App[object]) -> list[int]:
    """Stop the screen's update timer from ever drawing; the list grows by one
    per resume it was asked for."""
    resumed: list[int] = []
    app.screen._update_timer.pause()
    app.screen._update_timer.resume = lambda: resumed.append(1)  # type: ignore[method-assign]
    return resumed


async def drawn_within(app: App[object], seconds: float) -> bool:
    """Whether a frame is drawn within `seconds` (after-refresh callbacks run
    after the next frame only)."""
    event = asyncio.Event()
    app.screen.call_after_refresh(event.set)
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        return False
    return True


async def test_an_open_is_drawn_without_the_update_timer() -> None:
    app = ReaderApp(corpus=seeds(), extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        resumed = timer_off(app)
        first = app.screen.query_one(ArticleView).article_id
        app.screen.current = 1
        assert await drawn_within(app, 2.0)
        view = app.screen.query_one(ArticleView)
        assert view.article_id != first
        assert resumed  # Textual asked its timer too: the fallback stays in place
        title = app.screen.articles[app.screen.current].title.value or ""
        assert title[:30] in screen_text(app)


async def test_frames_are_at_most_sixty_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    app = ReaderApp(corpus=seeds(), extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        timer_off(app)
        now = [time.monotonic() + 10.0]
        monkeypatch.setattr(prompt_frames, "clock", lambda: now[0])
        app.screen.refresh()
        assert await drawn_within(app, 2.0)  # the last frame was long ago: drawn
        now[0] += UPDATE_PERIOD / 2  # half an interval later: left to the timer
        app.screen.refresh()
        assert not await drawn_within(app, 0.3)
        now[0] += UPDATE_PERIOD  # due again: the next idle draws it
        app.screen.query_one(ArticleView).refresh()
        assert await drawn_within(app, 2.0)


async def test_a_change_right_after_a_frame_is_drawn_one_interval_later() -> None:
    app = ReaderApp(corpus=seeds(), extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        timer_off(app)
        for _ in range(3):  # each one within an interval of the frame before it
            app.screen.query_one(ArticleView).refresh()
            assert await drawn_within(app, 2.0)
