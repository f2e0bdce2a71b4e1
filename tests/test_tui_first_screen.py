"""The first frame is the full first screen: the sidebar's first screenful of
a streamed corpus (read ahead in a thread, waited for briefly) and the
footer's keys, with no frame in between (see reader/tui/read_ahead.py)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from reader.corpus import Corpus, iter_corpus
from reader.corpus.loader import LoadProblem
from reader.tui.app import ReaderApp
from reader.tui.prompt_frames import PromptFrames
from reader.tui.read_ahead import ReadAhead
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from tests.tui_support import SEEDS, fake_entities, screen_text, seeds, settle, wait_until

SIZE = (120, 40)

# -- ReadAhead ----------------------------------------------------------------------


def test_read_ahead_stops_when_enough_and_leaves_the_rest_in_the_source() -> None:
    source = iter(range(10))
    ahead = ReadAhead(source, lambda items: len(items) >= 3)
    assert ahead.wait(5)
    assert ahead.items == [0, 1, 2] and not ahead.exhausted
    assert list(source) == list(range(3, 10))


def test_read_ahead_knows_when_the_source_ended() -> None:
    ahead = ReadAhead(iter([1, 2]), lambda items: len(items) >= 3)
    assert ahead.wait(5)
    assert ahead.items == [1, 2] and ahead.exhausted


def test_read_ahead_does_not_hold_up_the_caller_on_a_slow_source() -> None:
    release = threading.Event()

    def slow() -> Iterator[int]:
        yield 1
        release.wait(10)
        yield 2

    ahead = ReadAhead(slow(), lambda items: len(items) >= 2)
    started = time.monotonic()
    assert not ahead.wait(0.05)
    assert time.monotonic() - started < 2
    release.set()
    assert ahead.wait(None) and ahead.items == [1, 2] and not ahead.exhausted


def test_read_ahead_hands_the_source_error_to_the_caller() -> None:
    def broken() -> Iterator[int]:
        yield 1
        raise OSError("disk gone")

    ahead = ReadAhead(broken(), lambda items: False)
    with pytest.raises(OSError, match="disk gone"):
        ahead.wait(5)
    assert ahead.items == [1]


def _running(thread: threading.Thread, function: str) -> bool:
    """Whether `thread` is inside a call of `function` now."""
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code.co_name == function:
            return True
        frame = frame.f_back
    return False


# -- the first frame -----------------------------------------------------------------


def _record_frames(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """What each frame of the main screen showed, recorded as it is drawn."""
    frames: list[dict[str, object]] = []
    draw = PromptFrames._on_timer_update

    def recording(screen: PromptFrames) -> None:
        if screen.query(ArticleList):
            frames.append(
                {
                    "rows": len(screen.query_one(ArticleList).shown),
                    "keys": len(screen.query(FooterKey)),
                    "article": screen.query_one(ArticleView).article_id,
                    "loading": getattr(screen, "streaming", None),
                    "indexing": any(w.group == "filter-index" for w in screen.app.workers),
                }
            )
        draw(screen)

    monkeypatch.setattr(PromptFrames, "_on_timer_update", recording)
    return frames


async def test_the_first_frame_has_every_seed_and_the_footer_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frames = _record_frames(monkeypatch)
    threads: list[str] = []

    def source() -> Iterator[object]:
        for item in iter_corpus(SEEDS):
            threads.append(threading.current_thread().name)
            yield item

    app = ReaderApp(corpus=Corpus(root=SEEDS), extractor=fake_entities, source=source())  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = frames[0]
        assert first["rows"] == 5 and first["loading"] is False
        assert first["indexing"] is False  # the indexes' worker starts after this frame
        assert first["article"] == seeds().articles[0].id
        assert isinstance(first["keys"], int) and first["keys"] >= 5
        # the first article on the UI thread, the others read ahead, no load worker
        main = threading.main_thread().name
        assert threads[0] == main and threads[1:] == ["read-ahead"] * 4
        assert not [w for w in app.workers if w.group == "load"]
        text = screen_text(app)
        assert "Articles 5" in text and "loading" not in text and "Quit" in text
        await pilot.press("down")  # the list works at once
        await wait_until(pilot, lambda: app.screen.query_one(ArticleList).highlighted == 1)


async def test_a_long_corpus_shows_a_screenful_first_and_streams_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = _record_frames(monkeypatch)
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    for n in range(60):
        (tmp_path / f"a{n:03}.txt").write_text(f"Title {n}\n\n{text}", encoding="utf-8")
    app = ReaderApp(
        corpus=Corpus(root=tmp_path), extractor=fake_entities, source=iter_corpus(tmp_path)
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not app.screen.streaming)  # type: ignore[attr-defined]
        await settle(pilot)
        rows = SIZE[1] // 2
        # a screenful in the first frame (if the disk was quick enough: it waits 50 ms)
        assert frames[0]["rows"] in (1, rows)
        assert frames[0]["loading"] is True
        assert app.screen.query_one(ArticleList).shown == list(range(60))
        assert "Articles 60" in screen_text(app)


async def test_a_problem_read_ahead_is_reported() -> None:
    full = seeds()

    def source() -> Iterator[object]:
        yield full.articles[0]
        yield LoadProblem(Path("bad.txt"), "[b]unreadable[/]", skipped=True)
        yield from full.articles[1:]

    app = ReaderApp(corpus=Corpus(root=full.root), extractor=fake_entities, source=source())  # type: ignore[arg-type]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")))
        text = screen_text(app)
        assert "bad.txt: [b]unreadable[/]" in text and "Articles 5" in text


async def test_the_load_worker_stops_waiting_for_a_stuck_source_when_the_app_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full = seeds()
    stuck = threading.Event()
    waiters: list[threading.Thread] = []
    wait = ReadAhead.wait

    def recording_wait(self: ReadAhead[object], timeout: float | None) -> bool:
        if threading.current_thread() is not threading.main_thread():
            waiters.append(threading.current_thread())
        return wait(self, timeout)

    monkeypatch.setattr(ReadAhead, "wait", recording_wait)

    def source() -> Iterator[object]:
        yield full.articles[0]
        stuck.wait(30)  # a source that hangs (say, a network folder gone away)
        yield from full.articles[1:]

    app = ReaderApp(corpus=Corpus(root=full.root), extractor=fake_entities, source=source())  # type: ignore[arg-type]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: bool(waiters))  # the worker waits for it
            assert "Articles 1 loading…" in screen_text(app)
        # the worker's thread (a pool thread: it lives on) has left _stream,
        # though the source still hangs
        deadline = time.monotonic() + 5
        while _running(waiters[0], "_stream") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _running(waiters[0], "_stream")
    finally:
        stuck.set()


async def test_a_streamed_start_builds_the_triage_data_a_moment_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.tui.screens import triage_actions

    monkeypatch.setattr(triage_actions, "_RETRY_SECONDS", 0.5)
    app = ReaderApp(corpus=Corpus(root=SEEDS), extractor=fake_entities, source=iter_corpus(SEEDS))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        assert not screen.streaming  # type: ignore[attr-defined]
        assert screen.triage is None and screen.triage_progress == ""  # type: ignore[attr-defined]
        assert not [w for w in app.workers if w.group == "triage-build"]
        await wait_until(pilot, lambda: screen.triage is not None)  # type: ignore[attr-defined]


async def test_the_filter_works_right_after_a_streamed_start() -> None:
    full = seeds()
    app = ReaderApp(corpus=Corpus(root=SEEDS), extractor=fake_entities, source=iter_corpus(SEEDS))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first frame; the indexes are built after it
        await pilot.press("slash", *"kursk")
        wanted = [i for i, a in enumerate(full.articles) if "kursk" in a.text.lower()]
        sidebar = app.screen.query_one(ArticleList)
        await wait_until(pilot, lambda: sidebar.shown == wanted)
        assert app.screen._filter_index is not None  # type: ignore[attr-defined]
