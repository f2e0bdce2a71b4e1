"""The collector during start-up: held (rare collections), then released."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from textual.screen import Screen

from reader.tui import gc_tuning
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from tests.tui_support import fake_entities, seeds, settle


@pytest.fixture(autouse=True)
def _restore_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc_tuning.release()
    gc.set_threshold(*before)


def test_hold_makes_collections_rare_and_release_restores_and_freezes() -> None:
    gc.set_threshold(700, 10, 10)
    gc_tuning.hold()
    assert gc.get_threshold() == (gc_tuning.HOLD_THRESHOLD, 10, 10)
    assert gc.isenabled()  # rare, never off
    frozen = gc.get_freeze_count()
    kept = [[] for _ in range(100)]  # alive at release: frozen with the rest
    gc_tuning.release()
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() >= frozen + len(kept)


def test_release_without_hold_changes_nothing_and_hold_twice_keeps_the_first() -> None:
    gc.set_threshold(500, 7, 3)
    frozen = gc.get_freeze_count()
    gc_tuning.release()
    assert gc.get_threshold() == (500, 7, 3)
    # nothing frozen (a frozen object freed meanwhile, e.g. by a thread of an
    # earlier test, lowers the count: a freeze would raise it by thousands)
    assert gc.get_freeze_count() <= frozen
    gc_tuning.hold()
    gc_tuning.hold()  # a second hold must not take the raised thresholds as the usual ones
    gc_tuning.release()
    assert gc.get_threshold() == (500, 7, 3)
    gc_tuning.release()
    assert gc.get_threshold() == (500, 7, 3)


def test_a_higher_threshold_than_the_hold_is_kept() -> None:
    gc.set_threshold(gc_tuning.HOLD_THRESHOLD * 2, 10, 10)
    gc_tuning.hold()
    assert gc.get_threshold()[0] == gc_tuning.HOLD_THRESHOLD * 2


async def test_the_app_holds_the_collector_until_its_first_frame() -> None:
    gc.set_threshold(700, 10, 10)
    app = ReaderApp(corpus=seeds(), extractor=fake_entities)
    assert gc.get_threshold()[0] == gc_tuning.HOLD_THRESHOLD  # from construction on
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article_id is not None
        assert gc.get_threshold() == (700, 10, 10)


async def test_an_app_that_ends_before_its_first_frame_releases_the_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gc.set_threshold(700, 10, 10)
    # no main screen, so no first frame of it: the app ends at once
    monkeypatch.setattr(ReaderApp, "get_default_screen", lambda self: Screen())
    monkeypatch.setattr(ReaderApp, "on_mount", lambda self: self.exit(), raising=False)
    app = ReaderApp(corpus=seeds(), extractor=fake_entities)
    async with app.run_test(size=(120, 40)):
        assert gc.get_threshold()[0] == gc_tuning.HOLD_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_importing_the_app_leaves_the_usual_thresholds_and_the_imports_frozen() -> None:
    code = (
        "import gc\n"
        "before = gc.get_threshold()\n"
        "import reader.tui.app\n"
        "print(gc.get_threshold() == before, gc.get_freeze_count() > 10_000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["True", "True"]
