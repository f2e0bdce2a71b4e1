"""Which articles contain a word: lets the side panel count, in milliseconds,
the other articles that mention an entity. Pure, no textual import.

Built once in a worker from the filter haystacks (lower-cased UTF-8 bytes).
Postings are compact `array("I")` lists of article indices (~4 bytes each).
"""

from __future__ import annotations

import re
import time
from array import array
from collections.abc import Callable, Iterable, Sequence

_WORD = re.compile(rb"\w+")


class WordIndex:
    def __init__(
        self, haystacks: Iterable[bytes], should_stop: Callable[[], bool] | None = None
    ) -> None:
        """Index every word of every haystack. If `should_stop()` turns true
        the index is left incomplete and `complete` is False."""
        self._postings: dict[bytes, array[int]] = {}
        self.complete = False
        postings = self._postings
        for index, hay in enumerate(haystacks):
            if index % 64 == 0:
                if should_stop is not None and should_stop():
                    return
                time.sleep(0)  # let the UI thread have the interpreter
            for word in set(_WORD.findall(hay)):
                found = postings.get(word)
                if found is None:
                    postings[word] = found = array("I")
                found.append(index)
        self.complete = True

    def candidates(self, phrase: bytes) -> Sequence[int] | None:
        """Indices of the articles holding every word of `phrase` could be in:
        the postings of its rarest word; None if `phrase` has no word."""
        words = _WORD.findall(phrase)
        if not words:
            return None
        lists = [self._postings.get(w, array("I")) for w in words]
        return min(lists, key=len)
