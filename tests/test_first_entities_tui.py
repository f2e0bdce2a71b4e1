"""The first screen with entities kept by an earlier run: drawn without the
extractor imported, equal to what it finds, and `]`, `[` and the entity panel
work at once; a run with no (or a stale) kept file runs the extractor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.entities import entities_for
from reader.tui import first_entities
from reader.tui.entity_work import analyse
from tests.tui_support import REPO, SEEDS, seeds, settle

pytestmark = pytest.mark.usefixtures("no_user_config")

# A fresh interpreter: the real app (default extractor, no db) on the seeds.
# At its first frame: the modules loaded and the entities shown are noted;
# then `]`, `]`, `[` on the article, and the entity panel's groups.
CHILD = r"""
import asyncio, json, sys
from pathlib import Path
from reader.corpus import Corpus, iter_corpus
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel

root = Path(sys.argv[1])
out = {}

async def until(predicate, timeout=30.0):
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise TimeoutError(out)
        await asyncio.sleep(0.002)

async def main():
    app = ReaderApp(Corpus(root=root), source=iter_corpus(root))
    display = app._display  # (private) every frame the compositor makes, headless too

    def hooked(screen, renderable):
        if "first" not in out and renderable is not None:
            views = screen.query(ArticleView)
            if views and views.first().article_id is not None:
                view = views.first()
                out["first"] = {
                    "extractor_loaded": "reader.entities.extract" in sys.modules,
                    "article_id": view.article_id,
                    "entities": [
                        [e.start, e.end, e.label.value, e.value, e.key]
                        for e in view.visible_entities()
                    ],
                }
        display(screen, renderable)

    app._display = hooked
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: "first" in out)
        view = app.screen.query_one(ArticleView)
        view.focus()
        jumps = []
        for key in ("right_square_bracket", "right_square_bracket", "left_square_bracket"):
            await pilot.press(key)
            jumps.append(list(view.selection_offsets))
        out["jumps"] = jumps
        panel = app.screen.query_one(EntityPanel)
        out["groups"] = sorted(g.key for g in panel.groups)
        await until(lambda: "reader.entities.extract" in sys.modules)  # the preload

asyncio.run(main())
print(json.dumps(out))
"""


def run_child(cache: Path) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(SEEDS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "READER_CACHE_DIR": str(cache)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out: dict = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    return out


def expected_first() -> tuple[list[list[object]], list[list[int]], list[str]]:
    """The first seed's mentions as the extractor finds them, the spans of
    `]`, `]`, `[` from the top, and the panel's entity keys."""
    article = seeds().articles[0]
    result = analyse(article, entities_for)
    rows = [[e.start, e.end, e.label.value, e.value, e.key] for e in result.entities]
    # `]` goes to the next mention starting after the cursor (at 0 at first), `[` back
    starts = sorted({e.start for e in result.entities if e.start > 0})
    groups = sorted(g.key for gs in result.summary.values() for g in gs)
    return rows, [[starts[0]] * 2, [starts[1]] * 2, [starts[0]] * 2], groups


def test_a_warm_start_shows_the_kept_entities_without_the_extractor(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    rows, jumps, groups = expected_first()
    assert rows  # (a real comparison)

    cold = run_child(cache)  # nothing kept: the extractor runs before the first frame
    assert cold["first"]["extractor_loaded"] is True
    assert cold["first"]["entities"] == rows
    assert (cache / first_entities.FILE_NAME).is_file()  # kept at exit

    warm = run_child(cache)
    assert warm["first"]["article_id"] == seeds().articles[0].id
    assert warm["first"]["extractor_loaded"] is False
    assert warm["first"]["entities"] == rows
    assert warm["jumps"] == jumps
    assert warm["groups"] == groups


def test_a_stale_kept_file_means_the_extractor_runs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    rows, jumps, groups = expected_first()
    run_child(cache)
    kept = cache / first_entities.FILE_NAME
    kept.write_bytes(kept.read_bytes().replace(b"entities_for@", b"entities_for@0"))
    stale = run_child(cache)
    assert stale["first"]["extractor_loaded"] is True
    assert stale["first"]["entities"] == rows
    assert stale["jumps"] == jumps and stale["groups"] == groups


async def test_the_screen_takes_kept_entities_keeps_the_opened_and_obeys_the_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.code_fingerprint import extractor_fingerprint
    from reader.entities.model import Label
    from reader.tui.app import ReaderApp
    from reader.tui.first_entities import KeptEntities
    from reader.tui.widgets.article_view import ArticleView

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    corpus = seeds()
    first, second = corpus.articles[:2]
    # kept rows that are not the extractor's (valid, but one mention only):
    # seeing them on screen proves where the first open took its entities
    marker = [e for e in analyse(first, entities_for).entities][:1]
    assert marker and marker[0].label is not Label.DATE
    kept = KeptEntities(first_entities.cache_path())
    kept.keep(first, marker)
    assert kept.save(extractor_fingerprint(entities_for))

    app = ReaderApp(corpus=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(ArticleView)
        assert view.visible_entities() == marker  # from the kept file
        screen.action_open_index(1)  # not kept: the extractor (or the prefetch) finds them
        await settle(pilot)
        assert view.visible_entities() == list(analyse(second, entities_for).entities)
        # with the switch off, known entities are not used: the extractor runs
        screen.entities_from_triage = False
        screen._entity_cache.clear()
        screen.action_open_index(0)
        await settle(pilot)
        assert view.visible_entities() == list(analyse(first, entities_for).entities)
    # at exit, the opened articles' entities (as the extractor found them) are kept
    again = KeptEntities(first_entities.cache_path())
    fingerprint = extractor_fingerprint(entities_for)
    for article in (first, second):
        assert again.recall(article, article.text, fingerprint) == analyse(article, entities_for)
