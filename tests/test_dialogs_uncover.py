"""Closing a dialog draws the screen under it from the rows the dialog kept
for its dimmed picture (PromptFrames.uncover_with, DimmedRows.plain_rows):
what reaches the terminal after the close is what a full repaint draws, when
the screen under changed while the dialog was up (a notes panel title, the
article, the terminal's size, the theme), and no full repaint is made when
the kept rows serve."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.segment import ControlType
from textual._compositor import Compositor, LayoutUpdate
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.geometry import Region
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static, TextArea

from reader.tui.dialogs import AnnotationDialog, ConfirmDialog
from reader.tui.dialogs.closing import QuietModalScreen
from tests.annotation_support import landed, make_app
from tests.tui_support import settle, wait_until

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")

Cell = tuple[str, str]


class Terminal:
    """The cells a terminal shows after the updates the app wrote (App._display
    is given the compositor's updates; headless, it writes nothing)."""

    def __init__(self, width: int, height: int) -> None:
        self.console = Console(width=width, height=height, legacy_windows=False)
        self.resize(width, height)
        self.whole_frames: list[bool] = []  # each frame of a whole screen: as fresh?

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.rows: list[list[Cell]] = [[(" ", "")] * width for _ in range(height)]

    def apply(self, update: object) -> None:
        x = y = 0
        options = self.console.options
        for segment in update.__rich_console__(self.console, options):  # type: ignore[attr-defined]
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]  # type: ignore[misc]
                continue
            style = str(segment.style) if segment.style else ""
            for char in segment.text:
                if char == "\n":
                    x, y = 0, y + 1
                    continue
                width = cell_len(char)
                if 0 <= y < self.height and 0 <= x < self.width:
                    self.rows[y][x] = (char, style)
                    for pad in range(1, width):
                        if x + pad < self.width:
                            self.rows[y][x + pad] = ("", style)
                x += width

    def text(self) -> list[str]:
        return ["".join(char for char, _ in row) for row in self.rows]


@contextmanager
def terminal(app: App[object]) -> Iterator[Terminal]:
    """Follow every update the app writes to its terminal (App._display,
    private; replaced on the instance)."""
    term = Terminal(*app.size)
    display = app._display

    def recorded(screen: Screen[object], renderable: object) -> None:
        if renderable is not None and not app._batch_count:
            if (term.width, term.height) != tuple(app.size):
                term.resize(*app.size)
            term.apply(renderable)
            if isinstance(renderable, LayoutUpdate) and screen.styles.background.a == 1:
                # the whole screen drawn at once: what a full repaint draws now?
                term.whole_frames.append(term.rows == fresh(screen))
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = recorded  # type: ignore[method-assign]
    try:
        yield term
    finally:
        del app._display  # type: ignore[attr-defined]


def fresh(screen: Screen[object]) -> list[list[Cell]]:
    """The screen's cells as a full repaint draws them now."""
    width, height = screen.size
    term = Terminal(width, height)
    strips = screen._compositor.render_strips()
    term.apply(LayoutUpdate([[strip] for strip in strips], Region(0, 0, width, height)))
    return term.rows


def differing_cells(shown: list[list[Cell]], want: list[list[Cell]]) -> list[object]:
    """(y, x, shown, wanted) for the first cells that differ, or the sizes."""
    if (len(shown), len(shown[0])) != (len(want), len(want[0])):
        return [("size", len(shown), len(shown[0]), len(want), len(want[0]))]
    found: list[object] = []
    for y, (row, wanted_row) in enumerate(zip(shown, want, strict=True)):
        pairs = enumerate(zip(row, wanted_row, strict=True))
        found += [(y, x, a, b) for x, (a, b) in pairs if a != b]
    return found[:12]


def full_repaints(monkeypatch: pytest.MonkeyPatch, screen: Screen[object]) -> list[int]:
    """Count the full repaints of `screen` (Compositor.render_full_update)."""
    calls: list[int] = []
    compositor = screen._compositor
    full = Compositor.render_full_update

    def counted(self: Compositor, simplify: bool = False):  # type: ignore[no-untyped-def]
        if self is compositor:
            calls.append(1)
        return full(self, simplify)

    monkeypatch.setattr(Compositor, "render_full_update", counted)
    return calls


