"""Case-insensitive filtering of the article list by title and full text.

Pure, no textual import. What is searched is each article's "haystack": its
title and text, lower-cased, in UTF-8. A loaded corpus already keeps them in
its TextStore (reader.corpus.textstore), in big chunks: a fresh query is a
few `bytes.find` scans over those chunks. A query that extends the previous
one only searches the previous result. Once the word index is attached, a
query of word characters found in few distinct words is answered from that
index's postings instead of a scan (a rare query otherwise reads every text).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, overload

from reader.corpus.article import Article
from reader.corpus.textstore import DENSE_SEARCH, TextStore
from reader.corpus.word_index import WordIndex


def haystack(title: str, text: str) -> bytes:
    """What one article is searched in: title and text, lower-cased."""
    return f"{title}\n{text}".lower().encode("utf-8", "replace")


class _Source(Protocol):
    def __len__(self) -> int: ...
    def haystack(self, index: int) -> bytes: ...
    def find_all(self, needle: bytes) -> list[int]: ...
    def find_in(self, indices: Sequence[int], needle: bytes) -> list[int]: ...


class _HaystackList:
    """A list of haystacks as a _Source (for small corpora and tests)."""

    def __init__(self, haystacks: Iterable[bytes]) -> None:
        self._hays = list(haystacks)

    def __len__(self) -> int:
        return len(self._hays)

    def haystack(self, index: int) -> bytes:
        return self._hays[index]

    def find_all(self, needle: bytes) -> list[int]:
        return self.find_in(range(len(self._hays)), needle)

    def find_in(self, indices: Sequence[int], needle: bytes) -> list[int]:
        hays = self._hays
        return [i for i in indices if needle in hays[i]]


class _SlotView:
    """Articles whose texts are in a store, but not as slots 0, 1, 2, ..."""

    def __init__(self, store: TextStore, slots: Sequence[int]) -> None:
        self._store, self._slots = store, list(slots)
        self._index = {slot: i for i, slot in enumerate(self._slots)}

    def __len__(self) -> int:
        return len(self._slots)

    def haystack(self, index: int) -> bytes:
        return self._store.haystack(self._slots[index])

    def find_all(self, needle: bytes) -> list[int]:
        index = self._index
        return sorted(index[s] for s in self._store.find_all(needle) if s in index)

    def find_in(self, indices: Sequence[int], needle: bytes) -> list[int]:
        if len(indices) >= DENSE_SEARCH * len(self):  # (nearly) all: scan the store
            hits = set(self.find_all(needle))
            return [i for i in indices if i in hits]
        slots, contains = self._slots, self._store.contains
        return [i for i in indices if contains(slots[i], needle)]


class Haystacks(Sequence[bytes]):
    """The haystacks of the articles, by article index (each a fresh copy)."""

    def __init__(self, source: _Source) -> None:
        self._source = source

    def __len__(self) -> int:
        return len(self._source)

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._source.haystack(index % len(self))


class FilterIndex:
    """Answers "which articles contain this query?" as a list of indices."""

    def __init__(self, haystacks: Iterable[bytes] | TextStore) -> None:
        """Over `haystacks` (see `haystack`), or over every text of a store."""
        source = haystacks if isinstance(haystacks, TextStore) else _HaystackList(haystacks)
        self._source: _Source = source
        self._last_query = b""
        self._last_result: list[int] = list(range(len(source)))
        self._words: WordIndex | None = None

    def attach_words(self, words: WordIndex) -> None:
        """Answer word-character queries from `words`, a complete index built
        over this index's own haystacks (same articles, same order)."""
        if words.complete:
            self._words = words

    @classmethod
    def of_articles(cls, articles: Sequence[Article]) -> FilterIndex:
        """The index of `articles`: over their store when all their texts are
        in one (nothing is copied), else over haystacks made of their texts."""
        refs = [a.text_ref for a in articles]
        stores = {id(ref.store) for ref in refs if ref is not None}
        if refs and None not in refs and len(stores) == 1:
            store = refs[0].store  # type: ignore[union-attr]
            slots = [ref.slot for ref in refs]  # type: ignore[union-attr]
            index = cls(store)
            if slots != list(range(len(store))):
                index._source = _SlotView(store, slots)
            return index
        return cls(haystack(a.title.value or "", a.text) for a in articles)

    def __len__(self) -> int:
        return len(self._source)

    @property
    def haystacks(self) -> Sequence[bytes]:
        return Haystacks(self._source)

    def search(self, query: str) -> list[int]:
        """Indices (ascending) of the articles whose title or text contains
        `query`, ignoring case. An empty query matches everything."""
        needle = query.lower().encode("utf-8", "replace")
        from_words = None if self._words is None else self._words.containing(needle)
        if not needle:
            result = list(range(len(self._source)))
        elif from_words is not None:
            result = from_words
        elif self._last_query and needle.startswith(self._last_query):
            result = self._source.find_in(self._last_result, needle)  # narrowing
        else:
            result = self._source.find_all(needle)
        self._last_query, self._last_result = needle, result
        return result
