"""The reading view's highlight lines: rebuilding only the lines of the notes
that changed (note_lines.relined) gives what building every line gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.drafts import PlacedNote, place_notes
from reader.annotations.model import Anchor, Annotation, Kind
from reader.tui.note_lines import MAX_CHANGED, note_lines, relined
from reader.tui.text_layout import line_starts

TEXT = "\n".join(
    [
        "The minister said the deficit fell by half.",
        "",
        "Critics disagreed; the figures were revised twice.",
        "A short line.",
        "Another paragraph follows with a long sentence about the budget, the war, and more.",
        "x",
        "",
        "The end of the article, with one last claim about numbers.",
    ]
)
STARTS = line_starts(TEXT)
VERDICTS = [None, "true", "false", "mixed"]


def note(start: int, length: int, kind: int, verdict: int, n: int) -> Annotation:
    start = min(start, len(TEXT) - 1)
    end = min(len(TEXT), start + length)
    kinds = list(Kind)
    k = kinds[kind % len(kinds)]
    return Annotation(
        article_id="a",
        kind=k,
        anchor=Anchor.from_text(TEXT, start, end, "h") if length else None,
        note=f"n{n}",
        verdict=VERDICTS[verdict % len(VERDICTS)] if k is Kind.FACTCHECK else None,
        author="t",
    )


spec = st.tuples(
    st.integers(0, len(TEXT)), st.integers(0, 90), st.integers(0, 5), st.integers(0, 3)
)


def placed(annotations: list[Annotation], known: list[PlacedNote] | None) -> list[PlacedNote]:
    by_id = {n.annotation.id: n for n in known} if known is not None else None
    return place_notes(annotations, TEXT, "h", by_id)


@settings(max_examples=300, deadline=None)
@given(
    first=st.lists(spec, max_size=40),
    removed=st.lists(st.integers(0, 100), max_size=4),
    added=st.lists(spec, max_size=4),
    edited=st.lists(st.tuples(st.integers(0, 100), spec), max_size=4),
)
def test_rebuilding_the_changed_lines_equals_building_all(
    first: list[tuple[int, int, int, int]],
    removed: list[int],
    added: list[tuple[int, int, int, int]],
    edited: list[tuple[int, tuple[int, int, int, int]]],
) -> None:
    anns = [note(*s, n=i) for i, s in enumerate(first)]
    before = placed(anns, None)
    lines = note_lines(before, STARTS)
    now = list(anns)
    for i in removed:
        if now:
            now.pop(i % len(now))
    for i, s in edited:  # same id, new span / kind / verdict
        if now:
            old = now[i % len(now)]
            other = note(*s, n=99)
            now[i % len(now)] = old.edited(
                kind=other.kind, anchor=other.anchor, verdict=other.verdict
            )
    now += [note(*s, n=100 + i) for i, s in enumerate(added)]
    after = placed(now, before)
    update = relined(lines, before, after, STARTS)
    full = note_lines(after, STARTS)
    assert update is not None  # at most 12 notes differ
    got, rows = update
    assert got == full
    assert sorted(rows) == sorted(
        i for i in full.keys() | lines.keys() if full.get(i) != lines.get(i)
    )


def test_many_changes_fall_back_to_a_full_build() -> None:
    anns = [note(i * 7, 20, i, i, n=i) for i in range(MAX_CHANGED + 1)]
    notes = placed(anns, None)
    assert relined({}, [], notes, STARTS) is None
    assert relined({}, [], notes[:MAX_CHANGED], STARTS) is not None


def test_an_edit_that_keeps_the_span_and_colour_repaints_nothing() -> None:
    ann = note(3, 30, 0, 0, n=1)
    before = placed([ann], None)
    after = placed([ann.edited(note="other words")], before)
    assert after[0] is not before[0]
    lines = note_lines(before, STARTS)
    assert relined(lines, before, after, STARTS) == (lines, [])


def test_notes_not_in_the_text_do_not_count_as_changes() -> None:
    whole = [note(0, 0, 1, 0, n=i) for i in range(MAX_CHANGED + 1)]  # on the whole article
    span = note(3, 30, 0, 0, n=99)
    before = placed([*whole, span], None)
    fresh = placed([*whole, span], None)  # new PlacedNote objects for the same notes
    lines = note_lines(before, STARTS)
    assert relined(lines, before, fresh[:-1] + before[-1:], STARTS) == (lines, [])
    again = placed([*whole, span], before)  # place_notes reuses what it placed before
    assert all(a is b for a, b in zip(again, before, strict=True))
