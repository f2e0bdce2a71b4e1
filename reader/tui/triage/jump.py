"""What the triage views ask the app to do when they close."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JumpTo:
    """Open `article_id` with the reading cursor at character `offset`."""

    article_id: str
    offset: int


@dataclass(frozen=True)
class MakeFactCheck:
    """Open the annotation dialog on `article_id[start:end]`, as a fact-check."""

    article_id: str
    start: int
    end: int
