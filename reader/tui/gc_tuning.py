"""Keep Python's cyclic garbage collector off the big, long-lived data.

With 10,000 articles and their triage data in memory (millions of objects),
each full collection walked all of them: 0.65 s pauses that landed on key
presses (an article open took 0.78 s instead of 0.1 s). Once such data is
built it lives as long as the app, so it is moved out of the collector's
sight (gc.freeze). The same holds for a store of 10,000 annotations, whose
full collections took ~100 ms and landed on saves. No textual import.
"""

from __future__ import annotations

import gc

BIG = 1_000  # articles or annotations; below this a full collection is quick anyway
BIG_TEXT = 100_000  # characters: an article whose layout is big, long-lived data


def settle(items: int) -> None:
    """Call when long-lived data for `items` articles (or annotations) has just
    been built or loaded; from 1,000 on it is frozen out of the collector."""
    if items >= BIG:
        gc.freeze()


def settle_text(chars: int) -> None:
    """Call before and after laying out an article of `chars` characters (and
    once its entities are in): from BIG_TEXT on, what exists is frozen, so the
    full collections that its hundred thousand new objects set off do not walk
    the whole heap again (50-160 ms pauses on a 1 MB article, seeds corpus)."""
    if chars >= BIG_TEXT:
        gc.freeze()
