"""The reading app's entity worker: a result that arrives for an article the
reader left is never shown on another one, and quitting while a big article
is analysed leaves no process behind."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from reader.corpus.article import Article
from reader.entities.model import Entity
from reader.tui.app import ReaderApp
from reader.tui.entity_runner import PROCESS_CHARS
from reader.tui.screens.main_screen import MainScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel
from tests.test_entity_runner import alive, in_child
from tests.tui_support import corpus_of, fake_entities, settle, wait_until

SIZE = (120, 40)


def big_text(name: str) -> str:
    """Lines mentioning `name`, over PROCESS_CHARS in all."""
    line = f"{name} met them today. " * 3 + "\n"
    return line * (PROCESS_CHARS // len(line) + 1)


def slow_in_child(article: Article) -> list[Entity]:
    """fake_entities; in the child, a text marked SLOW takes a minute and one
    marked SLOWISH a second."""
    if in_child():
        if "SLOWISH" in article.text:
            time.sleep(1.0)
        elif "SLOW" in article.text:
            time.sleep(60)
    return fake_entities(article)


def main_screen(app: ReaderApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def shown_entity_texts(app: ReaderApp) -> set[str]:
    view = app.screen.query_one(ArticleView)
    return {e.text for e in view._entities}


def panel_keys(app: ReaderApp) -> set[str]:
    return {g.key for g in app.screen.query_one(EntityPanel).groups}


async def test_a_stale_process_result_is_never_shown(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        {
            "a.txt": "Small\n\nKyiv",
            "b.txt": "SLOWISH\n\n" + big_text("Putin"),
            "c.txt": "Big\n\n" + big_text("NATO"),
        },
    )
    app = ReaderApp(corpus=corpus, extractor=slow_in_child)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        runner = screen._entity_runner
        await pilot.press("down", "enter")  # b: a second in the child
        await wait_until(pilot, lambda: bool(runner.child_pids))
        (b_pid,) = runner.child_pids
        assert "Finding entities" in str(app.screen.query_one(EntityPanel).render_line(0).text)
        await pilot.press("shift+tab", "down", "enter")  # c, before b is done
        await wait_until(pilot, lambda: corpus.articles[2].id in screen._entity_cache)
        await settle(pilot)
        assert not alive(b_pid)  # b's job was abandoned with its process
        assert app.screen.query_one(ArticleView).article_id == corpus.articles[2].id
        assert shown_entity_texts(app) == {"NATO"}
        assert panel_keys(app) == {"NATO"}
        await pilot.pause(1.2)  # when b would have finished
        await settle(pilot)
        assert corpus.articles[1].id not in screen._entity_cache
        assert shown_entity_texts(app) == {"NATO"}


async def test_a_late_thread_result_is_cached_not_shown(tmp_path: Path) -> None:
    release = threading.Event()

    def waits(article: Article) -> list[Entity]:  # a closure: runs in a thread
        if "WAIT" in article.text:
            release.wait(10)
        return fake_entities(article)

    corpus = corpus_of(
        tmp_path,
        {"a.txt": "WAIT\n\n" + big_text("Putin"), "b.txt": "Small\n\nNATO and NATO"},
    )
    app = ReaderApp(corpus=corpus, extractor=waits)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert not screen._entity_runner.uses_process
        await pilot.press("down", "enter")  # b, while a's entities are found
        await pilot.pause()
        assert shown_entity_texts(app) == {"NATO"}
        release.set()
        await wait_until(pilot, lambda: corpus.articles[0].id in screen._entity_cache)
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article_id == corpus.articles[1].id
        assert shown_entity_texts(app) == {"NATO"}
        assert panel_keys(app) == {"NATO"}
        await pilot.press("shift+tab", "up", "enter")  # back to a: from the cache
        await pilot.pause()
        assert shown_entity_texts(app) == {"Putin"}


async def test_quit_while_a_big_article_is_analysed_leaves_no_process(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, {"a.txt": "SLOW\n\n" + big_text("Putin")})
    app = ReaderApp(corpus=corpus, extractor=slow_in_child)
    async with app.run_test(size=SIZE) as pilot:
        runner = main_screen(app)._entity_runner
        await wait_until(pilot, lambda: bool(runner.child_pids))
        (pid,) = runner.child_pids
        assert alive(pid)
        started = time.monotonic()
        await pilot.press("q")
    assert time.monotonic() - started < 10  # not the minute the job would take
    assert app.return_code == 0
    assert not alive(pid)
    assert runner.child_pids == []
