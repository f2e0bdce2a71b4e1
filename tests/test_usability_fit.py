"""Text a new user must read is not cut off: dialogs' questions and key
hints at 80x24 and at a wide terminal (found by hand in a real terminal)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from reader.annotations.model import Anchor, Annotation
from reader.tui.dialogs import AnnotationDialog, ConfirmDialog
from tests.tui_support import screen_lines


class Host(App[None]):
    def __init__(self, make: Callable[[], Screen]) -> None:
        super().__init__()
        self.make = make

    def on_mount(self) -> None:
        self.push_screen(self.make())


def shown(app: App[object], widget: Widget) -> str:
    """What is drawn in `widget`'s region, its lines joined by single spaces."""
    region = widget.region
    lines = screen_lines(app)[region.y : region.bottom]
    text = " ".join(line[region.x : region.right] for line in lines)
    return re.sub(r"\s+", " ", text).strip()


FIXED = "2026-11-21T08:00:00.000000+00:00"
LONG = "data/export-article-2026-11-21.json already exists. Overwrite it?"
SHORT = "Delete this fact-check (false) fc note?"


@pytest.mark.parametrize(
    ("size", "question", "label"),
    [((80, 24), LONG, "Overwrite"), ((160, 48), SHORT, "Delete"), ((80, 24), SHORT, "Delete")],
)
async def test_confirm_dialog_shows_its_whole_question_and_keys(
    size: tuple[int, int], question: str, label: str
) -> None:
    app = Host(lambda: ConfirmDialog(question, confirm_label=label))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert shown(app, dialog.query_one("#question")) == question
        assert shown(app, dialog.query_one("#keys")) == "y confirm · n/esc cancel · enter: Cancel"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_annotation_dialog_shows_its_whole_key_hint(size: tuple[int, int]) -> None:
    text = "Russia launched a successful offensive in early 2022."
    anchor = Anchor.from_text(text, 0, len(text))
    draft = Annotation(article_id="001_test.txt", anchor=anchor, created=FIXED)
    app = Host(lambda: AnnotationDialog(draft, quote=text))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotationDialog)
        assert shown(app, dialog.query_one("#keys")) == (
            "ctrl+s save · esc cancel · tab/shift+tab move · enter saves from a one-line field"
        )
