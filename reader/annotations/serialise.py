"""Serialise the database quickly when only a few documents changed.

Every change rewrites the whole file, and with 10k annotations serialising it
all (orjson) is the largest part of a change's cost. Big tables are therefore
kept as `TrackedTable`s, which remember the keys set or deleted since the last
write, and serialised in buckets (by a hash of the document id): a write
re-serialises only the buckets that hold changed documents and joins the
cached bytes of the others.

The rule that makes this correct: documents of a tracked table are replaced,
never changed in place (`store.py` removes and inserts; its tables forbid
TinyDB's in-place `update`). Anything that replaces the table itself (a reload,
or TinyDB code we did not route) yields a plain dict and a full rebuild.
"""

from __future__ import annotations

import zlib
from typing import Any

import orjson

BUCKETS = 128


class TrackedTable(dict[str, Any]):
    """A dict of documents that records which keys changed since `take_changes()`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changed: set[str] = set()
        self.rebuild = True  # everything is new

    def __setitem__(self, key: str, value: Any) -> None:
        self.changed.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.changed.add(key)
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self.changed.add(key)
        return super().pop(key, *default)

    def _everything(self) -> None:
        self.rebuild = True

    def clear(self) -> None:
        self._everything()
        super().clear()

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._everything()
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.changed.add(key)
        return super().setdefault(key, default)

    def popitem(self) -> tuple[str, Any]:
        self._everything()
        return super().popitem()

    def __ior__(self, other: Any) -> TrackedTable:  # type: ignore[override,misc]
        self._everything()
        return super().__ior__(other)


def _bucket(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % BUCKETS


class TableSerialiser:
    """Cached JSON bytes of one tracked table, bucket by bucket."""

    def __init__(self) -> None:
        self._table: TrackedTable | None = None
        self._members: list[dict[str, None]] = []
        self._chunks: list[bytes] = []

    def pieces(self, table: dict[str, Any]) -> list[bytes]:
        """The table as JSON, in pieces to be written one after the other.

        Pieces, not one joined `bytes`: copying megabytes into a new buffer on
        every write costs more than serialising the few changed buckets.
        """
        if not isinstance(table, TrackedTable):
            self._table = None
            return [orjson.dumps(table)]
        if table is not self._table or table.rebuild:
            self._rebuild(table)
        elif table.changed:
            self._refresh(table)
        table.changed.clear()
        table.rebuild = False
        out = [b"{"]
        for chunk in self._chunks:
            if chunk:
                out += (chunk, b",")
        if len(out) > 1:
            out.pop()
        out.append(b"}")
        return out

    def dumps(self, table: dict[str, Any]) -> bytes:
        return b"".join(self.pieces(table))

    def _rebuild(self, table: TrackedTable) -> None:
        self._table = table
        self._members = [{} for _ in range(BUCKETS)]
        for key in table:
            self._members[_bucket(key)][key] = None
        self._chunks = [self._dump_bucket(table, i) for i in range(BUCKETS)]

    def _refresh(self, table: TrackedTable) -> None:
        stale: set[int] = set()
        for key in table.changed:
            i = _bucket(key)
            stale.add(i)
            if key in table:
                self._members[i][key] = None
            else:
                self._members[i].pop(key, None)
        for i in stale:
            self._chunks[i] = self._dump_bucket(table, i)

    def _dump_bucket(self, table: TrackedTable, i: int) -> bytes:
        members = self._members[i]
        if not members:
            return b""
        return orjson.dumps({key: table[key] for key in members})[1:-1]
