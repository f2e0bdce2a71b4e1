"""Closing the note and confirm dialogs: the dialog is removed (or, the note
dialog, kept for the next note), the screen under it is repainted, and it is
not laid out again (QuietModalScreen)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from textual.binding import BindingType
from textual.screen import ModalScreen, Screen

from reader.tui.dialogs import AnnotationDialog, ConfirmDialog
from reader.tui.dialogs.closing import QuietModalScreen
from tests.annotation_support import landed, make_app
from tests.tui_support import screen_text, settle

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")


def count_layouts(monkeypatch: pytest.MonkeyPatch, screen: Screen[object]) -> list[bool]:
    """Record each layout of `screen` (Screen._refresh_layout, private)."""
    calls: list[bool] = []
    layout = screen._refresh_layout

    def counted(size=None, scroll=False):  # type: ignore[no-untyped-def]
        calls.append(scroll)
        layout(size, scroll)

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    return calls


async def close_and_count(  # type: ignore[no-untyped-def]
    pilot, monkeypatch, key: str, dialog_type: type, kept: bool = False
) -> list[bool]:
    app = pilot.app
    main = app.screen_stack[0]
    await landed(pilot)
    dialog = app.screen
    assert isinstance(dialog, dialog_type)
    layouts = count_layouts(monkeypatch, main)
    await pilot.press(key)
    await landed(pilot)
    await pilot.pause(0.05)
    await landed(pilot)
    assert app.screen is main and dialog not in app.screen_stack
    if kept:  # installed: shown again for the next note
        assert dialog.is_attached and app.is_screen_installed(dialog)
    else:
        assert not dialog.is_attached  # removed
        assert dialog._task is None or dialog._task.done()  # its message loop ended
    return layouts


async def test_cancelled_dialogs_close_without_a_layout(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "w", "s", "a", *"kept", "ctrl+s")  # one note to delete
        await landed(pilot)
        main = app.screen
        assert len(main.store.all()) == 1
        # the note dialog, cancelled: gone, the article drawn again, no layout
        await pilot.press("s", "a")
        assert await close_and_count(pilot, monkeypatch, "escape", AnnotationDialog, True) == []
        assert "ctrl+s save" not in screen_text(app)
        # the delete confirmation, answered no
        await pilot.press("d")
        assert await close_and_count(pilot, monkeypatch, "n", ConfirmDialog, True) == []
        assert "Delete this" not in screen_text(app)
        assert len(main.store.all()) == 1
        # answered yes: the note goes (its own redraw may lay out the notes panel)
        await pilot.press("d")
        await close_and_count(pilot, monkeypatch, "y", ConfirmDialog, True)
        assert main.store.all() == []
        assert "Delete this" not in screen_text(app)
        # the dialogs open again after all that
        await pilot.press("s", "a")
        await landed(pilot)
        assert isinstance(app.screen, AnnotationDialog)


async def test_a_plain_modal_screen_lays_out_the_screen_under_it(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: Textual's own removal lays out the uncovered screen, which
    is what QuietModalScreen avoids (if Textual stops doing it, this fails and
    closing.py can go)."""

    class Plain(ModalScreen[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("escape", "dismiss", "")]

    class Quiet(QuietModalScreen[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("escape", "dismiss", "")]

    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(Plain())
        assert await close_and_count(pilot, monkeypatch, "escape", Plain) != []
        app.push_screen(Quiet())
        assert await close_and_count(pilot, monkeypatch, "escape", Quiet) == []
