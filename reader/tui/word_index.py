"""Which articles contain a word: lets the side panel count, in milliseconds,
the other articles that mention an entity. Pure, no textual import.

Built once in a worker from the filter haystacks (lower-cased UTF-8 bytes).
A word's postings are an `array` of article indices ("H", 2 bytes each, for
up to 65,536 articles); a word found in more than 1/16 of the articles keeps
a bitmap instead (one bit an article: smaller from that point on).
"""

from __future__ import annotations

import re
import time
from array import array
from collections.abc import Callable, Iterable, Sequence

_WORD = re.compile(rb"\w+")
DENSE_SHARE = 16  # a word in more than 1/DENSE_SHARE of the articles gets a bitmap
_MIN_DENSE = 64  # ... and in more than this many (small corpora keep plain lists)


def _bits(bitmap: bytearray) -> list[int]:
    """The indices whose bit is set, ascending."""
    return [
        (byte_index << 3) + bit
        for byte_index, byte in enumerate(bitmap)
        if byte
        for bit in range(8)
        if byte >> bit & 1
    ]


class WordIndex:
    def __init__(
        self, haystacks: Iterable[bytes], should_stop: Callable[[], bool] | None = None
    ) -> None:
        """Index every word of every haystack. If `should_stop()` turns true
        the index is left incomplete and `complete` is False."""
        self._postings: dict[bytes, array[int] | bytearray] = {}
        self._counts: dict[bytes, int] = {}  # of the words with a bitmap
        self.complete = False
        total = len(haystacks) if isinstance(haystacks, Sequence) else None
        typecode = "H" if total is not None and total <= 1 << 16 else "I"
        dense = max(_MIN_DENSE, total // DENSE_SHARE) if total is not None else None
        postings, counts = self._postings, self._counts
        for index, hay in enumerate(haystacks):
            if index % 64 == 0:
                if should_stop is not None and should_stop():
                    return
                time.sleep(0)  # let the UI thread have the interpreter
            for word in set(_WORD.findall(hay)):
                found = postings.get(word)
                if found is None:
                    postings[word] = found = array(typecode)
                if type(found) is bytearray:
                    found[index >> 3] |= 1 << (index & 7)
                    counts[word] += 1
                    continue
                found.append(index)
                if dense is not None and len(found) > dense:  # to a bitmap from now on
                    bitmap = bytearray((total + 7) >> 3)  # type: ignore[operator]
                    for i in found:
                        bitmap[i >> 3] |= 1 << (i & 7)
                    postings[word], counts[word] = bitmap, len(found)
        self.complete = True

    def _count(self, word: bytes) -> int:
        found = self._postings.get(word)
        return 0 if found is None else self._counts.get(word, len(found))

    def candidates(self, phrase: bytes) -> Sequence[int] | None:
        """Indices of the articles holding every word of `phrase` could be in:
        the postings of its rarest word; None if `phrase` has no word."""
        words = _WORD.findall(phrase)
        if not words:
            return None
        rarest = min(words, key=self._count)
        found = self._postings.get(rarest)
        if found is None:
            return ()
        return _bits(found) if type(found) is bytearray else found
