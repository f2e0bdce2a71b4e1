"""Deferred loading (reader.tui.preload): the first frame is drawn without the
modules it does not use; they are loaded after it, and the features that use
them work at once, before that load is done."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.command import CommandPalette

from reader.tui import preload
from reader.tui.screens.help_screen import HelpScreen
from tests.annotation_support import landed, make_app
from tests.tui_support import REPO, wait_until

pytestmark = pytest.mark.usefixtures("no_user_config")

# Not needed to draw the first screen (nor imported by what is).
NOT_AT_FIRST_FRAME = (
    *preload.DEFERRED,
    "reader.tui.dialogs.annotation",
    "reader.tui.dialogs.export",
    "reader.tui.binding_rows",
    "reader.triage.claims",
    "reader.triage.sentences",
    "reader.corpus.filter_index",
    "reader.corpus.word_index",
)

# A fresh interpreter: the real app on a copy of the seeds with a database. At
# its first frame the modules loaded are noted; then, at once, `?`, ctrl+p, `e`
# and `a` (on a selection) are pressed, each screen noted and closed; then
# every deferred module must come (the preload's worker).
CHILD = r"""
import asyncio, json, shutil, sys, tempfile
from pathlib import Path
from textual import events
from reader.corpus import Corpus, iter_corpus
from reader.tui import preload
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from tests.tui_support import SEEDS, fake_entities

out = {"screens": []}
at_first_frame = []

async def until(predicate, timeout=20.0):
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise TimeoutError(out)
        await asyncio.sleep(0.002)

async def main(tmp):
    root = Path(tmp) / "corpus"
    shutil.copytree(SEEDS, root)
    app = ReaderApp(Corpus(root=root), db_path=Path(tmp) / "db.json",
                    extractor=fake_entities, source=iter_corpus(root))
    display = app._display  # (private) every frame the compositor makes, headless too

    def hooked(screen, renderable):
        if not at_first_frame and renderable is not None:
            views = screen.query(ArticleView)
            if views and views.first().article_id is not None:
                at_first_frame.append(sorted(sys.modules))
        display(screen, renderable)

    app._display = hooked
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: at_first_frame)
        main_screen = app.screen
        send = app._driver.send_message

        async def opens(key, char):
            send(events.Key(key, char))
            await until(lambda: app.screen is not main_screen)
            await pilot.pause()
            out["screens"].append(type(app.screen).__name__)
            send(events.Key("escape", None))
            await until(lambda: app.screen is main_screen)

        await opens("question_mark", "?")
        await opens("ctrl+p", None)
        await opens("e", "e")
        view = main_screen.query_one(ArticleView)
        view.focus()
        for name in ("v", "w", "w"):
            send(events.Key(name, name))
        await until(lambda: view.selection.start != view.selection.end)
        await opens("a", "a")
        # reader.export and reader.tui.triage: imported by nothing above but the preload
        await until(lambda: all(m in sys.modules for m in preload.DEFERRED))
        out["after"] = sorted(m for m in preload.DEFERRED if m in sys.modules)

with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(tmp))
out["at_first_frame"] = at_first_frame[0]
print(json.dumps(out))
"""


def test_first_frame_without_the_deferred_modules_and_keys_work_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = set(out["at_first_frame"])
    assert "reader.tui.screens.main_screen" in loaded  # (the snapshot is real)
    assert [m for m in NOT_AT_FIRST_FRAME if m in loaded] == []
    assert out["screens"] == ["HelpScreen", "CommandPalette", "ExportDialog", "AnnotationDialog"]
    assert out["after"] == sorted(preload.DEFERRED)


def test_load_imports_in_order_skips_failures_and_stops_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imported: list[str] = []

    def fake_import(name: str) -> None:
        if name == "broken":
            raise ImportError(name)
        imported.append(name)

    monkeypatch.setattr(preload.importlib, "import_module", fake_import)
    assert preload.load(["a", "broken", "b"]) == ["a", "b"]
    assert imported == ["a", "b"]
    imported.clear()
    assert preload.load(["a", "b", "c"], should_stop=lambda: len(imported) >= 2) == ["a", "b"]
    assert imported == ["a", "b"]


def test_every_deferred_module_exists() -> None:
    for name in preload.DEFERRED:
        assert preload.load([name]) == [name]


async def test_keys_work_while_the_preload_is_still_running(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker held mid-load (a slow import): help, the palette and export
    open and close as usual; released, it finishes and adds the later rules."""
    started, release = threading.Event(), threading.Event()
    real_load = preload.load

    def slow_load(names, should_stop=lambda: False):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real_load(names, should_stop)

    monkeypatch.setattr(preload, "load", slow_load)
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, started.is_set)
        main_screen = app.screen
        for key, kind in (("question_mark", HelpScreen), ("ctrl+p", CommandPalette)):
            await pilot.press(key)
            await wait_until(pilot, lambda kind=kind: isinstance(app.screen, kind))
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main_screen)
        running = [w for w in app.workers if w.group == preload.GROUP]
        assert len(running) == 1 and running[0].is_running
        release.set()
        await app.workers.wait_for_complete(running)
        await landed(pilot)
        assert running[0].state.name == "SUCCESS"


async def test_a_failing_preload_leaves_the_app_running(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preload is only a head start: its failure is not the app's."""
    calls: list[int] = []

    def broken() -> list[object]:
        calls.append(1)
        raise ValueError("broken preload")

    monkeypatch.setattr(preload.regex_cache, "module_patterns", broken)
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(calls))
        await wait_until(pilot, lambda: not [w for w in app.workers if w.group == preload.GROUP])
        await pilot.pause(0.1)
        assert app.is_running and app.return_code is None
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
