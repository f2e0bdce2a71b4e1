"""Offline entity extraction: people, organisations, places, dates, quantities.

`entities_for` and `extract_entities` are imported on first use (PEP 562): the
app's first screen needs only the model (`Entity`, `Label`), not the extractor
(~30 ms of imports and word lists; see reader.tui.first_entities).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.entities.model import Entity, Label

if TYPE_CHECKING:
    from reader.entities.extract import entities_for, extract_entities

__all__ = ["Entity", "Label", "entities_for", "extract_entities"]


def __getattr__(name: str) -> Any:
    if name in ("entities_for", "extract_entities"):
        from reader.entities import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