async def opened_note_dialog(pilot) -> AnnotationDialog:  # type: ignore[no-untyped-def]
    """The note dialog for the sentence at the cursor, or on a line below it
    (the line at the cursor may be blank)."""
    for _ in range(4):
        await pilot.press("j", "s", "a")
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, AnnotationDialog):
            break
    await landed(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, AnnotationDialog)
    # A blinking cursor changes a cell between a frame and the comparison
    for field in [*dialog.query(TextArea), *dialog.query(Input)]:
        field.cursor_blink = False
    await landed(pilot)
    await pilot.pause(0.05)
    return dialog


async def closed(pilot, main: Screen[object]) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: pilot.app.screen is main)
    await landed(pilot)
    await pilot.pause(0.05)
    await landed(pilot)


async def test_closing_draws_the_kept_rows_not_a_full_repaint(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            # saved (the notes change once the write returns)
            await opened_note_dialog(pilot)
            repaints = full_repaints(monkeypatch, main)
            await pilot.press(*"first", "ctrl+s")
            await closed(pilot, main)
            assert repaints == []
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            assert "first" in "\n".join(term.text())  # the notes panel shows it
            focused = main.focused
            # cancelled, the screen under changed while the dialog was up
            await opened_note_dialog(pilot)
            main.query_one("#notes").border_title = "Changed under the dialog"
            await pilot.pause(0.05)
            await pilot.press("escape")
            await closed(pilot, main)
            assert repaints == []
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            assert any("Changed under the dialog" in row for row in term.text())
            assert main.focused is focused  # focus back where it was
            # the delete confirmation, answered yes
            [note] = main.store.all()
            main.delete(note)
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await landed(pilot)
            await pilot.pause(0.05)
            await pilot.press("y")
            await closed(pilot, main)
            assert main.store.all() == []
            assert repaints == []
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            assert "first" not in "\n".join(term.text())


async def test_closing_after_the_article_changed_under_the_dialog(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            await opened_note_dialog(pilot)
            shown = term.text()
            main.current += 1  # another article opens under the dialog
            await settle(pilot)
            await pilot.press("escape")
            await closed(pilot, main)
            await settle(pilot)
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            assert term.text() != shown
            words = main.articles[main.current].text.split()[:3]
            assert any(" ".join(words) in row for row in term.text())


@pytest.mark.parametrize("change", ["resize", "theme"])
async def test_closing_after_a_resize_or_theme_change_under_the_dialog(
    corpus_root: Path, db: Path, change: str
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            await opened_note_dialog(pilot)
            if change == "resize":
                await pilot.resize_terminal(90, 30)
            else:
                app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await landed(pilot)
            await pilot.pause(0.05)
            await pilot.press("escape")
            await closed(pilot, main)
            assert (term.width, term.height) == tuple(main.size)
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            # and the next close after it draws the kept rows again
            await opened_note_dialog(pilot)
            await pilot.press("escape")
            await closed(pilot, main)
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)


@pytest.mark.parametrize("drawn_under", [False, True])
async def test_closing_in_the_moment_the_screen_under_changes(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch, drawn_under: bool
) -> None:
    """The change is not yet in the dialog's picture when it closes: still to
    draw on the screen under (drawn_under False), or drawn there and passed
    on to the dialog, which has not drawn since (True): those rows are
    rendered again, the others come from the kept rows."""
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            dialog = await opened_note_dialog(pilot)
            repaints = full_repaints(monkeypatch, main)
            panel = main.query_one("#notes")
            panel.border_title = "Changed as it closes"
            if drawn_under:
                # the screen under draws the panel now, before the dialog draws
                # again (a background screen's frame passes its dirty regions
                # on to the dialog; private API: what the panel's Update does)
                main._dirty_widgets.add(panel)
                main._on_timer_update()
                assert dialog._dimmed is not None and dialog._dimmed._stale
            frames = len(term.whole_frames)
            dialog.action_cancel()
            await closed(pilot, main)
            assert repaints == [] and len(term.whole_frames) == frames + 1
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            assert any("Changed as it closes" in row for row in term.text())


def fresh_dialog(dialog: QuietModalScreen[object]) -> list[list[Cell]]:
    """The dialog's cells as a full repaint draws them with the screen under
    rendered again in full (the dimmed rows are Textual's own: see
    test_dialogs_dimmed.py)."""
    assert dialog._dimmed is not None
    dialog._dimmed.invalidate()
    dialog._styles_cache.clear()
    return fresh(dialog)


def full_renders(monkeypatch: pytest.MonkeyPatch, screen: Screen[object]) -> list[int]:
    """Count the renders of all of `screen` (Compositor.render_strips)."""
    calls: list[int] = []
    compositor = screen._compositor
    render = Compositor.render_strips

    def counted(self: Compositor, size=None):  # type: ignore[no-untyped-def]
        if self is compositor:
            calls.append(1)
        return render(self, size)

    monkeypatch.setattr(Compositor, "render_strips", counted)
    return calls


async def test_shown_again_a_dialog_renders_only_the_rows_drawn_since(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            dialog = await opened_note_dialog(pilot)
            assert differing_cells(term.rows, fresh_dialog(dialog)) == []
            await pilot.press(*"first", "ctrl+s")
            await closed(pilot, main)
            renders = full_renders(monkeypatch, main)
            # shown again after the save redrew the notes panel and the view
            assert await opened_note_dialog(pilot) is dialog
            assert renders == []  # the screen under is not rendered in full
            assert differing_cells(term.rows, fresh_dialog(dialog)) == []
            await pilot.press("escape")
            await closed(pilot, main)
            # another article opened between two showings
            main.current += 1
            await settle(pilot)
            words = " ".join(main.articles[main.current].text.split()[:3])
            assert any(words in row for row in term.text())
            renders.clear()  # (fresh() above renders it all)
            assert await opened_note_dialog(pilot) is dialog
            assert renders == []
            assert any(words in row for row in term.text())
            assert differing_cells(term.rows, fresh_dialog(dialog)) == []
            await pilot.press("escape")
            await closed(pilot, main)
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)


async def test_a_layout_due_as_the_dialog_closes_is_done_before_the_kept_frame(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(A note saved changes the notes panel at once, which may lay out its
    pane: Textual's layout, then the kept rows and those that moved.)"""
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            dialog = await opened_note_dialog(pilot)
            repaints = full_repaints(monkeypatch, main)
            layouts: list[bool] = []
            layout = main._refresh_layout
            monkeypatch.setattr(
                main, "_refresh_layout", lambda *a, **k: layouts.append(True) or layout(*a, **k)
            )
            main.query_one("#notes").styles.width = 50  # the layout changes
            frames = len(term.whole_frames)
            dialog.action_cancel()
            await closed(pilot, main)
            assert layouts and repaints == []  # laid out, then drawn from the kept rows
            assert len(term.whole_frames) == frames + 1
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)


class _Plain(ModalScreen[None]):
    """A translucent modal screen of Textual's own (its background drawn by
    BackgroundScreen), closed by escape."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "dismiss", "")]

    def compose(self) -> ComposeResult:
        yield Static("a plain modal")


class _Asks(QuietModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [("y", "dismiss(True)", "")]

    def compose(self) -> ComposeResult:
        yield Static("press y")


async def test_other_screens_pushed_over_it_and_a_dialog_whose_answer_opens_another(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        with terminal(app) as term:
            # a plain modal screen: not armed, Textual's own push and pop
            plain = _Plain()
            app.push_screen(plain)
            await wait_until(pilot, lambda: app.screen is plain)
            await landed(pilot)
            assert any("a plain modal" in row for row in term.text())
            await pilot.press("escape")
            await closed(pilot, main)
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
            # a dialog whose answer opens another screen at once: drawn over
            # the uncovered screen, which is right once that one closes too
            asks = _Asks()
            app.push_screen(asks, lambda _: app.push_screen(_Plain()))
            await wait_until(pilot, lambda: app.screen is asks)
            await landed(pilot)
            await pilot.pause(0.05)
            await pilot.press("y")
            await wait_until(pilot, lambda: isinstance(app.screen, _Plain))
            await landed(pilot)
            assert app.screen_stack == [main, app.screen]
            assert main._kept_rows is None and not main._uncover_refreshes
            assert any("a plain modal" in row for row in term.text())
            await pilot.press("escape")
            await closed(pilot, main)
            assert differing_cells(term.rows, fresh(main)) == [] and all(term.whole_frames)
