"""What the app needs to annotate an article, as pure functions (no textual).

New drafts from a selection, claimant suggestions, annotations placed on the
current text in reading order, which one is under the cursor, the next/previous
one, short summaries for the notes panel, and a sentence saying what an
undo/redo did.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.annotations.anchoring import place
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind
from reader.entities.model import Entity, Label

if TYPE_CHECKING:  # history (TinyDB, the storage) is imported when an undo needs it
    from reader.annotations.history import Change

SUMMARY_WORDS = 8


class SpokenQuote(Protocol):
    """What claimant suggestions need of a quote (reader.triage.quotes.Quote)."""

    start: int
    end: int
    speaker: str | None
    speaker_key: str | None


def draft_for_span(
    article_id: str,
    text: str,
    start: int,
    end: int,
    *,
    text_hash: str,
    author: str,
    kind: Kind = Kind.NOTE,
    claim: str = "",
    claimant: str = "",
) -> Annotation:
    """A new, unsaved annotation on text[start:end]."""
    start, end = sorted((max(0, start), min(len(text), end)))
    anchor = Anchor.from_text(text, start, end, text_hash)
    return Annotation(
        article_id=article_id,
        kind=kind,
        anchor=anchor,
        author=author,
        claim=claim,
        claimant=claimant,
    )


def article_note(article_id: str, *, author: str) -> Annotation:
    """A new, unsaved note on the whole article (no anchor)."""
    return Annotation(article_id=article_id, kind=Kind.NOTE, anchor=None, author=author)


def claimant_suggestions(
    start: int,
    end: int,
    entities: Sequence[Entity] = (),
    quotes: Sequence[SpokenQuote] = (),
    first: str = "",
) -> list[str]:
    """Who may have made the claim at [start, end), most likely first, no repeats:
    `first` (e.g. from triage's prefill_factcheck), speakers of quotes that
    overlap the span, then people and organisations named inside the span, then
    the nearest ones named before it."""
    out: list[str] = []

    def add(name: str | None) -> None:
        name = " ".join((name or "").split())
        if name and name.casefold() not in {n.casefold() for n in out}:
            out.append(name)

    add(first)
    for quote in quotes:
        if quote.start < end and start < quote.end:
            add(quote.speaker_key or quote.speaker)
    named = [e for e in entities if e.label in (Label.PERSON, Label.ORG)]
    for entity in named:
        if start <= entity.start and entity.end <= end:
            add(entity.key or entity.text)
    before = sorted((e for e in named if e.end <= start), key=lambda e: -e.end)
    for entity in before[:5]:
        add(entity.key or entity.text)
    return out


@dataclass(frozen=True)
class PlacedNote:
    """An annotation where it sits in the text now; start/end None: article-level."""

    annotation: Annotation
    start: int | None
    end: int | None
    state: AnchorState

    @property
    def in_text(self) -> bool:
        """Shown in the text: anchored or moved, not orphaned nor article-level."""
        return self.start is not None and self.state is not AnchorState.ORPHANED

    def contains(self, offset: int) -> bool:
        if not self.in_text:
            return False
        assert self.start is not None and self.end is not None
        return self.start <= offset < max(self.end, self.start + 1)


def place_notes(
    annotations: Iterable[Annotation],
    text: str,
    text_hash: str,
    known: Mapping[str, PlacedNote] | None = None,
) -> list[PlacedNote]:
    """Every annotation placed on `text`, in reading order: article-level notes
    first, then those in the text by position, then the orphaned ones.
    `known`: earlier placements on the same text, reused for the annotations
    that are the very same objects (an unchanged note is not placed again)."""
    top: list[PlacedNote] = []
    placed: list[PlacedNote] = []
    orphans: list[PlacedNote] = []
    for ann in annotations:
        note = known.get(ann.id) if known is not None else None
        if note is None or note.annotation is not ann:
            note = place_one(ann, text, text_hash)
        if ann.anchor is None:
            top.append(note)
        else:
            (orphans if note.state is AnchorState.ORPHANED else placed).append(note)
    top.sort(key=lambda n: (n.annotation.created, n.annotation.id))
    placed.sort(key=lambda n: (n.start, n.end, n.annotation.created, n.annotation.id))
    orphans.sort(key=lambda n: (n.annotation.anchor.start if n.annotation.anchor else 0,))
    return top + placed + orphans


def place_one(annotation: Annotation, text: str, text_hash: str) -> PlacedNote:
    """One annotation placed on `text` (as place_notes places it)."""
    if annotation.anchor is None:
        return PlacedNote(annotation, None, None, AnchorState.ANCHORED)
    where = place(annotation.anchor, text, text_hash)
    return PlacedNote(annotation, where.start, where.end, where.state)


def reading_key(note: PlacedNote) -> tuple[object, ...]:
    """Where place_notes puts `note`: article-level notes by creation, then
    the notes in the text by span, then the orphans by their stored span (the
    store's order, which place_notes keeps among equal starts); the id last."""
    ann = note.annotation
    if ann.anchor is None:
        return (0, ann.created, ann.id)
    if note.state is AnchorState.ORPHANED:
        return (2, ann.anchor.start, ann.anchor.end, ann.created, ann.id)
    return (1, note.start, note.end, ann.created, ann.id)


def placed_with(
    notes: Sequence[PlacedNote],
    annotation_id: str,
    annotation: Annotation | None,
    text: str,
    text_hash: str,
    by_id: Mapping[str, PlacedNote] | None = None,
) -> tuple[list[PlacedNote], int | None, int | None]:
    """`notes` (place_notes' order) with the note of `annotation_id` taken out
    and `annotation` (None: nothing) placed and put where place_notes would
    put it, without placing or sorting the others; with the index the old
    note had in `notes` and the new one's in the result (None: none).
    `by_id`: `notes` by annotation id, when the caller keeps it (the old note
    is then found by its place instead of by looking at every note)."""
    out = list(notes)
    old = _index_of(out, annotation_id, by_id)
    if old is not None:
        del out[old]
    new = None
    if annotation is not None:
        note = place_one(annotation, text, text_hash)
        new = bisect_right(out, reading_key(note), key=reading_key)  # type: ignore[arg-type]
        out.insert(new, note)
    return out, old, new


def _index_of(
    notes: Sequence[PlacedNote], annotation_id: str, by_id: Mapping[str, PlacedNote] | None
) -> int | None:
    """Where the note of `annotation_id` is in `notes` (None: not there)."""
    if by_id is not None:
        note = by_id.get(annotation_id)
        if note is None:
            return None
        i = bisect_left(notes, reading_key(note), key=reading_key)  # type: ignore[arg-type]
        if i < len(notes) and notes[i] is note:
            return i
        # not where its key says (e.g. orphans in the store's order): look
    return next((i for i, n in enumerate(notes) if n.annotation.id == annotation_id), None)


def notes_at(notes: Sequence[PlacedNote], offset: int) -> list[PlacedNote]:
    """The notes in the text whose span holds `offset`, innermost (shortest) first."""
    found = [n for n in notes if n.contains(offset)]
    found.sort(key=lambda n: ((n.end or 0) - (n.start or 0), n.start))
    return found


def next_note(notes: Sequence[PlacedNote], offset: int) -> PlacedNote | None:
    """The first note in the text starting after `offset`."""
    return next((n for n in notes if n.in_text and (n.start or 0) > offset), None)


def previous_note(notes: Sequence[PlacedNote], offset: int) -> PlacedNote | None:
    """The last note in the text starting before `offset`."""
    return next((n for n in reversed(notes) if n.in_text and (n.start or 0) < offset), None)


class Tone:
    """How a verdict reads, for its colour."""

    GOOD = "good"
    MIXED = "mixed"
    BAD = "bad"
    UNKNOWN = "unknown"


_TONES = {
    "true": Tone.GOOD,
    "mostly true": Tone.GOOD,
    "correct": Tone.GOOD,
    "accurate": Tone.GOOD,
    "mixed": Tone.MIXED,
    "half true": Tone.MIXED,
    "misleading": Tone.MIXED,
    "mostly false": Tone.BAD,
    "false": Tone.BAD,
    "pants on fire": Tone.BAD,
    "incorrect": Tone.BAD,
    "fake": Tone.BAD,
}


def verdict_tone(verdict: str | None) -> str:
    """GOOD (true, mostly true), MIXED, BAD (mostly false, false) or UNKNOWN
    (unproven, none yet, or a word of a custom scale we cannot read)."""
    if not verdict:
        return Tone.UNKNOWN
    words = " ".join(verdict.casefold().replace("-", " ").split())
    if words in _TONES:
        return _TONES[words]
    if "false" in words or "wrong" in words or words.startswith("not "):
        return Tone.BAD
    if "mix" in words or "half" in words or "partly" in words:
        return Tone.MIXED
    if "true" in words or "correct" in words:
        return Tone.GOOD
    return Tone.UNKNOWN


def style_tag(annotation: Annotation) -> str:
    """The highlight tag of an annotation: its kind, for fact-checks with the tone."""
    if annotation.kind is Kind.FACTCHECK:
        return f"{Kind.FACTCHECK.value}:{verdict_tone(annotation.verdict)}"
    return annotation.kind.value


def highlight_spans(notes: Sequence[PlacedNote]) -> list[tuple[int, int, str]]:
    """(start, end, tag) of the notes shown in the text, widest first, so that
    painting them in order leaves every narrower (overlapping) one on top."""
    spans = [
        (n.start, n.end, style_tag(n.annotation))
        for n in notes
        if n.in_text and n.start is not None and n.end is not None and n.end > n.start
    ]
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    return spans


def _first_words(text: str, words: int = SUMMARY_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + "…"


def summary(annotation: Annotation) -> str:
    """A few words for a list row: the note, else the claim, else the quote."""
    for text in (annotation.note, annotation.claim, annotation.conclusion):
        if text.strip():
            return _first_words(text)
    if annotation.tags:
        return ", ".join(annotation.tags)
    if annotation.anchor is not None and annotation.anchor.exact.strip():
        return "“" + _first_words(annotation.anchor.exact) + "”"
    return "(empty note)"


def describe(annotation: Annotation) -> str:
    """e.g. 'fact-check (false) “Russia invaded…”', for notifications."""
    kind = annotation.kind.value
    if annotation.kind is Kind.FACTCHECK and annotation.verdict:
        kind += f" ({annotation.verdict})"
    return f"{kind} {summary(annotation)}"


def describe_change(change: Change, undone: bool) -> str:
    """A sentence saying what an undo (`undone`) or a redo did."""
    from reader.annotations.history import Action

    ann = change.after if change.after is not None else change.before
    assert ann is not None
    what = describe(ann)
    verb = "Undid" if undone else "Redid"
    action = {Action.CREATE: "new", Action.EDIT: "edit of", Action.DELETE: "deletion of"}
    return f"{verb} {action[change.action]} {what}"
