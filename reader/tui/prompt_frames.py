"""Draw a screen's next frame as soon as it is needed, at most 60 a second.

Textual 8.2.8 draws a screen from its update timer (`Screen._update_timer`,
an interval of 1/60 s that is paused between frames and resumed when the
screen goes idle with something to draw). After each tick that timer sleeps
until its next tick on the 1/60 s grid, skipping ticks missed while paused:
one to two intervals (17-33 ms). A change made in that window, e.g. the key
that opens the next article right after the last frame, waits for the end of
the sleep before it is drawn, whatever the screen's own cost.

`PromptFrames` draws the frame right away, when the screen goes idle with
something to draw and its last frame is at least one interval old, else one
interval after the last frame (not on the timer's grid), so the rate stays
capped at 60 frames a second. The update timer is left running as Textual
runs it: a fallback.

Private API (textual 8.2.8 is pinned): `Screen._on_timer_update` (draws one
frame and pauses the timer), the dirty flags `_layout_required`,
`_scroll_required`, `_repaint_required`, `_recompose_required`,
`_dirty_widgets`, and `App._batch_count`, read as `Screen._on_idle` reads
them. Pinned by tests/test_prompt_frames.py.

Uncovered by a closing dialog, Textual repaints the whole screen: renders
every widget's lines again and cuts them into the compositor's chops (about
a third of a note's save). A dialog that kept the rows it dimmed arms the
screen with them (`uncover_with`): the two full refreshes Textual asks for
(Screen._on_screen_resume, App._replace_screen) become one frame drawn from
those rows, rendered again only where the screen changed meanwhile. Any
doubt (a layout due, another size or CSS generation, rows not kept, not the
top screen) falls back to Textual's full repaint. Pinned by
tests/test_dialogs_uncover.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import Self

from textual import events
from textual._compositor import LayoutUpdate
from textual._context import visible_screen_stack
from textual.geometry import Region
from textual.screen import UPDATE_PERIOD, Screen
from textual.strip import Strip

clock = time.monotonic  # a module attribute, so tests can move time
_WAIT_TURNS = 8  # loop turns a due frame waits for busy widgets, at most
_UNCOVER_REFRESHES = 2  # Screen._on_screen_resume and App._replace_screen (textual 8.2.8)

# The rows of a screen as it would draw them now, the rows given rendered
# again; None if they cannot be known (DimmedRows.plain_rows, bound).
KeptRows = Callable[[Screen[object], Iterable[int]], list[Strip] | None]


class PromptFrames(Screen[object]):
    """A screen that draws a due frame on idle instead of waiting for its
    update timer's next tick (see the module docstring)."""

    _last_frame_at: float = float("-inf")
    _frame_asked: bool = False
    _kept_rows: KeptRows | None = None  # armed by a closing dialog (uncover_with)
    _uncover_refreshes: int = 0  # Textual's full refreshes still to come for it
    _uncover_due: bool = False  # the uncovering frame is still to draw
    _uncover_css: int = -1  # the app's CSS generation when armed
    _repaint_asked: bool = False  # refresh() asked to repaint the screen since its last frame

    def _wants_frame(self) -> bool:
        """What `Screen._on_idle` checks before it resumes the update timer."""
        return bool(
            self._layout_required
            or self._scroll_required
            or self._repaint_required
            or self._recompose_required
            or self._dirty_widgets
            or self._uncover_due
        )

    def _can_draw(self) -> bool:
        return not self.app._batch_count and self.is_current and self._wants_frame()

    def _may_draw(self) -> bool:
        return self._can_draw() and clock() - self._last_frame_at >= UPDATE_PERIOD

    async def _on_idle(self, event: events.Idle) -> None:
        # A subclass's handler runs first; Screen._on_idle runs next and
        # resumes the update timer, which is left as the fallback.
        if self._frame_asked or not self._can_draw():
            return
        self._frame_asked = True
        loop = asyncio.get_running_loop()
        wait = self._last_frame_at + UPDATE_PERIOD - clock()
        if wait > 0:  # one interval after the last frame, not on the timer's grid
            loop.call_later(wait, self._draw_now, _WAIT_TURNS)
        else:
            # after the tasks that are ready now: widgets still handling the
            # same key post their updates first, and go into the same frame
            loop.call_soon(self._draw_now, _WAIT_TURNS)

    def _draw_now(self, turns: int) -> None:
        if turns and self._widgets_busy():
            asyncio.get_running_loop().call_soon(self._draw_now, turns - 1)
            return
        self._frame_asked = False
        if self._may_draw():
            self._on_timer_update()

    def _widgets_busy(self) -> bool:
        """Whether a widget of this screen still has messages to handle."""
        return any(not node._message_queue.empty() for node in self.walk_children())

    def _on_timer_update(self) -> None:
        self._last_frame_at = clock()
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

    # -- uncovered by a dialog ---------------------------------------------------

    def uncover_with(self, kept_rows: KeptRows | None) -> None:
        """A dialog over this screen is closing: draw the screen again from
        `kept_rows` instead of a full repaint (see the module docstring);
        None: it is not (forget the rows given before)."""
        self._kept_rows = kept_rows
        self._uncover_refreshes = _UNCOVER_REFRESHES if kept_rows is not None else 0
        self._uncover_css = self.app._css_update_count

    def _on_screen_suspend(self) -> None:
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
        if (
            self._uncover_refreshes
            and repaint
            and not (regions or layout or recompose)
            and self._uncover_css == self.app._css_update_count
        ):
            # one of Textual's full refreshes for the closed dialog
            self._uncover_refreshes -= 1
            if self._kept_rows is not None:  # else drawn already (or given up)
                self._uncover_due = True
                self.check_idle()
            return self
        if repaint:
            self._repaint_asked = True
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _draw_uncovered(self) -> None:
        """Draw the uncovered screen from the kept rows, or ask for Textual's
        full repaint when they cannot serve."""
        self._uncover_due = False
        kept_rows, self._kept_rows = self._kept_rows, None
        app = self.app
        if (
            kept_rows is None
            or app.screen is not self
            or app._batch_count
            or self._layout_required
            or self._scroll_required
            or not self._draw_kept(kept_rows)
        ):
            super().refresh()
            return
        if not self._repaint_asked:
            # Set by Screen._compositor_refresh while this screen was under
            # the dialog, for regions it passed on to the dialog: the kept
            # rows were rendered again for them.
            self._repaint_required = False
            self._repaint_regions.clear()

    def _draw_kept(self, kept_rows: KeptRows) -> bool:
        """Draw every row, the kept ones where nothing changed (private API,
        textual 8.2.8: Screen._compositor, _dirty_widgets, App._display,
        _update_mouse_over, as Screen._on_timer_update and _compositor_refresh
        use them)."""
        compositor = self._compositor
        if self._dirty_widgets:
            compositor.update_widgets(self._dirty_widgets)
            self._dirty_widgets.clear()
        changed = {y for region in compositor._dirty_regions for y in region.line_range}
        visible_screen_stack.set(self.app._background_screens)
        rows = kept_rows(self, changed)
        if rows is None:
            return False
        compositor._dirty_regions.clear()
        self.app._display(self, LayoutUpdate([[row] for row in rows], self.size.region))
        self.app._update_mouse_over(self)
        return True
