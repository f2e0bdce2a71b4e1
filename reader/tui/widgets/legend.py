"""The entity legend: one coloured, clickable toggle per label."""

from __future__ import annotations

from collections.abc import Collection

from textual.color import Color
from textual.content import Content, Span
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

    def show_state(self, hidden: Collection[Label], dark: bool, counts: dict[Label, int]) -> None:
        text = ""
        spans: list[Span] = []
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
            click = Style.from_meta({"@click": f"screen.toggle_label('{label.value}')"})
            spans.append(Span(len(text), len(text) + len(piece), style + click))
            text += piece
        self.update(Content(text, spans), layout=False)  # always one line
