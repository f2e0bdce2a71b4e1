"""Keep Python's cyclic garbage collector off the big, long-lived data.

With 10,000 articles and their triage data in memory (millions of objects),
each full collection walked all of them: 0.65 s pauses that landed on key
presses (an article open took 0.78 s instead of 0.1 s). Once such data is
built it lives as long as the app, so it is moved out of the collector's
sight (gc.freeze). The same holds for a store of 10,000 annotations, whose
full collections took ~100 ms and landed on saves.

Start-up is the same story in small: importing Textual and the app and
drawing the first screen allocate hundreds of thousands of objects that all
live as long as the app (modules, classes, styles, widgets), and the
collector walked them again and again (~30 ms during the imports, and one
full collection of ~70 ms before the first frame). `hold` makes collections
rare for the start-up; `release` freezes what is alive then and restores the
usual thresholds. (Rare, not off: should `release` never come, say an app
built and never run, memory is still collected.) No textual import.
"""

from __future__ import annotations

import gc

BIG = 1_000  # articles or annotations; below this a full collection is quick anyway
BIG_TEXT = 100_000  # characters: an article whose layout is big, long-lived data

HOLD_THRESHOLD = 400_000  # allocations between young collections while held (usually 700;
# importing the app allocates ~260,000 objects that stay)

_held: tuple[int, int, int] | None = None  # the thresholds `hold` replaced


def settle(items: int) -> None:
    """Call when long-lived data for `items` articles (or annotations) has just
    been built or loaded; from 1,000 on it is frozen out of the collector."""
    if items >= BIG:
        gc.freeze()


def hold() -> None:
    """Collect rarely until `release`: a start-up is under way. Does nothing
    if already held."""
    global _held
    if _held is None:
        _held = gc.get_threshold()
        gc.set_threshold(max(HOLD_THRESHOLD, _held[0]), *_held[1:])


def release() -> None:
    """The start-up is over: what is alive now lives as long as the app, so it
    is frozen out of the collector, and the thresholds `hold` replaced are
    back. Does nothing when not held (safe to call more than once)."""
    global _held
    if _held is not None:
        gc.freeze()
        gc.set_threshold(*_held)
        _held = None


def settle_text(chars: int) -> None:
    """Call before and after laying out an article of `chars` characters (and
    once its entities are in): from BIG_TEXT on, what exists is frozen, so the
    full collections that its hundred thousand new objects set off do not walk
    the whole heap again (50-160 ms pauses on a 1 MB article, seeds corpus)."""
    if chars >= BIG_TEXT:
        gc.freeze()
