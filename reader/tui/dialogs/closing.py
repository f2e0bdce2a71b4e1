"""A modal screen whose closing does not lay out the screen it uncovers,
that is not styled again when shown again unchanged, and that tints again
only the rows of the screen under it that changed (dimmed.py).

Textual 8.2.8 removes a popped screen with `App._prune(screen, parent=app)`;
once the screen's widgets are gone, that calls `app.refresh(layout=True)`,
which lays out (and then fully repaints) the *current* screen: the one that
was under the dialog, whose size and widgets did not change. With four
scrollable panels and hundreds of notes that layout costs 15-70 ms per
dismissal, on top of the repaint the uncovered screen needs anyway.
"""

from __future__ import annotations

from typing import Self, TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.await_remove import AwaitRemove
from textual.geometry import Region
from textual.screen import ModalScreen, Screen
from textual.strip import Strip

from reader.tui.dialogs.dimmed import DimmedRows
from reader.tui.prompt_frames import PromptFrames
from reader.tui.uncovering import UncoveringScreen

ResultT = TypeVar("ResultT")


class QuietModalScreen(ModalScreen[ResultT], PromptFrames):
    """A ModalScreen removed without a layout of the screen under it.

    Shown again (an installed screen pushed once more), it keeps the styles
    it has unless the app's CSS or pseudo-classes (theme, focus, ...)
    changed meanwhile: Textual restyles every widget of a resumed screen,
    which for the note dialog was ~30 ms per opening.
    """

    _styled_as: tuple[int, frozenset[str]] | None = None
    _dimmed: DimmedRows | None = None
    _resume_rows: set[int] | None = None  # rows of the screen under drawn since they were kept

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen._on_screen_resume (a subclass's handler comes
        # first), which restyles the screen when `refresh_styles`. The CSS
        # generation is App._css_update_count (private, textual 8.2.8; no
        # public counterpart): it changes with the theme and stylesheet.
        styled_as = (self.app._css_update_count, self.app.pseudo_classes)
        if styled_as == self._styled_as:
            event.refresh_styles = False
        self._styled_as = styled_as
        # Only the rows the screen under drew since they were kept need
        # rendering again (see refresh; uncovering.py).
        under, dimmed = self._under(), self._dimmed
        self._resume_rows = None
        if isinstance(under, UncoveringScreen) and dimmed and dimmed.synced_under is under:
            self._resume_rows = under.rows_drawn_since(dimmed.synced)

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        # The screen under is drawn again from the rows kept for the dimmed
        # picture, not repainted in full (UncoveringScreen.uncover_with).
        under = self._under()
        armed = self._dimmed is not None and isinstance(under, UncoveringScreen) and self.is_active
        if armed:
            under.uncover_with(self._dimmed.plain_rows)  # type: ignore[union-attr]
        done = super().dismiss(result)
        if armed and self.app.screen is not under:  # the result's callback pushed a screen
            under.uncover_with(None)  # type: ignore[union-attr]
        return done

    def remove(self) -> AwaitRemove:
        # Private API (App._prune, textual 8.2.8): the public Widget.remove
        # prunes with parent=the App, whose post-remove step is the layout
        # above; a screen is no part of another screen's layout, so prune it
        # with no parent (the mouse-over is then updated by the next mouse
        # move, not at once). Pinned by tests/test_dialogs_closing.py.
        return self.app._prune(self)

    # -- the dimmed screen under it (dimmed.py) ---------------------------------

    def _under(self) -> Screen[object] | None:
        """The opaque screen right under this translucent one, or None (then
        Textual draws the background its own way)."""
        stack = self.app.screen_stack
        if self.styles.background.a >= 1 or self not in stack:
            return None
        index = stack.index(self)
        under = stack[index - 1] if index else None
        return under if under is not None and under.styles.background.a >= 1 else None

    def render_line(self, y: int) -> Strip:
        under = self._under()
        if under is None:
            return super().render_line(y)
        if self._dimmed is None:
            self._dimmed = DimmedRows()
        return self._dimmed.line(self, under, y)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        # Every change of the screen under reaches this one as a refresh of
        # the regions it changed (Screen._compositor_refresh); the full
        # refresh on resume (Screen._on_screen_resume) is told which rows the
        # screen under drew since the last time.
        rows, self._resume_rows = self._resume_rows, None
        if self._dimmed is not None:
            if rows is not None and not regions and repaint:
                self._dimmed.invalidate_rows(rows)
            else:
                self._dimmed.invalidate(regions)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
