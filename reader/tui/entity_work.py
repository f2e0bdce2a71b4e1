"""Run the entity extractor for one article and lay the result out for the
reading view and side panel. Pure, no textual import (runs in a worker)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.tui.entity_summary import EntityGroup, summarize
from reader.tui.text_layout import Span, line_starts, spans_by_line

Extractor = Callable[[Article], Sequence[Entity]]


@dataclass(frozen=True)
class EntityResult:
    """What the reading view and side panel need for one article."""

    entities: tuple[Entity, ...]
    by_line: dict[int, list[Span]]
    summary: dict[Label, list[EntityGroup]]
    error: str | None = None

    def counts(self) -> dict[Label, int]:
        return {label: sum(g.count for g in groups) for label, groups in self.summary.items()}


def analyse(article: Article, extractor: Extractor) -> EntityResult:
    """Run `extractor` and lay out its result. Mentions whose offsets fall
    outside the text are dropped; an extractor error becomes `error`."""
    try:
        found = extractor(article)
    except Exception as exc:  # a separate component: its failure must not end the app
        return EntityResult((), {}, {}, error=f"entity extraction failed: {exc!r}")
    size = len(article.text)
    entities = tuple(sorted(e for e in found if 0 <= e.start < e.end <= size))
    starts = line_starts(article.text)
    by_line = spans_by_line(starts, [(e.start, e.end, e.label.value) for e in entities])
    return EntityResult(entities, by_line, summarize(entities))
