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

A `PromptFrames` screen is also an `UncoveringScreen` (uncovering.py): drawn
again from the rows a closing dialog kept, not repainted in full.
"""

from __future__ import annotations

import asyncio
import time

from textual import events
from textual.screen import UPDATE_PERIOD

from reader.tui.uncovering import UncoveringScreen

clock = time.monotonic  # a module attribute, so tests can move time
_WAIT_TURNS = 8  # loop turns a due frame waits for busy widgets, at most


class PromptFrames(UncoveringScreen):
    """A screen that draws a due frame on idle instead of waiting for its
    update timer's next tick (see the module docstring)."""

    _last_frame_at: float = float("-inf")
    _frame_asked: bool = False

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
        """Whether a widget of this screen (or, to be uncovered, the screen
        itself: a closing dialog's changes reach it as messages) still has
        messages to handle."""
        if self._uncover_due and not self._message_queue.empty():
            return True
        return any(not node._message_queue.empty() for node in self.walk_children())

    def _on_timer_update(self) -> None:
        self._last_frame_at = clock()
        super()._on_timer_update()
