"""The notes panel's mark for each kind says what the note is, not what was
found: a fact-check whose verdict is false must not wear a tick."""

from __future__ import annotations

from reader.annotations.drafts import PlacedNote
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind
from reader.tui.annotation_styles import KIND_MARKS
from reader.tui.widgets.note_rows import note_row

TICKS = set("✓✔☑✅")
TEXT = "The minister said the border was closed on Monday."


def test_each_kind_has_its_own_mark_and_none_is_a_tick() -> None:
    marks = [KIND_MARKS[kind.value] for kind in Kind]
    assert len(set(marks)) == len(marks)
    assert not TICKS & set("".join(marks))


def test_a_false_fact_check_row_shows_no_tick() -> None:
    for verdict in ("false", "true", None):
        ann = Annotation(
            "a.txt",
            kind=Kind.FACTCHECK,
            anchor=Anchor.from_text(TEXT, 4, 12, None),
            verdict=verdict,
        )
        row = note_row(PlacedNote(ann, 4, 12, AnchorState.ANCHORED), dark=True).plain
        assert KIND_MARKS[Kind.FACTCHECK.value] in row
        assert not TICKS & set(row), row
