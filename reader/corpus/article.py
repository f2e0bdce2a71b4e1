"""The Article record that every layer reads, and the provenance of its fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Provenance(StrEnum):
    """Where a metadata field's value came from."""

    TEXT = "text"  # stated in the article; `span` points at it
    DERIVED = "derived"  # computed from the text (e.g. a title from the first sentence)
    UNKNOWN = "unknown"  # not stated; `value` is None


@dataclass(frozen=True)
class MetaField:
    """One metadata value with where it came from. Never invented."""

    value: str | None = None
    provenance: Provenance = Provenance.UNKNOWN
    span: tuple[int, int] | None = None  # offsets into Article.text of the evidence

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = MetaField()


@dataclass(frozen=True)
class Article:
    """One article of the corpus.

    `text` is the whole file as decoded, with only a BOM removed and CRLF/CR
    turned into LF. Every offset in the program (entities, annotations) points
    into it. It may hold control characters: display code must pass it through
    `reader.corpus.sanitize.display_safe` (same length) before drawing it.
    """

    id: str  # path relative to the corpus root, POSIX separators, Unicode NFC
    path: Path
    text: str
    text_hash: str  # sha256 hex of `text`
    title: MetaField
    author: MetaField = UNKNOWN
    # Where this copy was published. A note such as "published by Project
    # Syndicate ... republished by the Kyiv Independent" gives outlet = the
    # republisher (where the reader read it) and original_outlet = the first one.
    outlet: MetaField = UNKNOWN
    published: MetaField = UNKNOWN  # value: ISO date "YYYY-MM-DD"
    body_start: int = 0  # offset where the body starts (after the title line, if any)
    word_count: int = 0
    reading_minutes: int = 0
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default_factory=tuple)
    subtitle: MetaField = UNKNOWN  # a dek line right under the title, when there is one
    original_outlet: MetaField = UNKNOWN  # the first publisher of a republished piece
    debris: tuple[tuple[int, int], ...] = ()  # spans of page boilerplate ("Leave a Comment")

    @property
    def body(self) -> str:
        return self.text[self.body_start :]
