"""The check-worthy claims of many articles, kept as spans only.

The sidebar needs, per article, how many check-worthy claims no fact-check
covers yet: the (start, end) of each claim is enough. Claim objects (with
their text, score and reasons) are made again when an article's claims view
opens. Flat typed arrays: 8 bytes a claim instead of ~500 for a Claim and its
text; ~1 MB for the ~80,000 claims of 10,000 articles.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence

from reader.annotations.model import Annotation, Kind
from reader.triage.claims import Claim

Span = tuple[int, int]


class WorthySpans(Mapping[str, list[Span]]):
    """article id -> the (start, end) of its check-worthy claims, in text order.
    Adding an article again replaces its spans."""

    def __init__(self) -> None:
        self._slot: dict[str, int] = {}  # article id -> slot
        self._first, self._stop = array("i"), array("i")  # slot -> its claims' slice
        self._starts, self._ends = array("i"), array("i")

    def add(self, article_id: str, spans: Iterable[Span | Claim]) -> None:
        """Set `article_id`'s claims (Claim objects or (start, end) pairs)."""
        first = len(self._starts)
        for span in spans:
            start, end = (span.start, span.end) if isinstance(span, Claim) else span
            self._starts.append(start)
            self._ends.append(end)
        slot = self._slot.get(article_id)
        if slot is None:
            self._slot[article_id] = len(self._first)
            self._first.append(first)
            self._stop.append(len(self._starts))
        else:  # the old slice stays unused: rare (an article rescored)
            self._first[slot], self._stop[slot] = first, len(self._starts)

    def update(self, found: Mapping[str, Iterable[Span | Claim]]) -> None:
        """Add every article of `found` (a WorthySpans or {id: claims})."""
        for article_id, spans in found.items():
            self.add(article_id, spans)

    def spans(self, article_id: str) -> list[Span]:
        slot = self._slot.get(article_id)
        if slot is None:
            return []
        first, stop = self._first[slot], self._stop[slot]
        return list(zip(self._starts[first:stop], self._ends[first:stop], strict=True))

    def __getitem__(self, article_id: str) -> list[Span]:
        if article_id not in self._slot:
            raise KeyError(article_id)
        return self.spans(article_id)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._slot)

    def __len__(self) -> int:
        return len(self._slot)

    def claim_count(self) -> int:
        """Every claim kept (for measuring)."""
        return sum(self._stop[s] - self._first[s] for s in range(len(self._first)))

    def unchecked(self, article_id: str, annotations: Sequence[Annotation]) -> int | None:
        """How many of the article's claims no fact-check annotation of this
        article overlaps (as `claims.unchecked_claims` counts); None when the
        article's claims are not known."""
        if article_id not in self._slot:
            return None
        checked = [
            (a.anchor.start, a.anchor.end)
            for a in annotations
            if a.kind == Kind.FACTCHECK and a.anchor is not None and a.article_id == article_id
        ]
        spans = self.spans(article_id)
        return sum(1 for start, end in spans if not any(s < end and start < e for s, e in checked))
