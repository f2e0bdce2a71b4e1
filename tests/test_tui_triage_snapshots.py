"""SVG snapshots of two triage views (fixed data, fixed size).

Regenerate after an intended layout change:
pytest tests/test_tui_triage_snapshots.py --snapshot-update
"""

from __future__ import annotations

from textual.pilot import Pilot

from reader.triage.compare import compare_articles
from reader.tui.triage import CompareScreen, TimelineScreen
from tests.test_tui_triage import LEFT, RIGHT, TITLES, Host, timeline


async def _ready(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.press("n")  # the first difference highlighted (no-op on the timeline)
    await pilot.pause()


def test_compare_side_by_side_120x30(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = Host(lambda: CompareScreen(LEFT, RIGHT, compare_articles(LEFT, RIGHT)))
    assert snap_compare(app, terminal_size=(120, 30), run_before=_ready)


def test_compare_stacked_70x30(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = Host(lambda: CompareScreen(LEFT, RIGHT, compare_articles(LEFT, RIGHT)))
    assert snap_compare(app, terminal_size=(70, 30), run_before=_ready)


def test_timeline_100x20(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = Host(lambda: TimelineScreen(timeline(), TITLES))
    assert snap_compare(app, terminal_size=(100, 20), run_before=_ready)
