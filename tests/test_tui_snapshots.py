"""SVG snapshots of the main screen on the seeds (fixed entities, fixed size).

Regenerate after an intended layout change: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from textual.pilot import Pilot

from reader.tui.app import ReaderApp
from tests.tui_support import fake_entities, seeds, settle


def _app() -> ReaderApp:
    return ReaderApp(corpus=seeds(), db_path=None, extractor=fake_entities)


async def _ready(pilot: Pilot[object]) -> None:
    await settle(pilot, counts=True)


async def _ready_in_article(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("down", "down", "enter")
    await settle(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket", "2")
    await settle(pilot, counts=True)


def test_main_screen_120x40(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=_ready)


def test_main_screen_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_ready)


def test_reading_an_article_with_orgs_hidden(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=_ready_in_article)


def test_light_theme(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = _app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(120, 40), run_before=_ready)
