"""The dimmed screen under a dialog, tinted by the row (dialogs/dimmed.py),
draws the very cells Textual's BackgroundScreen draws, and follows changes
of the screen under it, while the dialog is up and between two openings."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.visual import Visual, visualize

from reader.tui.dialogs import AnnotationDialog
from reader.tui.dialogs.closing import QuietModalScreen
from tests.annotation_support import annotate_sentence, landed, make_app
from tests.tui_support import settle

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")


def textual_rows(dialog: Screen[object], under: Screen[object]) -> list[Strip]:
    """The rows as Textual draws a translucent modal screen's background."""
    width, height = dialog.size
    visual = visualize(dialog, BackgroundScreen(under, dialog.styles.background))
    return Visual.to_strips(dialog, visual, width, height, dialog.visual_style)


def our_rows(dialog: QuietModalScreen[object]) -> list[Strip]:
    return [dialog.render_line(y) for y in range(dialog.size.height)]


async def test_rows_match_textual_and_follow_the_screen_under(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        await annotate_sentence(pilot)
        await landed(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotationDialog) and dialog._under() is main
        first = our_rows(dialog)
        assert first == textual_rows(dialog, main)
        assert any(row.text.strip() for row in first)  # not blank: the article shows
        # the screen under changes while the dialog is up (its notes panel title)
        panel = main.query_one("#notes")
        panel.border_title = "Changed under the dialog"
        await pilot.pause()
        await landed(pilot)
        changed = our_rows(dialog)
        assert changed == textual_rows(dialog, main) and changed != first
        assert any("Changed under the dialog" in row.text for row in changed)
        await pilot.press(*"a note", "ctrl+s")
        await landed(pilot)
        # shown again over a screen that changed meanwhile (a new note on it)
        await pilot.press("s", "a")
        await landed(pilot)
        assert app.screen is dialog
        assert our_rows(dialog) == textual_rows(dialog, main)
        # resized while up: rows for the new size
        await pilot.resize_terminal(90, 30)
        await landed(pilot)
        rows = our_rows(dialog)
        assert len(rows) == 30 and rows == textual_rows(dialog, main)
