"""Garbage collection kept out of the moments the user waits for (no textual import).

Saving a note allocates tens of thousands of short-lived objects (the dialog
going away, a frame, the notes panel), which set off 40-60 young collections
per change, and every few changes a full one: with the app's caches (Textual
strips: ~350,000 objects after a few dozen changes) a full collection took
100-400 ms and landed inside a save one time in four.

`GcHold` turns automatic collection off while a change is written and drawn
(the young collections then run once, after the frame), and `tidy` does the
full collection at a quiet moment and freezes what survived
(gc.freeze, as `gc_tuning.settle` does after loading): the next full
collections only look at objects made since, so they stay short. Objects
frozen while alive are still freed by reference counting; only a cycle among
them that later becomes garbage stays (e.g. a toast or a dialog still
closing), so the caller picks a moment without them, and `tidy` runs only when
the part outside the frozen one is big.
"""

from __future__ import annotations

import gc

TIDY_ABOVE = 60_000  # objects outside the frozen part before `tidy` runs by default


class GcHold:
    """Nested holds on automatic collection; released by the last one."""

    def __init__(self) -> None:
        self._depth = 0
        self._disabled_here = False

    @property
    def held(self) -> bool:
        return self._depth > 0

    def hold(self) -> None:
        if self._depth == 0 and gc.isenabled():
            gc.disable()
            self._disabled_here = True
        self._depth += 1

    def release(self) -> None:
        """End one hold; the last one turns collection back on (if it was on)."""
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0 and self._disabled_here:
            self._disabled_here = False
            gc.enable()


def young_objects() -> int:
    """Objects the collector tracks outside the frozen part."""
    return sum(len(gc.get_objects(generation)) for generation in range(3))


def tidy(above: int = TIDY_ABOVE) -> bool:
    """At a quiet moment: a full collection, then freeze the survivors, if more
    than `above` objects are outside the frozen part. True if it ran."""
    if not gc.isenabled() or young_objects() <= above:
        return False
    gc.collect()
    gc.freeze()
    return True
