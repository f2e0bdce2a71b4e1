"""Compact storage of raw entity mentions, and its cache file format.

A MentionStore keeps the (start, end, label, value, key) rows of many texts in
flat typed arrays with interned strings; `save` and `load` write and read it as
a binary cache file (reader.triage.cachefile), checking every number on load.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from pathlib import Path

from reader.entities.model import Label
from reader.triage.cachefile import CacheUnreadable, narrowest, read_arrays, write_arrays_atomic

CACHE_FORMAT = "reader-entity-index"
CACHE_VERSION = 2

Row = tuple[int, int, str, str | None, str | None]  # start, end, label, value, key
LABEL_NAMES = [str(label) for label in Label]  # label code -> label
LABEL_CODE = {name: code for code, name in enumerate(LABEL_NAMES)}


class MentionStore:
    """The raw mentions of many texts in flat typed arrays, ~21 bytes a mention
    instead of a tuple of objects: start, end, label code, value and canonical
    key as ids into one table of interned strings (-1: None). `spans` maps a
    text hash to its slice of the arrays. Also the format of the cache file.
    `narrow()` (done on save and load) stores each array in the smallest
    integer type its numbers fit: ~9 bytes a mention on a news corpus."""

    def __init__(self) -> None:
        self.starts = array("i")
        self.ends = array("i")
        self.labels = array("b")
        self.values = array("i")
        self.keys = array("i")
        self.strings: list[str] = []
        self._ids: dict[str, int] = {}
        self.spans: dict[str, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self.spans)

    def _intern(self, text: str | None) -> int:
        if text is None:
            return -1
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.strings)
            self.strings.append(text)
        return found

    def _arrays(self) -> list[array]:
        return [self.starts, self.ends, self.labels, self.values, self.keys]

    def narrow(self) -> None:
        """Each array in the smallest integer type that holds its numbers."""
        self.starts, self.ends, self.labels, self.values, self.keys = map(narrowest, self._arrays())

    def widen(self) -> None:
        """Back to 4-byte arrays (after `narrow`), so that any number fits."""
        self.starts, self.ends, self.values, self.keys = (
            a if a.typecode == "i" else array("i", a)
            for a in (self.starts, self.ends, self.values, self.keys)
        )
        if self.labels.typecode != "b":
            self.labels = array("b", self.labels)

    def add(self, text_hash: str, rows: Iterable[Row]) -> None:
        if self.starts.typecode != "i":
            self.widen()
        first = len(self.starts)
        for start, end, label, value, key in rows:
            self.starts.append(start)
            self.ends.append(end)
            self.labels.append(LABEL_CODE[label])
            self.values.append(self._intern(value))
            self.keys.append(self._intern(key))
        self.spans[text_hash] = (first, len(self.starts))

    def copy(self, text_hash: str, other: MentionStore) -> None:
        """Add `other`'s mentions of `text_hash`."""
        self.add(text_hash, other.rows(text_hash))

    def seal(self) -> None:
        """Drop what only building needs (text hash -> slice, string -> id):
        an EntityIndex made from the store keeps its own slices."""
        self.spans = {}
        self._ids = {}

    def rows(self, text_hash: str) -> list[Row]:
        first, stop = self.spans.get(text_hash, (0, 0))
        strings, labels = self.strings, LABEL_NAMES
        return [
            (
                self.starts[i],
                self.ends[i],
                labels[self.labels[i]],
                None if self.values[i] < 0 else strings[self.values[i]],
                None if self.keys[i] < 0 else strings[self.keys[i]],
            )
            for i in range(first, stop)
        ]

    def fits(self, text_hash: str, size: int) -> bool:
        """Whether every mention of `text_hash` lies inside a text of `size`."""
        first, stop = self.spans[text_hash]
        return all(
            0 <= s < e <= size
            for s, e in zip(self.starts[first:stop], self.ends[first:stop], strict=True)
        )

    def save(self, path: Path, fingerprint: str) -> None:
        header = {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "extractor": fingerprint,
            "strings": self.strings,
            "spans": [[h, a, b] for h, (a, b) in self.spans.items()],
        }
        self.narrow()
        write_arrays_atomic(path, header, self._arrays())

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> tuple[MentionStore, str]:
        """The store saved at `path` and "loaded"; else an empty store and
        "missing" or "ignored" (unreadable, another format or extractor, any
        number out of range)."""
        empty = cls()
        try:
            found = read_arrays(path)
        except CacheUnreadable:
            return empty, "ignored"
        if found is None:
            return empty, "missing"
        header, arrays = found
        strings, spans = header.get("strings"), header.get("spans")
        if (
            header.get("format") != CACHE_FORMAT
            or header.get("version") != CACHE_VERSION
            or header.get("extractor") != fingerprint
            or not isinstance(strings, list)
            or not all(type(s) is str for s in strings)
            or not isinstance(spans, list)
            or len(arrays) != 5
            or not all(a.typecode in "bBhHi" for a in arrays)
            or len({len(a) for a in arrays}) != 1
        ):
            return empty, "ignored"
        store = cls()
        store.starts, store.ends, store.labels, store.values, store.keys = arrays
        store.narrow()  # a file written before narrowing was done
        store.strings = strings
        size = len(store.starts)
        for numbers, low, high in (
            (store.starts, 0, 1 << 31),
            (store.ends, 1, 1 << 31),
            (store.labels, 0, len(LABEL_NAMES)),
            (store.values, -1, len(strings)),
            (store.keys, -1, len(strings)),
        ):
            if numbers and (min(numbers) < low or max(numbers) >= high):
                return empty, "ignored"
        try:
            for text_hash, first, stop in spans:
                if not (type(text_hash) is str and type(first) is int and type(stop) is int):
                    return empty, "ignored"
                if not 0 <= first <= stop <= size:
                    return empty, "ignored"
                store.spans[text_hash] = (first, stop)
        except (TypeError, ValueError):
            return empty, "ignored"
        return store, "loaded"
