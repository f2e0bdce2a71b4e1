"""Colours for annotations in the reading view and the notes panel.

An annotation is a background tint (kind, or for a fact-check its verdict's
tone), so the entity colours (foreground, bold, underline) stay readable on
top of it; where annotations overlap the narrower one is painted last and the
text there is also italic, so every one of them stays visible.
"""

from __future__ import annotations

from rich.style import Style

from reader.annotations.drafts import Tone
from reader.annotations.model import Kind

FC = Kind.FACTCHECK.value

_DARK_BG: dict[str, str] = {
    Kind.HIGHLIGHT.value: "#5a4a00",
    Kind.NOTE.value: "#1f3d66",
    Kind.TAG.value: "#44295e",
    f"{FC}:{Tone.GOOD}": "#1e5230",
    f"{FC}:{Tone.MIXED}": "#5c5210",
    f"{FC}:{Tone.BAD}": "#6b2020",
    f"{FC}:{Tone.UNKNOWN}": "#464646",
}
_LIGHT_BG: dict[str, str] = {
    Kind.HIGHLIGHT.value: "#fff0a0",
    Kind.NOTE.value: "#d4e6ff",
    Kind.TAG.value: "#ecdcff",
    f"{FC}:{Tone.GOOD}": "#c9f2d3",
    f"{FC}:{Tone.MIXED}": "#fbeeb0",
    f"{FC}:{Tone.BAD}": "#ffd0d0",
    f"{FC}:{Tone.UNKNOWN}": "#e2e2e2",
}
# The mark and the word shown in the notes panel for each kind.
KIND_MARKS: dict[str, str] = {
    Kind.HIGHLIGHT.value: "▌",
    Kind.NOTE.value: "✎",
    Kind.TAG.value: "#",
    FC: "⚑",  # a flag: under check, whatever the verdict (a tick read as "true")
}


def annotation_bg(tag: str, dark: bool) -> str:
    """The background colour of a highlight tag (see drafts.style_tag)."""
    table = _DARK_BG if dark else _LIGHT_BG
    return table.get(tag, table[Kind.NOTE.value])


def annotation_style(tag: str, dark: bool) -> Style:
    return Style(bgcolor=annotation_bg(tag, dark))


def overlap_style() -> Style:
    """Added where two or more annotations cover the same text."""
    return Style(italic=True)
