"""Where an annotation sits in its article's current text."""

from __future__ import annotations

from dataclasses import dataclass

from reader.annotations.model import Anchor, AnchorState, Annotation
from reader.corpus import Article

try:  # the shared re-anchoring (exact, nearest quote, fuzzy)
    from reader.annotations.anchoring import place as _place
except ImportError:  # pragma: no cover - until reader.annotations.anchoring lands
    _place = None


@dataclass(frozen=True)
class Placed:
    """The current span (None when orphaned or article-level) and its state."""

    state: AnchorState
    start: int | None = None
    end: int | None = None


def place_annotation(annotation: Annotation, article: Article | None) -> Placed:
    """Place `annotation` in `article` (None: not in the corpus, so orphaned).

    An article-level note (no anchor) is ANCHORED when its article exists.
    """
    if article is None:
        return Placed(AnchorState.ORPHANED)
    anchor = annotation.anchor
    if anchor is None:
        return Placed(AnchorState.ANCHORED)
    if _place is not None:
        placement = _place(anchor, article.text, article.text_hash)
        state = AnchorState(placement.state)
        if state is AnchorState.ORPHANED:
            return Placed(state)
        return Placed(state, placement.start, placement.end)
    return _fallback(anchor, article.text)


def _fallback(anchor: Anchor, text: str) -> Placed:
    """Exact offsets, else the nearest exact quote; no fuzzy matching."""
    if text[anchor.start : anchor.end] == anchor.exact:
        return Placed(AnchorState.ANCHORED, anchor.start, anchor.end)
    if not anchor.exact:
        return Placed(AnchorState.ORPHANED)
    best: int | None = None
    at = text.find(anchor.exact)
    while at != -1:
        if best is None or abs(at - anchor.start) < abs(best - anchor.start):
            best = at
        at = text.find(anchor.exact, at + 1)
    if best is None:
        return Placed(AnchorState.ORPHANED)
    return Placed(AnchorState.MOVED, best, best + len(anchor.exact))
