"""Case-insensitive filtering of the article list by title and full text.

Pure, no textual import. The haystacks are built once (in a worker), and a
query that extends the previous one only searches the previous result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def haystack(title: str, text: str) -> str:
    """What one article is searched in: title and text, lower-cased."""
    return f"{title}\n{text}".lower()


class FilterIndex:
    """Answers "which articles contain this query?" as a list of indices."""

    def __init__(self, haystacks: Iterable[str]) -> None:
        self._haystacks: list[str] = list(haystacks)
        self._last_query = ""
        self._last_result: list[int] = list(range(len(self._haystacks)))

    def __len__(self) -> int:
        return len(self._haystacks)

    @property
    def haystacks(self) -> Sequence[str]:
        return self._haystacks

    def search(self, query: str) -> list[int]:
        """Indices (ascending) of the articles whose title or text contains
        `query`, ignoring case. An empty query matches everything."""
        needle = query.lower()
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
