"""The annotation highlights of each line of the reading view, and how they
change when a few notes change (pure functions, no textual import).

The reading view paints, on each document line, the highlight spans of the
notes in the text (widest first, see drafts.highlight_spans) and then the
stretches where two or more of them overlap. Rebuilding that for every note
of an article (500 of them) costs a few milliseconds per change; `relined`
rebuilds only the lines the changed notes are on, from the notes that touch
those lines, and gives the same result (the tests compare it with the full
build on random edits).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from reader.annotations.drafts import PlacedNote, highlight_spans
from reader.annotations.note_spans import NoteSpans
from reader.tui.text_layout import Span, spans_by_line

OVERLAP = "overlap"
MAX_CHANGED = 16  # more changed notes than this: build every line (an article opened)

Lines = dict[int, list[Span]]


def overlaps(spans: Sequence[Span]) -> list[Span]:
    """The stretches covered by two or more spans."""
    events = sorted([(s, 1) for s, _e, _t in spans] + [(e, -1) for _s, e, _t in spans])
    out: list[Span] = []
    depth, since = 0, 0
    for at, step in events:
        if depth >= 2 and at > since:
            out.append((since, at, OVERLAP))
        depth += step
        since = at
    return out


def painted(notes: Sequence[PlacedNote]) -> list[Span]:
    """What is painted for `notes`, in painting order: highlights, then overlaps."""
    spans = highlight_spans(notes)
    return [*spans, *overlaps(spans)]


def note_lines(notes: Sequence[PlacedNote], starts: Sequence[int]) -> Lines:
    """Every line's pieces (column start, column end, tag) for `notes`."""
    return spans_by_line(starts, painted(notes))


def _shown(note: PlacedNote) -> bool:
    return note.in_text and note.end is not None and note.end > (note.start or 0)


def _blocks(changed: Sequence[PlacedNote], starts: Sequence[int]) -> list[tuple[int, int]]:
    """The runs of lines (first, last) the changed notes' spans are on, merged."""
    rows = []
    for note in changed:
        if _shown(note):
            assert note.start is not None and note.end is not None
            first = bisect_right(starts, note.start) - 1
            rows.append((first, max(first, bisect_right(starts, note.end - 1) - 1)))
    rows.sort()
    merged: list[tuple[int, int]] = []
    for first, last in rows:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def relined(
    lines: Mapping[int, list[Span]],
    old: Sequence[PlacedNote],
    new: Sequence[PlacedNote],
    starts: Sequence[int],
    changed: Sequence[PlacedNote] | None = None,
    spans: NoteSpans | None = None,
) -> tuple[Lines, list[int]] | None:
    """`note_lines(new, starts)` made from `lines` (= `note_lines(old, starts)`)
    by rebuilding only the lines of the notes that differ (by identity) between
    `old` and `new`; with the lines whose pieces changed. None when more than
    MAX_CHANGED notes shown in the text differ (build them all instead).

    Correct because a line's pieces depend only on the spans that touch it: a
    span off a run of lines adds no overlap boundary inside it, and pieces are
    cut at line breaks anyway. `new` must be in reading order (place_notes), as
    the painting order of equal spans follows it. `changed`: those notes (the
    old and new versions), when the caller knows them (no comparison).
    `spans`: the notes of `new` by position, when the caller keeps them (the
    notes over a run of lines are found without looking at the others).
    """
    shown: list[PlacedNote] = []
    if spans is None or changed is None:
        shown = [n for n in new if _shown(n)]
    if changed is None:
        was_shown = [n for n in old if _shown(n)]
        old_ids = {id(n) for n in was_shown}
        new_ids = {id(n) for n in shown}
        changed = [n for n in was_shown if id(n) not in new_ids]
        changed += [n for n in shown if id(n) not in old_ids]
    if len(changed) > MAX_CHANGED:
        return None
    out = dict(lines)
    rows: list[int] = []
    last_row = len(starts) - 1
    for first, last in _blocks(changed, starts):
        low = starts[first]
        high = starts[last + 1] if last < last_row else None
        if spans is not None:
            touching = spans.over(low, high)
        else:
            touching = [
                n for n in shown if (high is None or (n.start or 0) < high) and (n.end or 0) > low
            ]
        pieces = note_lines(touching, starts)
        for row in range(first, last + 1):
            now = pieces.get(row)
            if now != out.get(row):
                rows.append(row)
                if now:
                    out[row] = now
                else:
                    out.pop(row, None)
    return out, rows
