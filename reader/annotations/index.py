"""The store's in-memory index: annotations by id and by article, the counts
per article, and which articles changed since a caller last asked.

Not thread-safe by itself: AnnotationStore holds its lock around every use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.annotations.model import Annotation, Kind, Status


@dataclass(frozen=True)
class ArticleCounts:
    notes: int  # annotations of any kind on the article
    open_factchecks: int  # fact-checks whose status is not DONE


def _sort_key(ann: Annotation) -> tuple[int, int, str, str]:
    if ann.anchor is None:
        return (-1, -1, ann.created, ann.id)
    return (ann.anchor.start, ann.anchor.end, ann.created, ann.id)


def counts_of(annotations: Iterable[Annotation]) -> ArticleCounts:
    """The counts of these annotations (one article's)."""
    anns = list(annotations)
    open_fc = sum(1 for a in anns if a.kind == Kind.FACTCHECK and a.status != Status.DONE)
    return ArticleCounts(notes=len(anns), open_factchecks=open_fc)


def articles_changed(old: dict[str, Annotation], new: dict[str, Annotation]) -> set[str]:
    """Article ids whose annotations differ between two id -> annotation maps."""
    changed: set[str] = set()
    for key, ann in new.items():
        before = old.get(key)
        if before is ann:
            continue
        if before is None or before != ann:
            changed.add(ann.article_id)
            if before is not None:
                changed.add(before.article_id)
    changed.update(ann.article_id for key, ann in old.items() if key not in new)
    return changed


class AnnotationIndex:
    """Annotations by id and by article (insertion-ordered id sets)."""

    def __init__(self) -> None:
        self.by_id: dict[str, Annotation] = {}
        self._by_article: dict[str, dict[str, None]] = {}
        self._counts: dict[str, ArticleCounts] | None = None
        self.touched: set[str] = set()  # article ids changed since take_touched

    def set(self, annotation_id: str, annotation: Annotation | None) -> None:
        """Make `annotation_id` map to `annotation` (None: remove it)."""
        old = self.by_id.pop(annotation_id, None)
        if old is not None:
            self.touched.add(old.article_id)
            ids = self._by_article[old.article_id]
            ids.pop(annotation_id, None)
            if not ids:
                del self._by_article[old.article_id]
        if annotation is not None:
            self.touched.add(annotation.article_id)
            self.by_id[annotation_id] = annotation
            self._by_article.setdefault(annotation.article_id, {})[annotation_id] = None
        self._counts = None

    def take_touched(self) -> set[str]:
        touched, self.touched = self.touched, set()
        return touched

    def all(self) -> list[Annotation]:
        return sorted(self.by_id.values(), key=lambda a: (a.created, a.id))

    def for_article(self, article_id: str) -> list[Annotation]:
        """Article-level notes first, then by position."""
        ids = self._by_article.get(article_id, {})
        return sorted((self.by_id[i] for i in ids), key=_sort_key)

    def has_article(self, article_id: str) -> bool:
        return article_id in self._by_article

    def counts_by_article(self) -> dict[str, ArticleCounts]:
        if self._counts is None:
            self._counts = {
                article_id: counts_of(self.by_id[i] for i in ids)
                for article_id, ids in self._by_article.items()
            }
        return dict(self._counts)

    def counts_for(self, article_id: str) -> ArticleCounts:
        return counts_of(self.by_id[i] for i in self._by_article.get(article_id, {}))

    def holds(self, article_id: str, annotations: Iterable[Annotation]) -> bool:
        """Whether the article's annotations are these very objects, no more."""
        ids = self._by_article.get(article_id, {})
        anns = list(annotations)
        by_id = self.by_id
        return len(anns) == len(ids) and all(by_id.get(a.id) is a for a in anns)
