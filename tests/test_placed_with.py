"""One note changed among many: drafts.placed_with puts it where place_notes
would (every group: article-level, in the text, orphaned), with or without
the notes by id, and relined with the changed notes named (and the notes by
position, NoteSpans) gives the lines a full build gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.drafts import place_notes, placed_with
from reader.annotations.model import Anchor, Annotation, Kind
from reader.annotations.note_spans import NoteSpans
from reader.tui.note_lines import note_lines, relined
from reader.tui.text_layout import line_starts

TEXT = "\n".join(
    [
        "The minister said the deficit fell by half.",
        "",
        "Critics disagreed; the figures were revised twice.",
        "Another paragraph follows with a long sentence about the budget and more.",
        "The end of the article, with one last claim about numbers.",
    ]
)
STARTS = line_starts(TEXT)
HASH = "h"

# (start, length, kind, shape, creation second): shape 0 in the text, 1 on
# the whole article, 2 orphaned (a quote the text does not hold)
spec = st.tuples(
    st.integers(0, len(TEXT) - 1),
    st.integers(1, 90),
    st.integers(0, 3),
    st.sampled_from([0, 0, 0, 1, 2]),
    st.integers(0, 5),
)


def make(s: tuple[int, int, int, int, int], n: int) -> Annotation:
    start, length, kind, shape, second = s
    end = min(len(TEXT), start + length)
    anchor: Anchor | None = Anchor.from_text(TEXT, start, end, HASH)
    if shape == 1:
        anchor = None
    elif shape == 2:
        anchor = Anchor(start, end, "Zebras of Qwxyz never wrote this", text_hash="other")
    return Annotation(
        article_id="a",
        kind=list(Kind)[kind],
        anchor=anchor,
        note=f"n{n}",
        verdict="false" if kind == 3 else None,
        id=f"id{n:03}",
        created=f"2026-01-01T00:00:0{second}",
    )


def stored_order(anns: list[Annotation]) -> list[Annotation]:
    """What AnnotationStore.for_article gives place_notes (its sort)."""

    def key(a: Annotation) -> tuple[int, int, str, str]:
        if a.anchor is None:
            return (-1, -1, a.created, a.id)
        return (a.anchor.start, a.anchor.end, a.created, a.id)

    return sorted(anns, key=key)


@settings(max_examples=300, deadline=None)
@given(
    first=st.lists(spec, max_size=30),
    pick=st.integers(0, 100),
    action=st.sampled_from(["create", "edit", "delete"]),
    new=spec,
)
def test_one_change_lands_where_a_full_placement_puts_it(
    first: list[tuple[int, int, int, int, int]],
    pick: int,
    action: str,
    new: tuple[int, int, int, int, int],
) -> None:
    anns = [make(s, i) for i, s in enumerate(first)]
    notes = place_notes(stored_order(anns), TEXT, HASH)
    lines = note_lines(notes, STARTS)
    after: Annotation | None
    if action == "create" or not anns:
        after = make(new, 999)
        target = after.id
        now = [*anns, after]
    else:
        old = anns[pick % len(anns)]
        target = old.id
        now = [a for a in anns if a.id != target]
        after = None
        if action == "edit":
            shape = make(new, 999)
            after = old.edited(anchor=shape.anchor, kind=shape.kind, verdict=shape.verdict)
            now.append(after)
    got, removed, added = placed_with(notes, target, after, TEXT, HASH)
    assert got == place_notes(stored_order(now), TEXT, HASH)
    by_id = {n.annotation.id: n for n in notes}
    fast = placed_with(notes, target, after, TEXT, HASH, by_id)
    assert (fast[1], fast[2]) == (removed, added)
    assert fast[0] == got
    if removed is not None:
        assert notes[removed].annotation.id == target
    if added is not None:
        assert got[added].annotation is after
    assert (added is None) == (after is None)
    changed = ([notes[removed]] if removed is not None else []) + (
        [got[added]] if added is not None else []
    )
    update = relined(lines, notes, got, STARTS, changed)
    assert update is not None
    assert update[0] == note_lines(got, STARTS)
    spans = NoteSpans(notes)
    spans.swap(changed)
    assert list(spans) == [n for n in got if n.in_text]
    assert relined(lines, notes, got, STARTS, changed, spans) == update


def test_removing_a_note_not_shown_changes_nothing() -> None:
    notes = place_notes([make((0, 10, 0, 0, 0), 1)], TEXT, HASH)
    assert placed_with(notes, "absent", None, TEXT, HASH) == (notes, None, None)


def test_a_stale_map_entry_falls_back_to_looking() -> None:
    """A note the map gives that is not in the list (or not where its key
    says): the note is still found by its id."""
    notes = place_notes([make((0, 10, 0, 0, 0), 1), make((5, 10, 0, 0, 0), 2)], TEXT, HASH)
    stale = {n.annotation.id: place_notes([n.annotation], TEXT, HASH)[0] for n in notes}
    got, removed, added = placed_with(notes, "id002", None, TEXT, HASH, stale)
    assert (removed, added) == (1, None)
    assert got == notes[:1]
