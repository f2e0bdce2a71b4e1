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
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

_WORD = re.compile(rb"\w+")
_ONE_WORD = re.compile(rb"\w+\Z")
MAX_WORDS = 400  # a fragment inside more words than this: scanning the texts is as quick
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
        # every word once, joined: finds the words a fragment occurs in
        self._vocabulary = list(postings)
        self._blob = b"\n".join(self._vocabulary)
        self._starts = array("I", [0])
        for word in self._vocabulary[:-1]:
            self._starts.append(self._starts[-1] + len(word) + 1)
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

    def containing(self, fragment: bytes, max_words: int = MAX_WORDS) -> list[int] | None:
        """Indices (ascending) of the articles holding `fragment`, when it is
        made of word characters only (so each occurrence lies inside one
        indexed word) and occurs in at most `max_words` distinct words; else
        None (the caller scans the texts)."""
        if not self.complete or not _ONE_WORD.match(fragment):
            return None
        blob, starts, vocabulary = self._blob, self._starts, self._vocabulary
        words: list[bytes] = []
        position = blob.find(fragment)
        while position >= 0:
            number = bisect_right(starts, position) - 1
            words.append(vocabulary[number])
            if len(words) > max_words:
                return None
            position = blob.find(fragment, starts[number] + len(vocabulary[number]) + 1)
        found: set[int] = set()
        dense, dense_bytes = 0, 0  # the bitmaps OR-ed as one integer
        for word in words:
            postings = self._postings[word]
            if type(postings) is bytearray:
                dense |= int.from_bytes(postings, "little")
                dense_bytes = len(postings)
            else:
                found.update(postings)
        if dense:
            found.update(_bits(bytearray(dense.to_bytes(dense_bytes, "little"))))
        return sorted(found)
