"""The Article record that every layer reads, and the provenance of its fields."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from reader.corpus.textstore import TextRef


class Provenance(StrEnum):
    """Where a metadata field's value came from."""

    TEXT = "text"  # stated in the article; `span` points at it
    DERIVED = "derived"  # computed from the text (e.g. a title from the first sentence)
    UNKNOWN = "unknown"  # not stated; `value` is None


@dataclass(frozen=True, slots=True)
class MetaField:
    """One metadata value with where it came from. Never invented."""

    value: str | None = None
    provenance: Provenance = Provenance.UNKNOWN
    span: tuple[int, int] | None = None  # offsets into Article.text of the evidence

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = MetaField()


@dataclass(frozen=True, slots=True, repr=False)
class Article:
    """One article of the corpus.

    `text` is the whole file as decoded, with only a BOM removed and CRLF/CR
    turned into LF. Every offset in the program (entities, annotations) points
    into it. It may hold control characters: display code must pass it through
    `reader.corpus.sanitize.display_safe` (same length) before drawing it.
    The loader gives a TextRef for `text` (see reader.corpus.textstore): each
    access rebuilds the str, so hold it for a loop rather than asking again.
    """

    id: str  # path relative to the corpus root, POSIX separators, Unicode NFC
    path: Path  # kept as a str, a Path made on access (a Path object is ~350 bytes)
    text: str  # given as a str, or as a TextRef (see _TextField below)
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

    def __repr__(self) -> str:
        # Short: Textual's @work describes a worker by repr() of its arguments,
        # and a list of 10,000 articles with their texts made a ~200 MB string.
        return f"Article(id={self.id!r}, text_hash={self.text_hash[:12]!r}…)"

    @property
    def text_ref(self) -> TextRef | None:
        """Where the text is kept, when it is in a TextStore (None for a str)."""
        value = _TEXT_SLOT.__get__(self, Article)
        return None if type(value) is str else value

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


class _TextField:
    """Article.text, over the field's slot: the slot holds a str, or a TextRef
    (the text kept compactly in a TextStore, rebuilt on access; the store keeps
    the last few)."""

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __get__(self, article: Any, owner: type | None = None) -> Any:
        if article is None:
            return self
        value = self._slot.__get__(article, owner)
        return value if type(value) is str else value.read()

    def __set__(self, article: Any, value: str | TextRef) -> None:
        if not isinstance(value, str | TextRef):
            raise TypeError(f"Article.text must be a str, not {type(value).__name__}")
        self._slot.__set__(article, value)


class _PathField:
    """Article.path, over the field's slot: the slot holds the path as a str."""

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __get__(self, article: Any, owner: type | None = None) -> Any:
        return self if article is None else Path(self._slot.__get__(article, owner))

    def __set__(self, article: Any, value: str | os.PathLike[str]) -> None:
        self._slot.__set__(article, os.fspath(value))


# Put on the class after @dataclass made the slots: the member descriptors of
# the `text` and `path` slots do the storing.
_TEXT_SLOT = Article.__dict__["text"]
Article.text = _TextField(_TEXT_SLOT)  # type: ignore[assignment,misc]
Article.path = _PathField(Article.__dict__["path"])  # type: ignore[assignment,misc]
