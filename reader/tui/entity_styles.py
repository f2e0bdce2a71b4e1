"""Colours for entity labels, one set for dark themes and one for light."""

from __future__ import annotations

from functools import cache

from rich.style import Style

from reader.entities.model import Label

# The key that toggles each label, also shown in the legend.
LABEL_KEYS: dict[Label, str] = {
    Label.PERSON: "1",
    Label.ORG: "2",
    Label.PLACE: "3",
    Label.DATE: "4",
    Label.QUANTITY: "5",
}

_DARK: dict[Label, str] = {
    Label.PERSON: "#7cb7ff",
    Label.ORG: "#ffb86c",
    Label.PLACE: "#7ee787",
    Label.DATE: "#ff8fd0",
    Label.QUANTITY: "#5fe0e0",
}
_LIGHT: dict[Label, str] = {
    Label.PERSON: "#0b52b8",
    Label.ORG: "#9a4f00",
    Label.PLACE: "#19752f",
    Label.DATE: "#a1156b",
    Label.QUANTITY: "#00707a",
}


def label_colour(label: Label, dark: bool) -> str:
    return (_DARK if dark else _LIGHT)[label]


@cache
def entity_style(label: Label, dark: bool) -> Style:
    """The style of a mention: the label's colour, bold, underlined (built
    once per label and theme: it is asked for every mention of every drawn
    line; rich Styles are immutable)."""
    return Style(color=label_colour(label, dark), bold=True, underline=True)
