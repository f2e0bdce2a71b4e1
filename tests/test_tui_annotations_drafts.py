"""The pure helpers behind annotating in the app (reader.annotations.drafts)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from reader.annotations.drafts import (
    Tone,
    article_note,
    claimant_suggestions,
    describe_change,
    draft_for_span,
    highlight_spans,
    next_note,
    notes_at,
    place_notes,
    previous_note,
    summary,
    verdict_tone,
)
from reader.annotations.history import Action, Change
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind
from reader.entities.model import Entity, Label
from reader.tui.note_lines import overlaps as _overlaps

TEXT = "Putin said the war would end. NATO disagreed. Biden spoke later.\nA second line here."


@dataclass(frozen=True)
class FakeQuote:
    start: int
    end: int
    speaker: str | None
    speaker_key: str | None = None


def test_draft_anchors_the_span_with_context_and_hash() -> None:
    draft = draft_for_span("a.txt", TEXT, 30, 45, text_hash="h", author="me")
    assert draft.anchor is not None
    assert draft.anchor.exact == TEXT[30:45] == "NATO disagreed."
    assert draft.anchor.prefix.endswith("end. ") and draft.anchor.suffix.startswith(" Biden")
    assert (draft.kind, draft.author, draft.anchor.text_hash) == (Kind.NOTE, "me", "h")
    # reversed and out-of-range ends are normalised
    flipped = draft_for_span("a.txt", TEXT, 45, 30, text_hash="h", author="me")
    assert flipped.anchor is not None and flipped.anchor.exact == "NATO disagreed."
    assert article_note("a.txt", author="me").anchor is None


def test_claimant_suggestions_order_and_no_repeats() -> None:
    entities = [
        Entity(0, 5, "Putin", Label.PERSON, key="Vladimir Putin"),
        Entity(30, 34, "NATO", Label.ORG, key="NATO"),
        Entity(46, 51, "Biden", Label.PERSON, key="Joe Biden"),
    ]
    quotes = [FakeQuote(28, 44, "Stoltenberg")]
    got = claimant_suggestions(30, 45, entities, quotes, first="nato")
    assert got == ["nato", "Stoltenberg", "Vladimir Putin"]  # NATO repeats "nato"
    # nothing known: nothing suggested; entities after the span are not claimants
    assert claimant_suggestions(0, 5, [entities[2]]) == []


def test_verdict_tones() -> None:
    assert [verdict_tone(v) for v in ("true", "Mostly True", "mixed", "mostly false")] == [
        Tone.GOOD,
        Tone.GOOD,
        Tone.MIXED,
        Tone.BAD,
    ]
    assert verdict_tone("false") == Tone.BAD and verdict_tone("unproven") == Tone.UNKNOWN
    assert verdict_tone(None) == Tone.UNKNOWN and verdict_tone("") == Tone.UNKNOWN
    assert verdict_tone("Pants on Fire") == Tone.BAD and verdict_tone("half-true") == Tone.MIXED
    assert verdict_tone("not true") == Tone.BAD  # not GOOD because it contains "true"


def _ann(start: int, end: int, note: str = "", text: str = TEXT, **kw: object) -> Annotation:
    return Annotation("a.txt", anchor=Anchor.from_text(text, start, end, "h"), note=note, **kw)  # type: ignore[arg-type]


def test_place_notes_reading_order_orphans_last_and_lookup() -> None:
    lost = Annotation("a.txt", anchor=Anchor(0, 12, "gone forever", text_hash="old"), note="lost")
    top = Annotation("a.txt", note="about all of it")
    late, early, inner = _ann(46, 64, "late"), _ann(0, 29, "early"), _ann(6, 10, "inner")
    notes = place_notes([lost, late, top, early, inner], TEXT, "h")
    assert [n.annotation.note for n in notes] == [
        "about all of it",
        "early",
        "inner",
        "late",
        "lost",
    ]
    assert notes[-1].state is AnchorState.ORPHANED and not notes[-1].in_text
    assert notes[0].start is None and not notes[0].in_text
    assert [n.annotation.note for n in notes_at(notes, 7)] == ["inner", "early"]
    assert notes_at(notes, 29) == []  # end is exclusive
    assert next_note(notes, 0).annotation.note == "inner"  # type: ignore[union-attr]
    assert next_note(notes, 46) is None
    assert previous_note(notes, 46).annotation.note == "inner"  # type: ignore[union-attr]
    spans = highlight_spans(notes)
    assert [s[2] for s in spans] == ["note", "note", "note"]
    assert spans[-1][:2] == (6, 10)  # narrowest painted last
    assert _overlaps(spans) == [(6, 10, "overlap")]


def test_place_notes_reuses_known_placements_of_the_same_objects_only() -> None:
    early, late = _ann(0, 29, "early"), _ann(46, 64, "late")
    first = place_notes([early, late], TEXT, "h")
    known = {n.annotation.id: n for n in first}
    moved = late.edited(anchor=Anchor.from_text(TEXT, 6, 10, "h"))  # same id, new object
    again = place_notes([early, moved], TEXT, "h", known)
    assert again[0] is first[0]  # unchanged: reused
    assert (again[1].annotation, again[1].start, again[1].end) == (moved, 6, 10)  # placed anew
    assert [n.annotation.note for n in again] == ["early", "late"]  # still in reading order


def test_moved_text_is_followed() -> None:
    ann = _ann(30, 45, "nato")
    edited = "BREAKING. " + TEXT
    [note] = place_notes([ann], edited, "other")
    assert note.state is AnchorState.MOVED and edited[note.start : note.end] == "NATO disagreed."  # type: ignore[misc]


def test_fact_check_tags_carry_the_verdict_tone() -> None:
    fc = _ann(0, 29, kind=Kind.FACTCHECK, verdict="mostly false")
    [(_, _, tag)] = highlight_spans(place_notes([fc], TEXT, "h"))
    assert tag == "fact-check:bad"


def test_summaries_and_change_descriptions() -> None:
    long = _ann(0, 5, "one two three four five six seven eight nine ten")
    assert summary(long) == "one two three four five six seven eight…"
    assert summary(_ann(0, 5)) == "“Putin”"
    assert summary(Annotation("a.txt", tags=("claim",))) == "claim"
    fc = _ann(0, 5, "", kind=Kind.FACTCHECK, verdict="false", claim="war ends")
    assert describe_change(Change(Action.DELETE, fc, None), undone=True) == (
        "Undid deletion of fact-check (false) war ends"
    )
    assert describe_change(Change(Action.CREATE, None, long), undone=False).startswith(
        "Redid new note"
    )


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8), st.integers(0, 80))
def test_overlaps_are_exactly_where_two_spans_meet(raw: list[tuple[int, int]], probe: int) -> None:
    spans = [(s, s + n, "note") for s, n in raw]
    depth = sum(1 for s, e, _ in spans if s <= probe < e)
    covered = any(s <= probe < e for s, e, _ in _overlaps(spans))
    assert covered == (depth >= 2)


def test_helpers_import_without_textual() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "class B:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual' or name.startswith('textual.'):\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, B())\n"
        "import reader.annotations.drafts, reader.tui.claim_help\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_reading_views_split_of_highlights_matches_spans_by_line() -> None:
    from reader.tui.text_layout import line_starts, spans_by_line
    from reader.tui.widgets.annotated_view import AnnotatedArticleView

    text = "first line\nsecond, longer line\n\nfourth line here\nlast"
    view = AnnotatedArticleView()
    view._starts = line_starts(text)
    first = [(0, 30, "note"), (3, 8, "highlight"), (12, 14, "overlap"), (33, 50, "tag")]
    assert view._lines_of(first) == spans_by_line(view._starts, first)
    # one span changed, one gone, one new; the order on each line is kept
    second = [(0, 30, "note"), (3, 9, "highlight"), (40, 55, "fact-check:bad"), (12, 14, "x")]
    assert view._lines_of(second) == spans_by_line(view._starts, second)
    assert set(view._split) == set(second)  # the split of spans no longer shown is dropped
