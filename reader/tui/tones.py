"""Colours that mark something to act on (a claim to check, an anonymous
source, a changed sentence), one set for dark themes and one for light, as
CSS variables: `$reader-warning`, `$reader-good`, `$reader-bad` in a style
string (Content, CSS). Named colours ("yellow") are unreadable on a light
theme's background (about 1.1-1.5:1). The dark set keeps the named colours
used before (yellow, green, red)."""

from __future__ import annotations

_DARK: dict[str, str] = {
    "reader-warning": "#ffff00",
    "reader-good": "#008000",
    "reader-bad": "#ff0000",
}
_LIGHT: dict[str, str] = {
    "reader-warning": "#8a5100",
    "reader-good": "#136b2a",
    "reader-bad": "#b3261e",
}


def tone_variables(dark: bool) -> dict[str, str]:
    """The tone variables for a dark or a light theme."""
    return dict(_DARK if dark else _LIGHT)
