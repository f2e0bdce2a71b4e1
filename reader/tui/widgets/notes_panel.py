"""The notes panel: the open article's annotations in reading order, each
with its kind, verdict, status and first words; orphans marked as such."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import ClassVar, Self

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.annotations.drafts import PlacedNote
from reader.annotations.model import AnchorState, Annotation
from reader.tui.widgets.fixed_rows import FixedRows
from reader.tui.widgets.note_rows import LazyNoteRows, NoteRows, note_row, note_row_lines
from reader.tui.widgets.notes_drawing import DrawnNoteRows
from reader.tui.widgets.option_rows import insert_option, remove_option, replace_prompt

__all__ = ["LazyNoteRows", "NoteRows", "NotesPanel", "note_row", "note_row_lines"]

# Short lines: the panel cuts its rows at its width (28 columns) and does not wrap.
NO_NOTES = "No notes yet.\na: note on the sentence\n   or the selection\nA: note on the article"

# Rows of other articles kept (an article opened again reuses its rows).
_KEPT_ROWS = 2000


def _one_more(longer: Sequence[Option], shorter: Sequence[Option]) -> int | None:
    """The index of the one option `longer` has that `shorter` lacks, the
    others being the same objects in the same order; else None."""
    if len(longer) != len(shorter) + 1:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a is not b),
        len(shorter),
    )
    same = all(a is b for a, b in zip(longer[at + 1 :], shorter[at:], strict=True))
    return at if same else None


class NotesPanel(DrawnNoteRows, OptionList):
    """One row per annotation. enter edits, d deletes, r re-attaches an
    orphan to the reading view's selection, space shows it in the text."""

    HELP_AREA = "Notes panel"

    DEFAULT_CSS = """
    NotesPanel { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "Edit note", id="reader.notes.edit"),
        Binding("d", "delete", "Delete note", id="reader.notes.delete"),
        Binding("r", "reattach", "Re-attach to selection", id="reader.notes.reattach"),
        Binding("space", "show", "Show in text", show=False, id="reader.notes.show"),
        Binding("j", "cursor_down", "Next note", show=False, id="reader.notes.cursor_down"),
        Binding("k", "cursor_up", "Previous note", show=False, id="reader.notes.cursor_up"),
    ]

    @dataclass
    class Request(Message):
        """The reader asked to `action` ("edit", "delete", "reattach", "show") `note`."""

        action: str
        note: PlacedNote

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: list[PlacedNote] = []
        self.writable: bool | None = None
        # Each note's row as last built, by annotation id, with what it showed
        # (the annotation object itself, its state, whole-article, theme): a
        # change to one note of 500 builds one row, not 500 (issue 4: <= 50 ms
        # a change), and an edit replaces that row in place.
        self._rows: dict[str, tuple[Annotation, AnchorState, bool, bool, Option]] = {}
        self._shown: list[Option] = []
        self._init_drawing()
        self._lines_before = 0  # rows of text shown before the change being made
        self._lines_after = 0  # ... and after it
        self._filling = False  # show_notes is running

    def _cached(self, note: PlacedNote, dark: bool) -> Option | None:
        ann = note.annotation
        row = self._rows.get(ann.id)
        if row is None or row[0] is not ann or row[1:4] != (note.state, note.start is None, dark):
            return None
        return row[4]

    def show_notes(
        self, notes: Sequence[PlacedNote], dark: bool, writable: bool | None, message: str = ""
    ) -> None:
        self._filling = True  # (see refresh)
        try:
            self._fill(notes, dark, writable, message)
        finally:
            self._filling = False

    def _fill(
        self, notes: Sequence[PlacedNote], dark: bool, writable: bool | None, message: str
    ) -> None:
        keep = self.highlighted_note
        self.notes = list(notes)
        self.writable = writable
        shown = self._shown
        ids = [note.annotation.id for note in self.notes]
        built: list[Option | FixedRows] = []
        for note in self.notes:
            cached = self._cached(note, dark)
            built.append(cached if cached is not None else LazyNoteRows(note, dark))
        # An edit: the same notes in the same order, the changed rows as high
        # as before: replace those rows' text, keep the rest as drawn.
        in_place = bool(ids) and ids == [option.id for option in shown]
        if in_place:
            in_place = all(
                isinstance(item, Option) or item.lines == getattr(old.prompt, "lines", -1)
                for item, old in zip(built, shown, strict=True)
            )
        options: list[Option] = []
        replace: list[tuple[int, FixedRows]] = []
        for index, (note, item) in enumerate(zip(self.notes, built, strict=True)):
            if isinstance(item, Option):
                options.append(item)
                continue
            if in_place:
                option = shown[index]
                replace.append((index, item))
            else:
                option = Option(item, id=note.annotation.id)
            ann = note.annotation
            self._rows[ann.id] = (ann, note.state, note.start is None, dark, option)
            options.append(option)
        self._lines_before = self._lines_after
        self._lines_after = sum(getattr(o.prompt, "lines", 1) for o in options) or 1
        added = _one_more(options, shown) if shown else None
        removed = _one_more(shown, options) if options else None
        if in_place:
            for index, rows in replace:
                replace_prompt(self, index, rows)
        elif added is not None:  # a new note: one row more, the others as drawn
            self._insert_option(added, options[added])
        elif removed is not None:  # a deleted note (not the last one)
            self._rows.pop(shown[removed].id or "", None)
            remove_option(self, removed)
            self.refresh(layout=True)  # (skipped while the panel stays at its cap)
        elif not options or any(a is not b for a, b in zip_longest(options, shown)):
            if len(self._rows) > len(ids) + _KEPT_ROWS:
                # the rows of other articles, oldest first, beyond _KEPT_ROWS
                wanted = set(ids)
                others = [k for k in self._rows if k not in wanted]
                dropped = set(others[: len(others) - _KEPT_ROWS])
                self._rows = {k: v for k, v in self._rows.items() if k not in dropped}
            text = message or NO_NOTES
            self.set_options(options or [Option(Content(text), disabled=True)])
        self._shown = options
        self._lines_before = self._lines_after
        if len(self._drawn) > 3 * len(options) + 60:
            prompts = {option.prompt for option in options}
            self._drawn = {k: v for k, v in self._drawn.items() if k[0] in prompts}
        if self.notes:
            kept = keep.annotation.id if keep is not None else None
            if kept in ids:
                self.highlighted = ids.index(kept)
            elif removed is not None:  # the highlighted note went: the one after it
                self.highlighted = min(removed, len(ids) - 1)
            else:
                self.highlighted = 0
        self.refresh_bindings()

    def show_change(
        self,
        notes: Sequence[PlacedNote],
        removed: int | None,
        added: int | None,
        dark: bool,
        writable: bool | None,
        select: str | None = None,
    ) -> None:
        """Show `notes`: the notes shown with the row at `removed` taken out and
        one put in at `added` (either None: none), as show_notes would show
        them, touching those rows only; then highlight the note `select` (else
        as show_notes keeps it). Rows of notes shown before, or a list that is
        or becomes empty: show_notes."""
        shown = self._shown
        expected = len(self.notes) - (removed is not None) + (added is not None)
        if (
            not notes
            or not self.notes
            or len(shown) != len(self.notes)
            or len(notes) != expected
            or writable != self.writable
        ):
            self.show_notes(notes, dark, writable)
            if select is not None:
                self.select_note(select)
            return
        keep = self.highlighted_note
        old_id = self.notes[removed].annotation.id if removed is not None else None
        self.notes = list(notes)
        options = list(shown)
        self._lines_before = self._lines_after
        rows: LazyNoteRows | None = None
        if added is not None:
            note = self.notes[added]
            rows = LazyNoteRows(note, dark)
        old_lines = getattr(shown[removed].prompt, "lines", 1) if removed is not None else 0
        self._lines_after += (rows.lines if rows is not None else 0) - old_lines
        if rows is not None and removed == added and old_lines == rows.lines:
            option = shown[added]  # an edit in place: the same row, new text
            replace_prompt(self, added, rows)
        else:
            option = None
            if removed is not None:
                self._rows.pop(old_id or "", None)
                del options[removed]
                remove_option(self, removed)
                self.refresh(layout=True)  # (skipped while the panel stays at its cap)
            if rows is not None and added is not None:
                option = Option(rows, id=self.notes[added].annotation.id)
                options.insert(added, option)
                self._insert_option(added, option)
        if option is not None and added is not None:
            note = self.notes[added]
            ann = note.annotation
            self._rows[ann.id] = (ann, note.state, note.start is None, dark, option)
        self._shown = options
        self._lines_before = self._lines_after
        if len(self._drawn) > 3 * len(options) + 60:
            prompts = {option.prompt for option in options}
            self._drawn = {k: v for k, v in self._drawn.items() if k[0] in prompts}
        wanted = select if select is not None else (keep.annotation.id if keep else None)
        at = self._index_of(wanted)
        if at is None:
            # (the highlighted note went: the one after it, as show_notes does)
            at = min(removed, len(notes) - 1) if removed is not None and added is None else 0
        self.highlighted = at
        self.refresh_bindings()

    def _index_of(self, annotation_id: str | None) -> int | None:
        if annotation_id is None:
            return None
        return next((i for i, n in enumerate(self.notes) if n.annotation.id == annotation_id), None)

    def _insert_option(self, index: int, option: Option) -> None:
        """Put `option` at `index` (OptionList can only append or replace all:
        set_options measures every row again and resets the scroll)."""
        insert_option(self, index, option)
        self.refresh(layout=True)  # (skipped while the panel stays at its cap)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # OptionList asks for a layout whenever its options change, because its
        # height is auto; a layout pass repaints every scrollbar on the screen.
        # When the rows overflowed the panel before and still fill it, its
        # height is at its cap (max-height) and stays there: skip the layout.
        height = self.size.height
        if layout and height > 0 and self._lines_before > height <= self._lines_after:
            layout = False
        # While show_notes fills the list (an article opens): hidden (no
        # database), or as many lines as before, the height cannot change.
        same = height > 0 and self._lines_before == self._lines_after
        if layout and self._filling and (not self.display or same):
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def highlighted_note(self) -> PlacedNote | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.notes)):
            return None
        return self.notes[self.highlighted]

    def select_note(self, annotation_id: str) -> None:
        for index, note in enumerate(self.notes):
            if note.annotation.id == annotation_id:
                self.highlighted = index
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "reattach", "show"):
            note = self.highlighted_note
            if note is None:
                return None
            if action == "show":
                return note.in_text or None
            if not self.writable:
                return None
            if action == "reattach":
                return (note.annotation.anchor is not None) or None
            return True
        return super().check_action(action, parameters)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def _request(self, action: str) -> None:
        note = self.highlighted_note
        if note is not None:
            self.post_message(self.Request(action, note))

    def action_edit(self) -> None:
        self._request("edit")

    def action_delete(self) -> None:
        self._request("delete")

    def action_reattach(self) -> None:
        self._request("reattach")

    def action_show(self) -> None:
        self._request("show")

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._request("edit")
