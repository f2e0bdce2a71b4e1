"""Undo/redo records: what one change did to one annotation.

The history lives in the database's `history` table as documents keyed by a
sequence number, with a cursor in `_meta` (the sequence number of the last
applied change), so undo and redo survive a restart and are shared by every
instance that has the file open.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from tinydb.table import Document, Table

from reader.annotations.codec import CodecError, annotation_from_dict, annotation_to_dict
from reader.annotations.errors import StoreError
from reader.annotations.model import Annotation, now_iso
from reader.annotations.serialise import TrackedTable
from reader.annotations.storage import HISTORY_TABLE, META_DOC_ID, META_TABLE, AtomicJSONStorage
from reader.annotations.tables import StrIdTable

HISTORY_CAP = 1000  # oldest changes beyond this are forgotten


class Action(StrEnum):
    CREATE = "create"
    EDIT = "edit"
    DELETE = "delete"


@dataclass(frozen=True)
class Change:
    """One create/edit/delete: the annotation before and after (None: absent)."""

    action: Action
    before: Annotation | None
    after: Annotation | None

    @property
    def annotation_id(self) -> str:
        ann = self.after if self.after is not None else self.before
        assert ann is not None
        return ann.id


def change_to_doc(change: Change) -> dict[str, Any]:
    return {
        "action": str(change.action),
        "before": None if change.before is None else annotation_to_dict(change.before),
        "after": None if change.after is None else annotation_to_dict(change.after),
        "at": now_iso(),
    }


def change_from_doc(doc: dict[str, Any]) -> Change:
    """Raises CodecError when the document is not a change record."""
    try:
        action = Action(doc["action"])
    except (KeyError, ValueError) as exc:
        raise CodecError(f"not a change record: {exc!r}") from exc
    before, after = doc.get("before"), doc.get("after")
    if before is None and after is None:
        raise CodecError("a change record needs a before or an after")
    return Change(
        action=action,
        before=None if before is None else annotation_from_dict(before),
        after=None if after is None else annotation_from_dict(after),
    )


class HistoryLog:
    """The history table plus its cursor; callers hold the lock and a transaction."""

    def __init__(self, storage: AtomicJSONStorage, path: Path) -> None:
        self._storage = storage
        self._path = path
        self._table = StrIdTable(storage, HISTORY_TABLE)
        self._meta = Table(storage, META_TABLE)
        # The table's sequence numbers, ascending, while it is the table they were
        # taken from and only `record` changed it (a reload makes a new table).
        self._seqs: tuple[weakref.ref[TrackedTable], list[int]] | None = None

    @property
    def cursor(self) -> int:
        """Sequence number of the last applied change (0: none)."""
        meta = self._storage.data.get(META_TABLE, {}).get(META_DOC_ID, {})
        cursor = meta.get("history_cursor", 0)
        return cursor if isinstance(cursor, int) and cursor >= 0 else 0

    def _set_cursor(self, cursor: int) -> None:
        self._meta.update({"history_cursor": cursor}, doc_ids=[int(META_DOC_ID)])

    def _doc(self, seq: int) -> dict[str, Any] | None:
        return self._storage.data.get(HISTORY_TABLE, {}).get(str(seq)) if seq > 0 else None

    def _change(self, seq: int) -> Change | None:
        doc = self._doc(seq)
        if doc is None:
            return None
        try:
            return change_from_doc(doc)
        except CodecError as exc:
            raise StoreError(
                f"The undo history in {self._path} is damaged at entry {seq} ({exc}); "
                "the annotations are intact, but this change cannot be undone or redone."
            ) from None

    def can_undo(self) -> bool:
        return self._doc(self.cursor) is not None

    def can_redo(self) -> bool:
        return self._doc(self.cursor + 1) is not None

    def step_back(self) -> Change | None:
        """The change to undo (its `before` must be restored), moving the cursor back."""
        change = self._change(self.cursor)
        if change is not None:
            self._set_cursor(self.cursor - 1)
        return change

    def step_forward(self) -> Change | None:
        """The change to redo (its `after` must be restored), moving the cursor on."""
        change = self._change(self.cursor + 1)
        if change is not None:
            self._set_cursor(self.cursor + 1)
        return change

    def _sequence(self) -> list[int]:
        """The sequence numbers in the table, ascending."""
        table = self._storage.data.get(HISTORY_TABLE, {})
        cached = self._seqs
        if cached is not None and cached[0]() is table and len(cached[1]) == len(table):
            return cached[1]
        return sorted(map(int, table))

    def record(self, change: Change) -> None:
        """Append a change: drop the redo tail, then the oldest beyond HISTORY_CAP."""
        cursor = self.cursor
        seqs = self._sequence()
        cut = bisect_right(seqs, cursor)
        if cut < len(seqs):
            self._table.remove(doc_ids=[str(s) for s in seqs[cut:]])
        self._table.insert(Document(change_to_doc(change), doc_id=str(cursor + 1)))
        drop = max(0, cut + 1 - HISTORY_CAP)
        if drop:
            self._table.remove(doc_ids=[str(s) for s in seqs[:drop]])
        self._set_cursor(cursor + 1)
        table = self._storage.data.get(HISTORY_TABLE)
        self._seqs = None
        if isinstance(table, TrackedTable):
            self._seqs = (weakref.ref(table), [*seqs[drop:cut], cursor + 1])
