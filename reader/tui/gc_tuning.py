"""Keep Python's cyclic garbage collector off the big, long-lived data.

With 10,000 articles and their triage data in memory (millions of objects),
each full collection walked all of them: 0.65 s pauses that landed on key
presses (an article open took 0.78 s instead of 0.1 s). Once such data is
built it lives as long as the app, so it is moved out of the collector's
sight (gc.freeze). No textual import.
"""

from __future__ import annotations

import gc

BIG_CORPUS = 1_000  # articles; below this a full collection is quick anyway


def settle(articles: int) -> None:
    """Call when long-lived data for `articles` articles has just been built."""
    if articles >= BIG_CORPUS:
        gc.freeze()
