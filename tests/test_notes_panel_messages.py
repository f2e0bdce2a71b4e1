"""The notes panel's messages fit its width: it cuts its rows (nowrap,
ellipsis), so the empty-list hint and the no-database message are short lines,
each shown whole at 120x40 and at 80x24 (found by hand: "No notes yet: a
annotates t…")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.widgets.notes_panel import NO_NOTES, NotesPanel
from tests.annotation_support import make_app
from tests.tui_support import settle

pytestmark = pytest.mark.usefixtures("no_user_config")


def panel_text(app) -> list[str]:  # type: ignore[no-untyped-def]
    panel = app.screen.query_one(NotesPanel)
    return [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_empty_hint_is_shown_whole(corpus_root: Path, db: Path, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(corpus_root, db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the article, with the panel beside it
        if size[0] < 100:
            await pilot.press("p")  # narrow: the panel is shown on demand
        await settle(pilot)
        shown = "\n".join(panel_text(app))
        assert "…" not in shown, shown
        for line in NO_NOTES.splitlines():
            assert line.strip() in shown, shown


async def test_notes_unavailable_is_shown_whole(corpus_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    app = make_app(corpus_root, bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = "\n".join(panel_text(app))
        assert "Notes unavailable" in shown and "see the message above" in shown, shown
        assert "…" not in shown, shown
