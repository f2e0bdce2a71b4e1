"""Case-insensitive filtering of the article list by title and full text.

Pure, no textual import. The haystacks are built once (in a worker) as
lower-cased UTF-8 bytes (half the memory of str for text with curly quotes),
and a query that extends the previous one only searches the previous result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def haystack(title: str, text: str) -> bytes:
    """What one article is searched in: title and text, lower-cased."""
    return f"{title}\n{text}".lower().encode("utf-8", "replace")


class FilterIndex:
    """Answers "which articles contain this query?" as a list of indices."""

    def __init__(self, haystacks: Iterable[bytes]) -> None:
        self._haystacks: list[bytes] = list(haystacks)
        self._last_query = b""
        self._last_result: list[int] = list(range(len(self._haystacks)))

    def __len__(self) -> int:
        return len(self._haystacks)

    @property
    def haystacks(self) -> Sequence[bytes]:
        return self._haystacks

    def search(self, query: str) -> list[int]:
        """Indices (ascending) of the articles whose title or text contains
        `query`, ignoring case. An empty query matches everything."""
        needle = query.lower().encode("utf-8", "replace")
        if not needle:
            result = list(range(len(self._haystacks)))
        else:
            if self._last_query and needle.startswith(self._last_query):
                candidates: Iterable[int] = self._last_result  # narrowing
            else:
                candidates = range(len(self._haystacks))
            hay = self._haystacks
            result = [i for i in candidates if needle in hay[i]]
        self._last_query, self._last_result = needle, result
        return result
