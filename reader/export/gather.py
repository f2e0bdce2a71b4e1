"""Collect what every format needs: each annotation with its article, where it
sits in the current text, and the entities inside its span."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.annotations.model import AnchorState, Annotation
from reader.corpus import Article, Corpus
from reader.entities import Entity, entities_for
from reader.export.placing import Placed, place_annotation


class ExportError(Exception):
    """The export cannot be made as asked (e.g. an unknown article)."""


@dataclass(frozen=True)
class Item:
    """One annotation, placed against its article's current text."""

    annotation: Annotation
    article: Article | None  # None: the article is not in the corpus
    placed: Placed
    entities: tuple[Entity, ...]  # entities inside the current span

    @property
    def state(self) -> AnchorState:
        return self.placed.state


@dataclass(frozen=True)
class ArticleEntry:
    """An article (or the id of a missing one) and its annotations, in order."""

    id: str
    article: Article | None
    path: str | None  # relative to the corpus root, POSIX separators
    items: tuple[Item, ...]
    entities: tuple[Entity, ...] = ()  # of the whole article, when any item is placed


@dataclass(frozen=True)
class Gathered:
    articles: tuple[ArticleEntry, ...]
    root: Path | None = None  # the corpus root

    @property
    def items(self) -> list[Item]:
        return [item for entry in self.articles for item in entry.items]

    @property
    def count(self) -> int:
        return sum(len(entry.items) for entry in self.articles)


EntityFinder = Callable[[Article], list[Entity]]


def gather(
    corpus: Corpus,
    annotations: Iterable[Annotation],
    *,
    article_id: str | None = None,
    find_entities: EntityFinder | None = None,
) -> Gathered:
    """Group `annotations` by article (corpus order, then missing ids sorted) and
    place each one. With `article_id`, only that article; ExportError when it is
    neither in the corpus nor annotated. `find_entities` defaults to the
    shared extractor (`reader.entities.entities_for`)."""
    finder = find_entities or entities_for
    by_article: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        if article_id is None or annotation.article_id == article_id:
            by_article.setdefault(annotation.article_id, []).append(annotation)
    corpus_ids = [article.id for article in corpus.articles]
    if article_id is not None and article_id not in by_article:
        if corpus.by_id(article_id) is None:
            raise ExportError(_unknown_article(article_id, corpus_ids))
        by_article[article_id] = []
    known = set(corpus_ids)
    order = [aid for aid in corpus_ids if aid in by_article]
    order += sorted(aid for aid in by_article if aid not in known)
    entries = []
    for aid in order:
        article = corpus.by_id(aid) if aid in known else None
        entries.append(_entry(aid, article, corpus, by_article[aid], finder))
    return Gathered(articles=tuple(entries), root=corpus.root)


def _unknown_article(article_id: str, corpus_ids: list[str]) -> str:
    import difflib

    message = f"unknown article {article_id!r}: not in the corpus and not annotated"
    close = difflib.get_close_matches(article_id, corpus_ids, n=3)
    if close:
        message += "; did you mean " + ", ".join(repr(c) for c in close) + "?"
    return message


def _entry(
    aid: str,
    article: Article | None,
    corpus: Corpus,
    annotations: list[Annotation],
    find_entities: EntityFinder,
) -> ArticleEntry:
    path = None
    if article is not None:
        try:
            path = article.path.relative_to(corpus.root).as_posix()
        except ValueError:
            path = article.id
    entities: list[Entity] | None = None
    starts: list[int] = []
    items = []
    for annotation in annotations:
        placed = place_annotation(annotation, article)
        inside: tuple[Entity, ...] = ()
        if article is not None and placed.start is not None and placed.end is not None:
            if entities is None:
                entities = sorted(find_entities(article))
                starts = [e.start for e in entities]
            inside = _inside(entities, starts, placed.start, placed.end)
        items.append(Item(annotation, article, placed, inside))
    items.sort(key=_order)
    return ArticleEntry(
        id=aid, article=article, path=path, items=tuple(items), entities=tuple(entities or ())
    )


def _inside(entities: list[Entity], starts: list[int], start: int, end: int) -> tuple[Entity, ...]:
    first = bisect.bisect_left(starts, start)
    found = []
    for entity in entities[first:]:
        if entity.start >= end:
            break
        if entity.end <= end:
            found.append(entity)
    return tuple(found)


def _order(item: Item) -> tuple[int, int, str, str]:
    """Article-level notes first, then by position in the text, then age, then id."""
    annotation = item.annotation
    if annotation.anchor is None:
        position = -1
    elif item.placed.start is not None:
        position = item.placed.start
    else:
        position = annotation.anchor.start
    return (position, 0 if annotation.anchor is None else 1, annotation.created, annotation.id)
