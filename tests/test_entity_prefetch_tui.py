"""The reading app finds a first open's entities without running the extractor
on the interface thread: from the triage index once it is built, and for the
sidebar neighbours from a worker that prepares them while the reader reads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.corpus.article import Article
from reader.entities import entities_for
from reader.entities.model import Entity
from reader.tui.app import ReaderApp
from reader.tui.entity_prefetch import known_fingerprint
from reader.tui.entity_runner import PROCESS_CHARS
from reader.tui.entity_work import analyse
from reader.tui.screens.main_screen import MainScreen
from reader.tui.screens.triage_actions import TriageActions
from reader.tui.widgets.article_view import ArticleView
from tests.tui_support import (
    corpus_of,
    fake_entities,
    no_neighbour_prefetch,
    seeds,
    settle,
    wait_until,
)

SIZE = (120, 40)


class Recording:
    """Wraps an extractor; records (article id, on the interface thread?)."""

    def __init__(self, extract: Callable[[Article], list[Entity]]) -> None:
        self.extract = extract
        self.calls: list[tuple[str, bool]] = []
        self.__module__ = "tests.test_entity_prefetch_tui"
        self.__qualname__ = f"Recording.{getattr(extract, '__name__', 'extract')}"

    def __call__(self, article: Article) -> list[Entity]:
        self.calls.append((article.id, threading.current_thread() is threading.main_thread()))
        return self.extract(article)

    def on_ui(self) -> list[str]:
        return [aid for aid, ui in self.calls if ui]

    def off_ui(self) -> list[str]:
        return [aid for aid, ui in self.calls if not ui]


def main_screen(app: ReaderApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def no_triage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TriageActions, "_start_triage", lambda self: None)


async def test_first_opens_after_the_triage_build_run_no_extractor_on_the_ui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_neighbour_prefetch(monkeypatch)
    corpus = seeds()
    extract = Recording(entities_for)
    app = ReaderApp(corpus=corpus, extractor=extract, db_path=tmp_path / "notes.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.prefetch_entities = False  # the index alone
        await wait_until(pilot, lambda: screen.triage is not None, 60)
        await wait_until(pilot, lambda: known_fingerprint(extract) is not None)
        await settle(pilot)
        ui_before = len(extract.on_ui())
        view = screen.query_one(ArticleView)
        for index in (3, 1, 4, 2):
            article = corpus.articles[index]
            assert article.id not in screen._entity_cache
            screen.current = index
            await pilot.pause()
            shown = screen._entity_cache[article.id]
            assert shown == analyse(article, entities_for)  # what the extractor shows
            assert tuple(view._entities) == shown.entities  # and on screen
        assert len(extract.on_ui()) == ui_before  # no extraction on the UI thread


async def test_without_the_index_a_first_open_runs_the_extractor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_neighbour_prefetch(monkeypatch)
    no_triage(monkeypatch)
    corpus = corpus_of(
        tmp_path, {"a.txt": "A\n\nPutin.", "b.txt": "B\n\nNATO.", "c.txt": "C\n\nKyiv"}
    )
    extract = Recording(fake_entities)
    app = ReaderApp(corpus=corpus, extractor=extract)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.prefetch_entities = False
        await settle(pilot)
        await pilot.pause(0.5)  # past the prefetch delay: nothing prepared
        assert corpus.articles[1].id not in screen._entity_cache
        screen.current = 1
        await pilot.pause()
        assert extract.on_ui() == ["a.txt", "b.txt"]  # the start's open and this one
        assert {e.text for e in screen._entity_cache["b.txt"].entities} == {"NATO"}


async def test_neighbours_are_prepared_off_the_ui_and_found_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_triage(monkeypatch)
    files = {f"{n}.txt": f"Title {n}\n\nPutin met NATO in Kyiv {n}." for n in range(5)}
    corpus = corpus_of(tmp_path, files)
    extract = Recording(fake_entities)
    app = ReaderApp(corpus=corpus, extractor=extract)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "1.txt" in screen._entity_cache)
        await settle(pilot)
        assert extract.on_ui() == ["0.txt"]  # the start's open
        assert extract.off_ui() == ["1.txt"]  # its neighbour, in the worker
        await pilot.press("down", "enter")  # 1: from the cache
        await pilot.pause()
        assert screen.query_one(ArticleView).article_id == "1.txt"
        assert {e.text for e in screen.query_one(ArticleView)._entities} == {"Putin", "NATO"}
        await wait_until(pilot, lambda: "2.txt" in screen._entity_cache)
        await settle(pilot)
        assert extract.on_ui() == ["0.txt"]
        assert extract.off_ui() == ["1.txt", "2.txt"]  # 0 was cached already
        # moving through the sidebar (no open) prepares around the highlighted row
        await pilot.press("shift+tab", "down", "down")  # highlight 3
        await wait_until(pilot, lambda: "4.txt" in screen._entity_cache)
        await settle(pilot)
        assert extract.off_ui() == ["1.txt", "2.txt", "3.txt", "4.txt"]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(ArticleView).article_id == "3.txt"
        assert extract.on_ui() == ["0.txt"]  # every open found its entities ready


async def test_a_move_stops_the_prefetch_under_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_triage(monkeypatch)
    entered, release = threading.Event(), threading.Event()

    def blocks_on_2(article: Article) -> list[Entity]:
        in_worker = threading.current_thread() is not threading.main_thread()
        if article.id == "2.txt" and in_worker and not entered.is_set():
            entered.set()
            release.wait(10)
        return fake_entities(article)

    files = {f"{n}.txt": f"Title {n}\n\nPutin {n}." for n in range(6)}
    corpus = corpus_of(tmp_path, files)
    extract = Recording(blocks_on_2)
    app = ReaderApp(corpus=corpus, extractor=extract)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "1.txt" in screen._entity_cache)
        await settle(pilot)
        await pilot.press("down", "down")  # highlight 2: the worker blocks in it
        await wait_until(pilot, lambda: entered.is_set())
        await pilot.press("down")  # highlight 3 before 2 is done
        release.set()
        await wait_until(pilot, lambda: "4.txt" in screen._entity_cache)
        await settle(pilot)
        # the stopped worker went no further than 2 (its 3 and 1 came from the
        # next one), and its late 2 was not kept: the next worker did 2 again
        assert extract.off_ui() == ["1.txt", "2.txt", "3.txt", "4.txt", "2.txt"]
        assert "2.txt" in screen._entity_cache


async def test_long_texts_and_failures_are_not_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_triage(monkeypatch)
    line = "Putin met them today.\n"

    def fails_on_c(article: Article) -> list[Entity]:
        if article.id == "c.txt":
            raise ValueError("boom")
        return fake_entities(article)

    files = {
        "a.txt": "A\n\nNATO.",
        "b.txt": "B\n\n" + line * (PROCESS_CHARS // len(line) + 1),
        "c.txt": "C\n\nKyiv.",
    }
    corpus = corpus_of(tmp_path, files)
    extract = Recording(fails_on_c)
    app = ReaderApp(corpus=corpus, extractor=extract)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await settle(pilot)
        await pilot.press("down", "down")  # highlight c: c, then its neighbour b
        await wait_until(pilot, lambda: "c.txt" in [aid for aid, _ in extract.calls])
        await settle(pilot)
        assert "b.txt" not in [aid for aid, _ in extract.calls]  # too long: left alone
        assert "b.txt" not in screen._entity_cache
        assert "c.txt" not in screen._entity_cache  # a failure is not kept
        await pilot.press("enter")  # the open reports it
        await pilot.pause()
        assert screen._entity_cache["c.txt"].error is not None


async def test_a_prepared_result_for_the_open_article_still_analysed_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_neighbour_prefetch(monkeypatch)
    no_triage(monkeypatch)
    corpus = corpus_of(tmp_path, {"a.txt": "A\n\nNATO.", "b.txt": "B\n\nPutin and Kyiv."})
    app = ReaderApp(corpus=corpus, extractor=fake_entities)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.prefetch_entities = False
        await settle(pilot)
        view = screen.query_one(ArticleView)
        b = corpus.articles[1]
        ready = analyse(b, fake_entities)
        # b open, its entities not in yet (as while a long text is analysed)
        screen.current = 1
        await pilot.pause()
        screen._entity_cache.clear()
        view.set_entities([], {})
        screen._prefetched(b.id, ready)
        await pilot.pause()
        assert {e.text for e in view._entities} == {"Putin"}
        assert screen._entity_cache[b.id] is ready
        # for an article not open: kept, not shown
        a = corpus.articles[0]
        screen._prefetched(a.id, analyse(a, fake_entities))
        assert a.id in screen._entity_cache
        assert {e.text for e in view._entities} == {"Putin"}


async def test_a_longer_article_takes_the_index_entities_in_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_neighbour_prefetch(monkeypatch)
    line = "Putin met NATO in Kursk today.\n"
    long_text = "Long\n\n" + line * (30_000 // len(line))  # past the same-frame limit
    corpus = corpus_of(tmp_path, {"a.txt": "A\n\nKyiv.", "b.txt": long_text})
    extract = Recording(fake_entities)
    app = ReaderApp(corpus=corpus, extractor=extract, db_path=tmp_path / "notes.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.prefetch_entities = False
        await wait_until(pilot, lambda: screen.triage is not None, 60)
        await wait_until(pilot, lambda: known_fingerprint(extract) is not None)
        await settle(pilot)
        calls = len(extract.calls)
        screen.current = 1
        workers = [w for w in app.workers if w.group == "entities"]
        # a short description: Textual would otherwise repr() the triage data
        assert workers and all(w.description == "entities" for w in workers)
        await wait_until(pilot, lambda: "b.txt" in screen._entity_cache)
        await settle(pilot)
        assert len(extract.calls) == calls  # from the index, no extraction at all
        assert screen._entity_cache["b.txt"] == analyse(corpus.articles[1], fake_entities)
        assert {e.text for e in screen.query_one(ArticleView)._entities} == {
            "Putin",
            "NATO",
            "Kursk",
        }
