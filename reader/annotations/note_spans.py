"""The notes shown in an article's text, by position (pure, no textual).

The reading view asks which notes hold the cursor after every cursor move and
every change, and a change rebuilds the highlights of the lines its note is
on from the notes over those lines. Scanning all the notes of an article (500
of them) for that is most of the work of a change; `NoteSpans` keeps the notes
in the text sorted by start, with the longest span, so both questions look
only at the notes that start less than one longest span before the place
asked about. One note taken out or put in updates it in place.

Same answers as scanning (tests compare them on random notes): `at` is
drafts.notes_at, `over` keeps the notes' reading order (place_notes').
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable

from reader.annotations.drafts import PlacedNote


def _order(note: PlacedNote) -> tuple[int, int, str, str]:
    """place_notes' order of the notes in the text (ids are unique: a total order)."""
    start = note.start or 0
    end = note.end if note.end is not None else start
    return (start, end, note.annotation.created, note.annotation.id)


def _reach(note: PlacedNote) -> int:
    """How far past its start a note holds an offset (PlacedNote.contains)."""
    start = note.start or 0
    return max(note.end if note.end is not None else start, start + 1) - start


def _inner(note: PlacedNote) -> tuple[int, int]:
    """notes_at's order: innermost (shortest) first."""
    return ((note.end or 0) - (note.start or 0), note.start or 0)


class NoteSpans:
    """The notes in the text (PlacedNote.in_text) of a placed list, by start."""

    def __init__(self, notes: Iterable[PlacedNote] = ()) -> None:
        self._notes = sorted((n for n in notes if n.in_text), key=_order)
        self._starts = [n.start or 0 for n in self._notes]
        self._reaches = Counter(_reach(n) for n in self._notes)
        self._longest = max(self._reaches, default=0)

    def __len__(self) -> int:
        return len(self._notes)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._notes)

    def _find(self, note: PlacedNote) -> int | None:
        """The index of this very note object, if held."""
        if not note.in_text:
            return None
        notes, start = self._notes, note.start or 0
        i = bisect_left(notes, _order(note), key=_order)
        while i < len(notes) and self._starts[i] == start:
            if notes[i] is note:
                return i
            i += 1
        return None

    def remove(self, note: PlacedNote) -> bool:
        """Take out this very note object; False if it is not held."""
        i = self._find(note)
        if i is None:
            return False
        del self._notes[i]
        del self._starts[i]
        reach = _reach(note)
        self._reaches[reach] -= 1
        if not self._reaches[reach]:
            del self._reaches[reach]
            if reach == self._longest:
                self._longest = max(self._reaches, default=0)
        return True

    def add(self, note: PlacedNote) -> None:
        """Put in a note (nothing if it is not in the text)."""
        if not note.in_text:
            return
        i = bisect_right(self._notes, _order(note), key=_order)
        self._notes.insert(i, note)
        self._starts.insert(i, note.start or 0)
        reach = _reach(note)
        self._reaches[reach] += 1
        self._longest = max(self._longest, reach)

    def swap(self, changed: Iterable[PlacedNote]) -> None:
        """Apply a change given as the notes that differ, old and new versions:
        the ones held (old) are taken out, the others (new) put in."""
        for note in changed:
            if not self.remove(note):
                self.add(note)

    def _window(self, low: int, high: int | None) -> list[PlacedNote]:
        """The notes starting in (low - longest, high): every note that may reach
        into [low, high), and a few more."""
        first = bisect_right(self._starts, low - self._longest)
        last = len(self._starts) if high is None else bisect_left(self._starts, high)
        return self._notes[first:last]

    def at(self, offset: int) -> list[PlacedNote]:
        """The notes whose span holds `offset`, innermost first (drafts.notes_at)."""
        found = [n for n in self._window(offset, offset + 1) if n.contains(offset)]
        found.sort(key=_inner)
        return found

    def over(self, low: int, high: int | None) -> list[PlacedNote]:
        """The notes with a non-empty span reaching into [low, high) (high None:
        to the end), in reading order."""
        return [
            n
            for n in self._window(low, high)
            if n.end is not None and n.end > low and n.end > (n.start or 0)
        ]
