"""Run the entity extractor for one article, or take its mentions as the
triage index already holds them, and lay the result out for the reading view
and side panel. Pure, no textual import (runs in a worker)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.tui.entity_summary import EntityGroup, summarize
from reader.tui.text_layout import Span, line_starts, spans_by_line

Extractor = Callable[[Article], Sequence[Entity]]
Row = tuple[int, int, str, str | None, str | None]  # start, end, label, value, key


@dataclass(frozen=True)
class EntityResult:
    """What the reading view and side panel need for one article."""

    entities: tuple[Entity, ...]
    by_line: dict[int, list[Span]]
    summary: dict[Label, list[EntityGroup]]
    error: str | None = None

    def counts(self) -> dict[Label, int]:
        return {label: sum(g.count for g in groups) for label, groups in self.summary.items()}


def lay_out(text: str, found: Iterable[Entity]) -> EntityResult:
    """The result for `found` (mentions of `text`, any order): mentions whose
    offsets fall outside the text are dropped, the rest sorted."""
    size = len(text)
    entities = tuple(sorted(e for e in found if 0 <= e.start < e.end <= size))
    starts = line_starts(text)
    by_line = spans_by_line(starts, [(e.start, e.end, e.label.value) for e in entities])
    return EntityResult(entities, by_line, summarize(entities))


def analyse(article: Article, extractor: Extractor) -> EntityResult:
    """Run `extractor` and lay out its result (see `lay_out`); an extractor
    error becomes `error`."""
    try:
        found = extractor(article)
    except Exception as exc:  # a separate component: its failure must not end the app
        return EntityResult((), {}, {}, error=f"entity extraction failed: {exc!r}")
    return lay_out(article.text, found)


def from_rows(text: str, rows: Iterable[Row]) -> EntityResult:
    """The result for mentions kept as (start, end, label, value, key) rows
    (the triage index's form): each Entity's text is `text[start:end]`, which
    is all a row leaves out, so rows of an extractor's output give exactly
    what `analyse` gives for it."""
    size = len(text)
    return lay_out(
        text,
        (
            Entity(start, end, text[start:end], Label(label), value, key)
            for start, end, label, value, key in rows
            if 0 <= start < end <= size
        ),
    )
