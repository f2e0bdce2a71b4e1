"""Annotation records: what a reader marked, and what they found."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

CONTEXT_CHARS = 32


class Kind(StrEnum):
    HIGHLIGHT = "highlight"
    NOTE = "note"
    TAG = "tag"
    FACTCHECK = "fact-check"


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"


DEFAULT_VERDICTS: tuple[str, ...] = (
    "true",
    "mostly true",
    "mixed",
    "mostly false",
    "false",
    "unproven",
)


class AnchorState(StrEnum):
    ANCHORED = "anchored"  # found where it was stored
    MOVED = "moved"  # found elsewhere after the article changed
    ORPHANED = "orphaned"  # could not be placed; kept and listed, never dropped


@dataclass(frozen=True)
class Anchor:
    """Where an annotation points: offsets plus the quote with its context."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    text_hash: str = ""  # hash of the article text the offsets refer to

    @classmethod
    def from_text(cls, text: str, start: int, end: int, text_hash: str = "") -> Anchor:
        return cls(
            start=start,
            end=end,
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            text_hash=text_hash,
        )


@dataclass(frozen=True)
class Source:
    url: str
    note: str = ""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Annotation:
    """One annotation. `anchor` is None for an article-level note."""

    article_id: str
    kind: Kind = Kind.NOTE
    anchor: Anchor | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    claim: str = ""
    claimant: str = ""
    verdict: str | None = None
    conclusion: str = ""
    sources: tuple[Source, ...] = ()
    status: Status = Status.OPEN
    author: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    updated: str = ""

    def __post_init__(self) -> None:
        if not self.updated:
            object.__setattr__(self, "updated", self.created)

    def edited(self, **changes: object) -> Annotation:
        """A copy with `changes` applied and `updated` set to now."""
        return replace(self, **changes, updated=now_iso())  # type: ignore[arg-type]
