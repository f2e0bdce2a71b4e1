"""The entity legend: one coloured, clickable toggle per label."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from textual import events
from textual.color import Color
from textual.content import Content, Span
from textual.message import Message
from textual.style import Style
from textual.widgets import Static

from reader.entities.model import Label
from reader.tui.entity_styles import LABEL_KEYS, label_colour

NAMES: dict[Label, str] = {
    Label.PERSON: "person",
    Label.ORG: "org",
    Label.PLACE: "place",
    Label.DATE: "date",
    Label.QUANTITY: "quantity",
}


class Legend(Static):
    """`1 person  2 org  3 place  4 date  5 quantity`; a hidden label is struck
    through, a label with no mention in the article is dimmed. Clicking a
    label toggles it (the keys 1-5 do the same)."""

    DEFAULT_CSS = """
    Legend { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    @dataclass
    class Toggled(Message):
        """The reader clicked a label."""

        label: Label

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ranges: list[tuple[int, int, Label]] = []
        self._shown_state: tuple[frozenset[Label], bool, frozenset[Label]] | None = None

    def show_state(self, hidden: Collection[Label], dark: bool, counts: dict[Label, int]) -> None:
        # Only which labels are hidden or have no mention shows: opening an
        # article with the same (as most do) repaints nothing.
        state = (frozenset(hidden), dark, frozenset(k for k, n in counts.items() if n))
        if state == self._shown_state:
            return
        self._shown_state = state
        text = ""
        spans: list[Span] = []
        self._ranges = []
        for label, key in LABEL_KEYS.items():
            if text:
                text += "  "
            piece = f"{key} {NAMES[label]}"
            off = label in hidden
            style = Style(
                foreground=Color.parse(label_colour(label, dark)),
                bold=not off,
                dim=off or not counts.get(label, 0),
                strike=off,
            )
            # colours stay the label's own: no @click meta (it adds link styling)
            spans.append(Span(len(text), len(text) + len(piece), style))
            self._ranges.append((len(text), len(text) + len(piece), label))
            text += piece
        self.update(Content(text, spans), layout=False)  # always one line

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, label in self._ranges:
            if start <= offset.x < end:
                self.post_message(self.Toggled(label))
