"""A screen drawn again from the rows a closing dialog kept, not in full.

When a dialog over a screen closes, Textual 8.2.8 repaints the uncovered
screen in full: every widget's lines rendered again and cut into the
compositor's chops (about a third of a note's save at 10,000 notes). The
note and delete dialogs keep the rows of the screen under them for their
dimmed picture (dialogs/dimmed.py), and learn of every change under them
while they are up. Closing, such a dialog arms the screen under it with
those rows (`uncover_with`): the two full refreshes Textual then asks for
(Screen._on_screen_resume, App._replace_screen) become one frame drawn from
the kept rows, rendered again only where the screen changed meanwhile (laid
out first if a layout is due). Any doubt (another size or CSS generation,
rows not kept, not the top screen) falls back to Textual's full repaint.

The other way round, the screen counts the rows it draws as the top screen
(`rows_drawn_since`), so that a dialog shown again renders only the rows
that changed since it last kept them, and the full refresh Textual asks of
a screen as another is pushed over it is skipped: its picture did not
change, and the screen over it renders what it needs of it.

Private API (textual 8.2.8 is pinned): Screen._compositor,
_compositor_refresh, _refresh_layout, _layout_required, _scroll_required,
_dirty_widgets, _repaint_required (of the screen and its widgets),
_repaint_regions,
_on_timer_update, App._display, _update_mouse_over, _batch_count,
_css_update_count, and the two refresh calls named above. Pinned by
tests/test_dialogs_uncover.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Self

from textual import events
from textual._compositor import LayoutUpdate
from textual._context import visible_screen_stack
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip

_UNCOVER_REFRESHES = 2  # Screen._on_screen_resume and App._replace_screen

# The rows of a screen as it would draw them now, the rows given rendered
# again; None if they cannot be known (DimmedRows.plain_rows, bound).
KeptRows = Callable[[Screen[object], Iterable[int]], list[Strip] | None]


class UncoveringScreen(Screen[object]):
    """A screen drawn again from kept rows when a dialog over it closes (see
    the module docstring)."""

    _kept_rows: KeptRows | None = None  # armed by a closing dialog (uncover_with)
    _uncover_refreshes: int = 0  # Textual's full refreshes still to come for it
    _uncover_due: bool = False  # the uncovering frame is still to draw
    _uncover_css: int = -1  # the app's CSS generation when armed
    _repaint_asked: bool = False  # refresh() asked to repaint the screen since its last frame
    _being_covered: bool = False  # a screen is being pushed over this one
    _holding_display: bool = False  # laid out for the kept frame: not drawn yet
    _frames_drawn: int = 0  # frames drawn as the top screen
    _row_frames: list[int] | None = None  # by row: the frame that last drew it

    # -- frames ------------------------------------------------------------------

    def _on_timer_update(self) -> None:
        if self._uncover_due:
            self._draw_uncovered()
        app = self.app
        drawing = self.is_current and not app._batch_count
        under = drawing and self is not app.screen
        if drawing:  # a repaint asked for until now is done (or passed on to the screen over it)
            self._repaint_asked = False
        super()._on_timer_update()
        if under and not self._repaint_asked:
            # Screen._compositor_refresh of a screen under a translucent one
            # marks the regions it passed on to that screen as its own again
            # and asks for a repaint: each later frame would pass them on
            # again (all of them after one full refresh). They were drawn;
            # this screen is repainted (or uncovered) when it is on top again.
            self._repaint_required = False
            self._repaint_regions.clear()

    def _compositor_refresh(self) -> None:
        if self._holding_display:  # laid out for the kept frame, which draws it
            return
        app = self.app
        if self is app.screen and not app.is_inline and self._compositor._dirty_regions:
            self._drew(self._compositor._dirty_regions)
        super()._compositor_refresh()

    def _drew(self, regions: Collection[Region] | None) -> None:
        """Count a frame drawn as the top screen, over `regions` (None: all)."""
        self._frames_drawn += 1
        frame = self._frames_drawn
        size = self._compositor.size
        rows = self._row_frames
        if regions is None or rows is None or len(rows) != size.height or size.region in regions:
            self._row_frames = [frame] * size.height
            return
        for region in regions:
            for y in region.line_range:
                if 0 <= y < size.height:
                    rows[y] = frame

    @property
    def frames_drawn(self) -> int:
        """How many frames this screen drew as the top screen."""
        return self._frames_drawn

    def rows_drawn_since(self, frame: int) -> set[int] | None:
        """The rows this screen drew as the top screen after its `frame`-th
        frame; None if not known (nothing counted yet, or another size)."""
        rows = self._row_frames
        if rows is None or not 0 <= frame <= self._frames_drawn or len(rows) != self.size.height:
            return None
        return {y for y, drawn in enumerate(rows) if drawn > frame}

    # -- Textual's full refreshes ------------------------------------------------

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenSuspend):
            # App.push_screen posts this, then refreshes this screen in full
            self._being_covered = True
        return super().post_message(message)

    def _on_screen_suspend(self) -> None:
        self._being_covered = False
        # Covered again before the uncovering was done: forget it (a refresh
        # swallowed for it is made good in _draw_uncovered, on the next frame).
        self._kept_rows = None
        self._uncover_refreshes = 0

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        plain = repaint and not (regions or layout or recompose)
        if plain and self._being_covered:
            # App.push_screen's: the picture did not change; the screen
            # pushed over it renders what it shows of it
            self._being_covered = False
            return self
        if plain and self._uncover_refreshes and self._uncover_css == self.app._css_update_count:
            # one of Textual's full refreshes for the closed dialog
            self._uncover_refreshes -= 1
            if self._kept_rows is not None:  # else drawn already (or given up)
                self._uncover_due = True
                self.check_idle()
            return self
        if repaint:
            self._repaint_asked = True
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    # -- uncovered ---------------------------------------------------------------

    def uncover_with(self, kept_rows: KeptRows | None) -> None:
        """A dialog over this screen is closing: draw the screen again from
        `kept_rows` instead of a full repaint (see the module docstring);
        None: it is not (forget the rows given before)."""
        self._kept_rows = kept_rows
        self._uncover_refreshes = _UNCOVER_REFRESHES if kept_rows is not None else 0
        self._uncover_css = self.app._css_update_count

    def _draw_uncovered(self) -> None:
        """Draw the uncovered screen from the kept rows, or ask for Textual's
        full repaint when they cannot serve."""
        self._uncover_due = False
        kept_rows, self._kept_rows = self._kept_rows, None
        app = self.app
        if kept_rows is None or app.screen is not self or app.is_inline or app._batch_count:
            super().refresh()
            return
        if self._layout_required or self._scroll_required:
            # Lay out first, as Screen._on_timer_update does, but leave what
            # changed to the kept frame (its display held: _compositor_refresh).
            self._holding_display = True
            try:
                self._refresh_layout(scroll=self._scroll_required)
            finally:
                self._holding_display = False
            self._layout_required = self._scroll_required = False
            self._dirty_widgets.clear()  # in the compositor's dirty regions now
        if not self._draw_kept(kept_rows):
            super().refresh()
            return
        if not self._repaint_asked:
            # Set by Screen._compositor_refresh while this screen was under
            # the dialog, for regions it passed on to the dialog: the kept
            # rows were rendered again for them.
            self._repaint_required = False
            self._repaint_regions.clear()

    def _draw_kept(self, kept_rows: KeptRows) -> bool:
        """Draw every row, the kept ones where nothing changed (as
        Screen._on_timer_update and _compositor_refresh draw)."""
        compositor = self._compositor
        # Widgets changed by the same key whose Update has not reached this
        # screen yet (Widget._check_refresh posts it when the widget idles):
        # drawn now too, not one frame later.
        self._dirty_widgets.update(
            widget for widget in compositor.visible_widgets if widget._repaint_required
        )
        if self._dirty_widgets:
            compositor.update_widgets(self._dirty_widgets)
            self._dirty_widgets.clear()
        changed = {y for region in compositor._dirty_regions for y in region.line_range}
        visible_screen_stack.set(self.app._background_screens)
        frames = self._frames_drawn
        self._drew(None)  # before: the rows kept now are those of this frame
        rows = kept_rows(self, changed)
        if rows is None:
            self._frames_drawn = frames
            return False
        compositor._dirty_regions.clear()
        self.app._display(self, LayoutUpdate([[row] for row in rows], self.size.region))
        self.app._update_mouse_over(self)
        return True
