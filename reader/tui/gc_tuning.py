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


def settle(items: int) -> None:
    """Call when long-lived data for `items` articles (or annotations) has just
    been built or loaded; from 1,000 on it is frozen out of the collector."""
    if items >= BIG:
        gc.freeze()
