"""The notes panel: the open article's annotations in reading order, each
with its kind, verdict, status and first words; orphans marked as such."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.annotations.drafts import PlacedNote, style_tag, summary
from reader.annotations.model import AnchorState, Kind
from reader.corpus.sanitize import display_safe
from reader.tui.annotation_styles import KIND_MARKS, annotation_bg
from reader.tui.widgets.fixed_rows import FixedRows


def _where(note: PlacedNote) -> str:
    if note.start is None:
        return "whole article"
    if note.state is AnchorState.ORPHANED:
        return "orphaned"
    return "moved" if note.state is AnchorState.MOVED else ""


def note_row(note: PlacedNote, dark: bool) -> Content:
    """Mark, kind and place; for a fact-check, its verdict and status on a
    line of their own (they matter most); then the first words."""
    ann = note.annotation
    tag = style_tag(ann)
    bits = [ann.kind.value]
    where = _where(note)
    if where:
        bits.append(where)
    mark = KIND_MARKS.get(ann.kind.value, "•")
    head_style = "bold $error" if note.state is AnchorState.ORPHANED else "bold"
    parts: list[str | tuple[str, str]] = [
        (f" {mark} ", f"on {annotation_bg(tag, dark)}"),
        (" " + " · ".join(bits), head_style),
    ]
    if ann.kind is Kind.FACTCHECK:
        verdict = display_safe(ann.verdict) if ann.verdict else "no verdict yet"
        parts += ["\n   ", (f"{verdict} · {ann.status.value}", "italic")]
    parts += ["\n   ", (display_safe(" ".join(summary(ann).split())), "dim")]
    return Content.assemble(*parts)


class NotesPanel(OptionList):
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
        # a change), and the other rows keep their rendered lines.
        self._rows: dict[str, tuple[object, ...]] = {}
        self._shown: list[Option] | None = None

    def _option(self, note: PlacedNote, dark: bool) -> Option:
        ann = note.annotation
        cached = self._rows.get(ann.id)
        if (
            cached is not None
            and cached[0] is ann
            and cached[1] is note.state
            and cached[2] == (note.start is None)
            and cached[3] == dark
        ):
            return cached[4]  # type: ignore[return-value]
        option = Option(FixedRows(note_row(note, dark)), id=ann.id)
        self._rows[ann.id] = (ann, note.state, note.start is None, dark, option)
        return option

    def show_notes(
        self, notes: Sequence[PlacedNote], dark: bool, writable: bool | None, message: str = ""
    ) -> None:
        keep = self.highlighted_note
        self.notes = list(notes)
        self.writable = writable
        options = [self._option(note, dark) for note in self.notes]
        shown = self._shown
        if (
            shown is None
            or not options
            or len(options) != len(shown)
            or any(a is not b for a, b in zip(options, shown, strict=True))
        ):
            ids = {note.annotation.id for note in self.notes}
            self._rows = {k: v for k, v in self._rows.items() if k in ids}
            if not options:
                text = message or "No notes yet: a annotates the sentence or selection"
                self.set_options([Option(Content(text), disabled=True)])
            else:
                self.set_options(options)
            self._shown = options
        if self.notes:
            ids_in_order = [n.annotation.id for n in self.notes]
            self.highlighted = (
                ids_in_order.index(keep.annotation.id)
                if keep and keep.annotation.id in ids_in_order
                else 0
            )
        self.refresh_bindings()

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
