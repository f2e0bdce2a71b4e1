"""The reading view with annotations: their highlights over the entity
colours, and the keys that make, edit, delete and visit them.

The view knows the open article's placed notes (pushed down by the screen)
and asks the screen, by message, to open dialogs and write to the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Self

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets.text_area import Location, Selection

from reader.annotations.drafts import PlacedNote, next_note, previous_note
from reader.annotations.model import Annotation, Kind
from reader.annotations.note_spans import NoteSpans
from reader.entities.model import Entity
from reader.tui.annotation_styles import annotation_style, overlap_style
from reader.tui.note_lines import OVERLAP, painted, relined
from reader.tui.text_layout import Span, span_pieces
from reader.tui.widgets.article_view import ArticleView

_NOT_SPACE = re.compile(r"\S")
_NOTES_ACTIONS = frozenset(
    {"annotate", "factcheck", "annotate_article", "edit_note", "delete_note", "next_claim"}
)


_FEW_LINES = 40  # more changed lines than this: repaint the whole view


@lru_cache(maxsize=64)
def _style(tag: str, dark: bool) -> Style:
    """The style of a highlight tag (built once: get_line runs for every drawn line)."""
    return overlap_style() if tag == OVERLAP else annotation_style(tag, dark)


class AnnotatedArticleView(ArticleView):
    """ArticleView plus annotations. `writable` is None when there is no
    annotation database (annotation keys hidden), False when it is read-only
    (keys greyed out), True otherwise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "annotate", "Annotate", id="reader.annotate"),
        Binding(
            "A", "annotate_article", "Note on article", show=False, id="reader.annotate_article"
        ),
        Binding("f", "factcheck", "Fact-check", show=False, id="reader.factcheck"),
        Binding("enter", "edit_note", "Edit note", id="reader.edit_note"),
        Binding("d", "delete_note", "Delete note", id="reader.delete_note"),
        Binding("right_curly_bracket", "next_note", "Next note", show=False, id="reader.next_note"),
        Binding(
            "left_curly_bracket",
            "previous_note",
            "Previous note",
            show=False,
            id="reader.previous_note",
        ),
        Binding("x", "select_entity", "Select entity", show=False, id="reader.select_entity"),
        Binding("c", "next_claim", "Next unchecked claim", show=False, id="reader.next_claim"),
    ]

    # What the selection covered before the change being made (see refresh; a
    # class default: TextArea refreshes while it is being built).
    _selection_was: tuple[Selection, Location | None, Offset] | None = None

    @dataclass
    class Annotate(Message):
        """Annotate text[start:end] (start == end: the whole article)."""

        start: int
        end: int
        kind: Kind

    @dataclass
    class Edit(Message):
        annotation: Annotation

    @dataclass
    class Delete(Message):
        annotation: Annotation

    @dataclass
    class NextClaim(Message):
        offset: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.writable: bool | None = None
        self.notes: list[PlacedNote] = []
        self._spans = NoteSpans()  # the notes in the text, by position
        self._note_lines: dict[int, list[Span]] = {}
        # Each highlight span split into (line, piece), for the current text:
        # a change to one note of 500 splits one span, not 500.
        self._split: dict[Span, list[tuple[int, Span]]] = {}
        self._binding_state: tuple[object, ...] = ()
        self._drawn_since_text = True

    def on_mount(self) -> None:
        self.watch(self, "selection", self._selection_moved, init=False)

    # -- content -----------------------------------------------------------------

    def show_text(self, article_id: str, text: str) -> None:
        self.notes = []
        self._spans = NoteSpans()
        self._note_lines = {}
        self._split = {}
        super().show_text(article_id, text)
        # A new text repaints the whole view, its drawn lines dropped: notes
        # set before it is drawn need no line-by-line repaint of their own.
        self._drawn_since_text = False

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_since_text = True
        return super().render_lines(crop)

    def set_notes(
        self,
        notes: Sequence[PlacedNote],
        writable: bool | None,
        changed: Sequence[PlacedNote] | None = None,
    ) -> None:
        """Show `notes` (placed on the current text) and whether they can change;
        `changed`: the notes that differ from the last ones, old and new
        versions, when the caller knows them (one change drawn)."""
        before, self.notes = self.notes, list(notes)
        self.writable = writable
        if changed is not None:  # one change: its notes taken out / put in
            self._spans.swap(changed)
        else:
            self._spans = NoteSpans(self.notes)
        # A few notes changed (a write): only their lines are built again.
        update = relined(self._note_lines, before, self.notes, self._starts, changed, self._spans)
        if update is not None:
            lines, changed = update
        else:
            lines = self._lines_of(painted(self.notes))
            old = self._note_lines
            changed = [i for i in lines.keys() | old.keys() if lines.get(i) != old.get(i)]
        if changed:  # else the cached lines stay right: no repaint
            self._note_lines = lines
            if self._drawn_since_text:  # (else all of it is to be drawn anyway)
                self._restyle_lines(changed)
        self._binding_state = ()
        self._selection_moved()

    def _lines_of(self, spans: Sequence[Span]) -> dict[int, list[Span]]:
        """spans_by_line of `spans` (in that order on each line), reusing the
        split of the spans seen last time."""
        known, split, starts = self._split, {}, self._starts
        lines: dict[int, list[Span]] = {}
        for span in spans:
            pieces = known.get(span)
            if pieces is None:
                pieces = span_pieces(starts, span)
            split[span] = pieces
            for row, piece in pieces:
                lines.setdefault(row, []).append(piece)
        self._split = split
        return lines

    def _restyle_lines(self, rows: Sequence[int]) -> None:
        """Repaint only the document lines `rows` (all of them when there are many)."""
        if len(rows) > _FEW_LINES or not self.soft_wrap:
            self._restyle()
            return
        wrapped = self.wrapped_document
        ys: set[int] = set()
        for row in rows:
            if not 0 <= row < self.document.line_count:
                continue
            top = wrapped.location_to_offset((row, 0)).y
            height = len(wrapped.get_offsets(row)) + 1
            ys.update(range(top, top + height))
            self.refresh_lines(top, height)
        # TextArea caches drawn lines keyed by (size, scroll_x, visual y, ...):
        # drop those of the repainted rows (private cache, textual pinned; the
        # partial-repaint test guards the key layout).
        cache = self._line_cache
        keys = cache.keys()  # LRUCache has no __iter__
        for key in [k for k in keys if k[2] in ys]:
            cache.discard(key)

    def validate_selection(self, selection: Selection) -> Selection:
        # Called as the selection changes, before it is stored: what the old one
        # covered, for the repaint that follows (see refresh).
        if self.is_mounted:
            self._selection_was = (
                self.selection,
                self._matching_bracket_location,
                self.scroll_offset,
            )
        return selection

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # A new selection (or cursor place) repaints the whole view (TextArea's
        # `selection` reactive); when the view did not scroll, only the rows the
        # old and the new selection, cursor and matched bracket are on changed.
        was, self._selection_was = self._selection_was, None
        if was is None or regions or layout or recompose or not self.soft_wrap:
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        old, old_bracket, scroll = was
        rows: set[int] = set()
        for selection in (old, self.selection):
            top, bottom = sorted(selection)
            rows.update(range(top[0], bottom[0] + 1))
        for bracket in (old_bracket, self._matching_bracket_location):
            if bracket is not None:
                rows.add(bracket[0])
        if self.scroll_offset != scroll or len(rows) > _FEW_LINES:
            return super().refresh(repaint=repaint)
        wrapped, size = self.wrapped_document, self.size
        changed: list[Region] = []
        for row in sorted(rows):
            if 0 <= row < self.document.line_count:
                top = wrapped.location_to_offset((row, 0)).y - scroll.y
                height = len(wrapped.get_offsets(row)) + 1
                region = Region(0, top, size.width, height).intersection(size.region)
                if region:
                    changed.append(region)
        if changed:  # (none: nothing on screen changed)
            super().refresh(*changed)
        return self

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        pieces = self._note_lines.get(line_index)
        if pieces:
            dark = self._dark
            for start, end, tag in pieces:
                line.stylize(_style(tag, dark), start, end)
        return line

    # -- what is under the cursor ------------------------------------------------------

    def notes_here(self) -> list[PlacedNote]:
        """The notes whose span holds the cursor (or the selection start), innermost first."""
        low, high = self.selection_offsets
        found = self._spans.at(low)
        if not found and high > low:
            found = self._spans.at(high - 1)
        return found

    def entity_here(self) -> Entity | None:
        here = self.cursor_offset
        for entity in self._entities:
            if entity.start <= here < entity.end and entity.label not in self._hidden:
                return entity
        return None

    def sentence_span(self) -> tuple[int, int] | None:
        """The sentence under the cursor (the triage splitter's), if any."""
        from reader.triage.sentences import sentence_at  # not needed for the first screen

        text, here = self.text, self.cursor_offset
        for offset in (here, here - 1):
            sentence = sentence_at(text, offset)
            if sentence is not None:
                return sentence.start, sentence.end
        # between paragraphs (a blank line, the one under the title): the next
        # sentence, else the last one before the cursor
        ahead = _NOT_SPACE.search(text, here)
        behind = len(text[:here].rstrip()) - 1
        for offset in (ahead.start() if ahead else -1, behind):
            sentence = sentence_at(text, offset) if offset >= 0 else None
            if sentence is not None:
                return sentence.start, sentence.end
        return None

    def target_span(self) -> tuple[int, int] | None:
        """What `a` annotates: the selection, else the sentence under the cursor."""
        low, high = self.selection_offsets
        return (low, high) if high > low else self.sentence_span()

    def _selection_moved(self) -> None:
        """Grey out the cursor-dependent keys only when their state changes."""
        here = self.notes_here()
        state = (bool(here), self.entity_here() is not None)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    # -- actions -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NOTES_ACTIONS or action in ("next_note", "previous_note"):
            if self.writable is None or self.article_id is None:
                return False
            if action in ("next_note", "previous_note"):
                return bool(self._spans) or None
            if action != "next_claim" and not self.writable:
                return None
            if action in ("edit_note", "delete_note"):
                return bool(self.notes_here()) or None
            return True
        if action == "select_entity":
            return self.entity_here() is not None or None
        return super().check_action(action, parameters)

    def _request(self, kind: Kind) -> None:
        span = self.target_span()
        if span is None:
            self.app.bell()
            self.notify("Nothing to annotate here: select text (v, s) first", markup=False)
            return
        self.selecting = False
        self.post_message(self.Annotate(span[0], span[1], kind))

    def action_annotate(self) -> None:
        self._request(Kind.NOTE)

    def action_factcheck(self) -> None:
        self._request(Kind.FACTCHECK)

    def action_annotate_article(self) -> None:
        self.post_message(self.Annotate(0, 0, Kind.NOTE))

    def action_edit_note(self) -> None:
        here = self.notes_here()
        if here:
            self.post_message(self.Edit(here[0].annotation))

    def action_delete_note(self) -> None:
        here = self.notes_here()
        if here:
            self.post_message(self.Delete(here[0].annotation))

    def _nothing(self, message: str) -> None:
        """The bell, which many terminals (and tmux) do not show, and a word."""
        self.app.bell()
        self.notify(message, markup=False, timeout=2)

    def action_next_note(self) -> None:
        note = next_note(self.notes, self.cursor_offset)
        if note is None or note.start is None:
            self._nothing("No more notes after the cursor")
        else:
            self.move_to_offset(note.start)

    def action_previous_note(self) -> None:
        note = previous_note(self.notes, self.cursor_offset)
        if note is None or note.start is None:
            self._nothing("No note before the cursor")
        else:
            self.move_to_offset(note.start)

    def action_select_entity(self) -> None:
        entity = self.entity_here()
        if entity is None:
            self._nothing("No entity under the cursor")
            return
        self.selecting = False
        self.move_to_offset(entity.start, entity.end)

    def action_select_sentence(self) -> None:
        """s: select the sentence under the cursor."""
        span = self.sentence_span()
        if span is None:
            self._nothing("No sentence here")
            return
        self.selecting = False
        self.move_to_offset(*span)

    def action_next_claim(self) -> None:
        self.post_message(self.NextClaim(self.cursor_offset))

    def clear_selection(self) -> None:
        """Drop the selection, keeping the cursor where it is."""
        self.selecting = False
        self.move_cursor(self.cursor_location)

    def select_span(self, start: int, end: int) -> None:
        """Select text[start:end] (the cursor ends at `end`)."""
        self.selecting = False
        self.move_to_offset(start, end)
