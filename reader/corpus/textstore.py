"""Many article texts in little memory, searchable as they are stored.

A corpus of 10,000 news articles is ~54 M characters: as Python str (two bytes
a character once a text holds one curly quote) that was ~104 MB, and the
filter kept a lower-cased UTF-8 copy (~54 MB) besides. The store keeps only
the lower-cased copy, for searching, and rebuilds each text exactly from it
with a small "case patch": the XOR of the text's UTF-8 bytes with the
lower-cased bytes (zero but for the capitals), deflated: 4 MB for those 54 M
characters. A text whose lower-cased UTF-8 is not as long (rare letters such
as "İ") keeps its own bytes, deflated. Rebuilding a 5,000-character text
takes ~50 µs; the last few rebuilt are kept.

An entry is `lower(title) + "\\n" + lower(text)` in UTF-8. Entries are packed
into chunks of about a megabyte (one bytes object each), so that a search is
a few `bytes.find` calls over big buffers instead of one call per article.
Thread-safe: a loader thread adds while the UI thread reads and searches.
No textual import.
"""

from __future__ import annotations

import threading
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Sequence

CHUNK_BYTES = 1 << 20  # entries are joined into chunks of about this size
DENSE_SEARCH = 0.9  # find_in scans whole chunks when given this share of the slots or more
RECENT_TEXTS = 8  # rebuilt texts kept, for the article on screen and its neighbours
RECENT_CHARS = 2_000_000  # ... but no more characters than this (the newest is always kept)
_PLAIN, _XOR, _FULL = 0, 1, 2  # how an entry's text is rebuilt
_WBITS = -15  # raw deflate: no header or checksum (6 bytes less a text)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # exact for any str, even lone surrogates


class TextRef:
    """A text kept in a TextStore: what Article holds instead of a str."""

    __slots__ = ("slot", "store")

    def __init__(self, store: TextStore, slot: int) -> None:
        self.store = store
        self.slot = slot

    def read(self) -> str:
        return self.store.text(self.slot)

    def __repr__(self) -> str:
        return f"TextRef(slot={self.slot})"


