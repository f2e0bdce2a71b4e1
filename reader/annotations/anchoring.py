"""Put annotations back on an article's text, also after the text was edited.

An Anchor stores offsets, the quoted text with up to 32 characters of context
each side, and the hash of the text it was made on. `place` tries, in order:

1. the stored offsets, if the quote is still there (state ANCHORED);
2. the exact quote elsewhere: among repeats, the one whose surroundings agree
   best with the stored context, then the one nearest the old place (MOVED);
3. a fuzzy match of the quote (rapidfuzz), first near the old place, then
   anywhere (texts up to 300k characters), above a similarity that is
   stricter the shorter the quote (MOVED);
4. otherwise ORPHANED at the old offsets clamped to the text: the annotation is
   kept and listed, never dropped.

`place` never raises on any anchor and text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.annotations.model import Anchor, AnchorState, Annotation

EXACT_ONLY_BELOW = 5  # quotes shorter than this are only ever matched exactly
NEAR_WINDOW = 2000  # characters either side of the old place searched first
MAX_FUZZY_QUOTE = 400  # longer quotes are fuzzy-matched on their start and end
WHOLE_TEXT_FUZZY_LIMIT = 300_000  # longer texts are fuzzy-searched near the old place only


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    state: AnchorState


def min_fuzzy_score(length: int) -> float:
    """Similarity (0-100) a fuzzy match needs: 100 (exact) for tiny quotes."""
    if length < EXACT_ONLY_BELOW:
        return 101.0  # unreachable: exact matches only
    if length < 12:
        return 92.0
    if length < 30:
        return 86.0
    return 80.0


def _clamp(anchor: Anchor, size: int) -> tuple[int, int]:
    start = min(max(anchor.start, 0), size)
    end = min(max(anchor.end, start), size)
    return start, end


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def context_score(anchor: Anchor, text: str, start: int, end: int) -> int:
    """How many stored context characters agree with the text around [start, end)."""
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    return _common_suffix(anchor.prefix, before) + _common_prefix(anchor.suffix, after)


def _find_exact(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """The occurrence whose context agrees best; among equals, the nearest."""
    quote = anchor.exact
    positions = []
    pos = text.find(quote)
    while pos != -1:
        positions.append(pos)
        pos = text.find(quote, pos + 1)
    positions.sort(key=lambda p: abs(p - anchor.start))
    full = len(anchor.prefix) + len(anchor.suffix)
    best, best_score = -1, -1
    for pos in positions:  # nearest first, so a perfect match ends the search
        score = context_score(anchor, text, pos, pos + len(quote))
        if score > best_score:
            best, best_score = pos, score
            if score == full:
                break
    return None if best < 0 else (best, best + len(quote))


def _fuzzy_in(quote: str, text: str, lo: int, hi: int, cutoff: float) -> tuple[float, int, int]:
    """Best fuzzy window for `quote` inside text[lo:hi]: (score, start, end)."""
    from rapidfuzz import fuzz  # here: only an edited text needs it (start-up time)

    hay = text[lo:hi]
    if not hay:
        return (0.0, lo, lo)
    if len(hay) <= len(quote):
        score = fuzz.ratio(quote, hay)
        return (score, lo, hi) if score >= cutoff else (0.0, lo, lo)
    found = fuzz.partial_ratio_alignment(quote, hay, score_cutoff=cutoff)
    if found is None:
        return (0.0, lo, lo)
    return (found.score, lo + found.dest_start, lo + found.dest_end)


def _find_fuzzy(anchor: Anchor, text: str) -> tuple[int, int] | None:
    quote = anchor.exact
    cutoff = min_fuzzy_score(len(quote))
    if cutoff > 100:
        return None
    if len(quote) > MAX_FUZZY_QUOTE:
        return _find_fuzzy_long(anchor, text, cutoff)
    radius = NEAR_WINDOW + len(quote)
    lo, hi = max(0, anchor.start - radius), min(len(text), anchor.end + radius)
    score, start, end = _fuzzy_in(quote, text, lo, hi, cutoff)
    whole_text_ok = len(text) <= WHOLE_TEXT_FUZZY_LIMIT  # bounds the cost of many orphans
    if score < cutoff and (lo > 0 or hi < len(text)) and whole_text_ok:
        score, start, end = _fuzzy_in(quote, text, 0, len(text), cutoff)
    if score < cutoff or end <= start:
        return None
    return _refine(quote, text, start, end)


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Nudge the ends of a fuzzy window (as long as the quote) to fit the edit.

    The start is tuned with the end fixed, then the end with the start fixed.
    """
    from rapidfuzz import fuzz

    slack = min(8, max(1, len(quote) // 8))
    best_score = fuzz.ratio(quote, text[start:end])
    for s in range(max(0, start - slack), min(end, start + slack + 1)):
        score = fuzz.ratio(quote, text[s:end])
        if score > best_score:
            start, best_score = s, score
    for e in range(max(start + 1, end - slack), min(len(text), end + slack) + 1):
        score = fuzz.ratio(quote, text[start:e])
        if score > best_score:
            end, best_score = e, score
    return start, end


def _find_fuzzy_long(anchor: Anchor, text: str, cutoff: float) -> tuple[int, int] | None:
    """A long quote: locate its head and tail separately and span between them."""
    k = MAX_FUZZY_QUOTE // 2
    head = Anchor(anchor.start, anchor.start + k, anchor.exact[:k])
    tail = Anchor(anchor.end - k, anchor.end, anchor.exact[-k:])
    first, last = _find_fuzzy(head, text), _find_fuzzy(tail, text)
    if first is None or last is None or last[1] <= first[0]:
        return None
    length = last[1] - first[0]
    if not (0.5 * len(anchor.exact) <= length <= 2 * len(anchor.exact)):
        return None
    return first[0], last[1]


def _place_empty(anchor: Anchor, text: str) -> Placement:
    """A zero-length anchor (a caret): placed by its context alone."""
    start, _ = _clamp(anchor, len(text))
    if context_score(anchor, text, start, start) == len(anchor.prefix) + len(anchor.suffix):
        return Placement(start, start, AnchorState.ANCHORED)
    joined = anchor.prefix + anchor.suffix
    if joined:
        pos = text.find(joined)
        if pos != -1:
            at = pos + len(anchor.prefix)
            return Placement(at, at, AnchorState.MOVED)
    return Placement(start, start, AnchorState.ORPHANED)


def place(anchor: Anchor, text: str, text_hash: str) -> Placement:
    """Where `anchor` belongs in `text` (whose hash is `text_hash`); never raises."""
    size = len(text)
    in_place = (
        0 <= anchor.start <= anchor.end <= size and text[anchor.start : anchor.end] == anchor.exact
    )
    if in_place and (anchor.exact or (anchor.text_hash and anchor.text_hash == text_hash)):
        return Placement(anchor.start, anchor.end, AnchorState.ANCHORED)
    if not anchor.exact:
        return _place_empty(anchor, text)
    found = _find_exact(anchor, text) or _find_fuzzy(anchor, text)
    if found is not None:
        return Placement(found[0], found[1], AnchorState.MOVED)
    start, end = _clamp(anchor, size)
    return Placement(start, end, AnchorState.ORPHANED)


def place_all(annotations: Iterable[Annotation], text: str, text_hash: str) -> dict[str, Placement]:
    """Placements by annotation id, for every annotation that has an anchor."""
    return {
        ann.id: place(ann.anchor, text, text_hash) for ann in annotations if ann.anchor is not None
    }
