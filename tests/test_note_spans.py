"""NoteSpans (the notes in the text by position) answers what scanning every
note answers: the notes at an offset (drafts.notes_at) and the notes over a
stretch (note_lines.relined's), after any run of notes taken out and put in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.drafts import PlacedNote, notes_at, place_notes, placed_with
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind
from reader.annotations.note_spans import NoteSpans

TEXT = "The minister said the deficit fell by half.\nCritics disagreed; figures were revised."
HASH = "h"

# (start, length, shape, creation second): shape 0 in the text, 1 on the
# whole article, 2 orphaned; length 0: an empty span (shown nowhere)
spec = st.tuples(
    st.integers(0, len(TEXT) - 1),
    st.sampled_from([0, 1, 2, 3, 5, 9, 20, 70]),
    st.sampled_from([0, 0, 0, 0, 1, 2]),
    st.integers(0, 3),
)


def make(s: tuple[int, int, int, int], n: int) -> Annotation:
    start, length, shape, second = s
    end = min(len(TEXT), start + length)
    anchor: Anchor | None = Anchor.from_text(TEXT, start, end, HASH)
    if shape == 1:
        anchor = None
    elif shape == 2:
        anchor = Anchor(start, end, "Zebras of Qwxyz never wrote this", text_hash="other")
    return Annotation(
        article_id="a",
        kind=Kind.NOTE,
        anchor=anchor,
        note=f"n{n}",
        id=f"id{n:03}",
        created=f"2026-01-01T00:00:0{second}",
    )


def scanned_over(notes: list[PlacedNote], low: int, high: int | None) -> list[PlacedNote]:
    """What relined looked at before: every note shown, filtered."""
    return [
        n
        for n in notes
        if n.in_text
        and n.end is not None
        and n.end > (n.start or 0)
        and (high is None or (n.start or 0) < high)
        and n.end > low
    ]


def same_answers(spans: NoteSpans, notes: list[PlacedNote]) -> None:
    assert list(spans) == [n for n in notes if n.in_text]
    assert len(spans) == sum(1 for n in notes if n.in_text)
    for offset in range(-1, len(TEXT) + 2):
        assert spans.at(offset) == notes_at(notes, offset)
    for low in range(0, len(TEXT) + 1, 7):
        for high in (low + 1, low + 13, None):
            assert spans.over(low, high) == scanned_over(notes, low, high)


@settings(max_examples=150, deadline=None)
@given(
    first=st.lists(spec, max_size=25),
    steps=st.lists(
        st.tuples(st.sampled_from(["create", "edit", "delete"]), st.integers(0, 99), spec),
        max_size=8,
    ),
)
def test_kept_through_changes_it_answers_as_a_scan(
    first: list[tuple[int, int, int, int]],
    steps: list[tuple[str, int, tuple[int, int, int, int]]],
) -> None:
    anns = [make(s, i) for i, s in enumerate(first)]
    notes = place_notes(anns, TEXT, HASH)
    spans = NoteSpans(notes)
    same_answers(spans, notes)
    for n, (action, pick, new) in enumerate(steps, start=100):
        if action == "create" or not notes:
            target, after = f"id{n:03}", make(new, n)
        else:
            old = notes[pick % len(notes)].annotation
            target = old.id
            after = None
            if action == "edit":
                shape = make(new, n)
                after = old.edited(anchor=shape.anchor)
        got, removed, added = placed_with(notes, target, after, TEXT, HASH)
        changed = ([notes[removed]] if removed is not None else []) + (
            [got[added]] if added is not None else []
        )
        spans.swap(changed)
        notes = got
        same_answers(spans, notes)


def test_a_long_note_taken_out_no_longer_widens_the_search() -> None:
    short = place_notes([make((0, 3, 0, 0), 1), make((10, 70, 0, 0), 2)], TEXT, HASH)
    spans = NoteSpans(short)
    assert [n.annotation.id for n in spans.at(60)] == ["id002"]
    assert spans.remove(short[1])
    assert spans.at(60) == []
    assert not spans.remove(short[1])  # no longer held
    assert [n.annotation.id for n in spans.at(1)] == ["id001"]


def test_notes_not_in_the_text_are_not_held() -> None:
    whole = place_notes([make((0, 5, 1, 0), 1)], TEXT, HASH)[0]
    lost = place_notes([make((0, 5, 2, 0), 2)], TEXT, HASH)[0]
    assert lost.state is AnchorState.ORPHANED
    spans = NoteSpans([whole, lost])
    assert len(spans) == 0 and not spans
    spans.add(whole)
    spans.swap([lost])
    assert len(spans) == 0
    assert spans.at(0) == [] and spans.over(0, None) == []