class TextStore:
    """Texts by slot (0, 1, ... in the order added), and their search."""

    def __init__(self, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._chunk_bytes = chunk_bytes
        self._lock = threading.Lock()
        self._chunks: list[bytes] = []
        self._open: list[bytes] = []  # entries not joined into a chunk yet
        self._open_bytes = 0
        self._first: list[int] = [0]  # per chunk (and the open one): its first slot
        self._starts: list[list[int]] = []  # per chunk: where its entries start, and its end
        self._chunk = array("I")  # per slot: its chunk
        self._offset = array("Q")  # per slot: where its entry starts in the chunk
        self._size = array("Q")  # per slot: the entry's length in bytes
        self._text_at = array("I")  # per slot: where the text starts in the entry
        self._kind = bytearray()  # per slot: _PLAIN, _XOR or _FULL
        self._patch: list[bytes | None] = []  # per slot: deflated XOR or text bytes
        self._recent: OrderedDict[int, str] = OrderedDict()
        self._recent_chars = 0

    def __len__(self) -> int:
        return len(self._size)

    def add(self, title: str, text: str, utf8: bytes | None = None) -> TextRef:
        """Keep `text` (whose UTF-8 is `utf8`, when the caller has it) under a
        new slot, searchable with `title`. Returns its reference."""
        original = _encode(text) if utf8 is None else utf8
        lower = _encode(text.lower())
        if lower == original:
            kind, patch = _PLAIN, None
        elif len(lower) == len(original):
            diff = int.from_bytes(original, "little") ^ int.from_bytes(lower, "little")
            kind = _XOR
            patch = zlib.compress(diff.to_bytes(len(original), "little"), 1, _WBITS)
        else:
            kind, patch = _FULL, zlib.compress(original, 1, _WBITS)
        head = _encode(title.lower()) + b"\n"
        entry = head + lower
        del lower
        with self._lock:
            slot = len(self._size)
            self._chunk.append(len(self._chunks))
            self._offset.append(self._open_bytes)
            self._size.append(len(entry))
            self._text_at.append(len(head))
            self._kind.append(kind)
            self._patch.append(patch)
            self._open.append(entry)
            self._open_bytes += len(entry)
            if self._open_bytes >= self._chunk_bytes:
                self._close_chunk()
        return TextRef(self, slot)

    def _close_chunk(self) -> None:
        """Join the open entries into a chunk (the lock is held)."""
        if self._open:
            self._chunks.append(b"".join(self._open))
            first = self._first[-1]
            self._starts.append([*self._offset[first:], self._open_bytes])
            self._open, self._open_bytes = [], 0
            self._first.append(len(self._size))

    def _locate(self, slot: int) -> tuple[bytes, int, int]:
        """(buffer, start, end) of the entry of `slot`."""
        with self._lock:
            chunk = self._chunk[slot]
            if chunk < len(self._chunks):
                start = self._offset[slot]
                return self._chunks[chunk], start, start + self._size[slot]
            entry = self._open[slot - self._first[chunk]]
            return entry, 0, len(entry)

    def haystack(self, slot: int) -> bytes:
        """The lower-cased UTF-8 title and text of `slot` (a copy)."""
        buffer, start, end = self._locate(slot)
        return buffer if (start, end) == (0, len(buffer)) else buffer[start:end]

    def text(self, slot: int) -> str:
        """The text of `slot`, exactly as it was added."""
        with self._lock:
            cached = self._recent.get(slot)
            if cached is not None:
                self._recent.move_to_end(slot)
                return cached
        buffer, start, end = self._locate(slot)
        kind, patch = self._kind[slot], self._patch[slot]
        lower = buffer[start + self._text_at[slot] : end]
        if kind == _PLAIN:
            raw = lower
        elif kind == _XOR:
            assert patch is not None
            diff = zlib.decompress(patch, _WBITS)
            value = int.from_bytes(lower, "little") ^ int.from_bytes(diff, "little")
            raw = value.to_bytes(len(lower), "little")
        else:
            assert patch is not None
            raw = zlib.decompress(patch, _WBITS)
        text = raw.decode("utf-8", "surrogatepass")
        with self._lock:
            if slot not in self._recent:
                self._recent[slot] = text
                self._recent_chars += len(text)
            recent = self._recent
            while len(recent) > RECENT_TEXTS or (
                len(recent) > 1 and self._recent_chars > RECENT_CHARS
            ):
                self._recent_chars -= len(recent.popitem(last=False)[1])
        return text

    def contains(self, slot: int, needle: bytes) -> bool:
        """Whether the haystack of `slot` holds `needle` (lower-cased UTF-8)."""
        buffer, start, end = self._locate(slot)
        return buffer.find(needle, start, end) >= 0

    def find_all(self, needle: bytes) -> list[int]:
        """The slots (ascending) whose haystack holds `needle`: one scan of
        each chunk, jumping to the next entry at each hit."""
        if not needle:
            return list(range(len(self)))
        with self._lock:
            self._close_chunk()
            chunks, first, starts = list(self._chunks), list(self._first), list(self._starts)
        found: list[int] = []
        width = len(needle)
        for number, chunk in enumerate(chunks):
            at = chunk.find(needle)
            if at < 0:
                continue
            bounds, entry, base = starts[number], 0, first[number]
            while at >= 0:
                while bounds[entry + 1] <= at:  # entries are side by side: the next one
                    entry += 1
                end = bounds[entry + 1]
                if at + width <= end:
                    found.append(base + entry)
                    at = chunk.find(needle, end)
                else:  # runs over into the next entry: not a hit
                    at = chunk.find(needle, at + 1)
        return found

    def find_in(self, slots: Sequence[int], needle: bytes) -> list[int]:
        """Those of `slots` whose haystack holds `needle`, in the given order."""
        if len(slots) >= DENSE_SEARCH * len(self):  # (nearly) all: scan the chunks
            hits = set(self.find_all(needle))
            return [slot for slot in slots if slot in hits]
        with self._lock:
            self._close_chunk()
            chunks = list(self._chunks)
        chunk_of, offset, size = self._chunk, self._offset, self._size
        return [
            slot
            for slot in slots
            if chunks[chunk_of[slot]].find(needle, offset[slot], offset[slot] + size[slot]) >= 0
        ]

    @property
    def nbytes(self) -> int:
        """Bytes held (entries and patches), for benchmarks."""
        held = sum(map(len, self._chunks)) + self._open_bytes
        return held + sum(len(p) for p in self._patch if p is not None)
