"""Where an annotation sits in its article's current text."""

from __future__ import annotations

from dataclasses import dataclass

from reader.annotations.anchoring import place
from reader.annotations.model import AnchorState, Annotation
from reader.corpus import Article


@dataclass(frozen=True)
class Placed:
    """The current span (None when orphaned or article-level) and its state."""

    state: AnchorState
    start: int | None = None
    end: int | None = None


def place_annotation(annotation: Annotation, article: Article | None) -> Placed:
    """Place `annotation` in `article` (None: not in the corpus, so orphaned),
    with the shared re-anchoring (offsets, exact quote, fuzzy match).

    An article-level note (no anchor) is ANCHORED when its article exists.
    """
    if article is None:
        return Placed(AnchorState.ORPHANED)
    anchor = annotation.anchor
    if anchor is None:
        return Placed(AnchorState.ANCHORED)
    placement = place(anchor, article.text, article.text_hash)
    if placement.state is AnchorState.ORPHANED:
        return Placed(AnchorState.ORPHANED)
    return Placed(placement.state, placement.start, placement.end)
