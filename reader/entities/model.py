"""The Entity record produced by extraction."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    DATE = "DATE"
    QUANTITY = "QUANTITY"


@dataclass(frozen=True, order=True)
class Entity:
    """A mention: `text == article_text[start:end]` always holds."""

    start: int
    end: int
    text: str
    label: Label
    value: str | None = None  # DATE: normalised ISO value when one can be known
    key: str | None = None  # canonical name shared by all mentions of one entity

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": str(self.label),
        }
        if self.value is not None:
            data["value"] = self.value
        if self.key is not None:
            data["key"] = self.key
        return data
