"""Undo/redo records: what one change did to one annotation.

The history lives in the database's `history` table as documents keyed by a
sequence number, with a cursor in `_meta` (the sequence number of the last
applied change), so undo and redo survive a restart and are shared by every
instance that has the file open.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reader.annotations.codec import CodecError, annotation_from_dict, annotation_to_dict
from reader.annotations.model import Annotation, now_iso

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
