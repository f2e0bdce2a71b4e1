"""Make untrusted article text safe to draw, without changing its length."""

from __future__ import annotations

import re

# C0 controls other than \n and \t become their Unicode "control picture".
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (9, 10)}
_TABLE[0x7F] = "\u2421"  # DEL
for _code in range(0x80, 0xA0):  # C1 controls (CSI, OSC, NEL, ...)
    _TABLE[_code] = "\ufffd"
# Bidi overrides/isolates/marks and zero-width characters are made visible.
_BIDI_CODES = frozenset((*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
for _code in _BIDI_CODES:
    _TABLE[_code] = "\u2947"  # a visible arrow-like marker
# Zero-width and invisible characters, including the "tag" block that can hide
# a whole message inside innocent-looking text.
_INVISIBLE_CODES = frozenset(
    (0x200B, 0x200C, 0x200D, *range(0x2060, 0x2065), 0xFEFF, 0x180E, *range(0xE0000, 0xE0080))
)
for _code in _INVISIBLE_CODES:
    _TABLE[_code] = "\u2423"  # open box
# Line/paragraph separators would break a terminal line: show them.
for _code in (0x2028, 0x2029):
    _TABLE[_code] = "\u2424"  # symbol for newline

UNSAFE_CODES = frozenset(_TABLE)  # every code point display_safe replaces
# The keys of _TABLE as ranges (a class of single characters is slow to search).
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
# The same characters in UTF-8, found with one fast test per lead byte.
_NOT_CONTROL_BYTES = bytes(
    code for code in range(256) if (code > 0x1F and code != 0x7F) or code in (9, 10)
)
_UTF8_CHECKS = (
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xe2", re.compile(rb"\xe2(?:\x80[\x8b-\x8f\xa8-\xae]|\x81[\xa0-\xa4\xa6-\xa9])")),
    (b"\xd8", re.compile(rb"\xd8\x9c")),
    (b"\xe1", re.compile(rb"\xe1\xa0\x8e")),
    (b"\xef", re.compile(rb"\xef\xbb\xbf")),
    (b"\xf3", re.compile(rb"\xf3\xa0[\x80\x81]")),
)


def display_safe(text: str) -> str:
    """Return `text` with every control, escape, bidi and zero-width character
    replaced by one visible character, so offsets into it stay valid."""
    return text.translate(_TABLE)


def has_unsafe(text: str) -> bool:
    """True when `display_safe` would change `text`."""
    return _UNSAFE_RE.search(text) is not None


def has_unsafe_utf8(data: bytes) -> bool:
    """`has_unsafe` for UTF-8 bytes, several times faster than searching the str."""
    if data.translate(None, _NOT_CONTROL_BYTES):
        return True
    return any(lead in data and pattern.search(data) for lead, pattern in _UTF8_CHECKS)


def describe_unsafe(text: str, utf8: bytes | None = None) -> str | None:
    """A one-line note on the unsafe characters of `text`, or None if it has none.
    `utf8`, the same text as UTF-8 when the caller has it, makes the test faster."""
    if not (has_unsafe_utf8(utf8) if utf8 is not None else has_unsafe(text)):
        return None
    control = bidi = invisible = escapes = 0
    for match in _UNSAFE_RE.finditer(text):
        code = ord(match.group())
        if code in _BIDI_CODES:
            bidi += 1
        elif code in _INVISIBLE_CODES:
            invisible += 1
        else:
            control += 1
            escapes += code in (0x1B, 0x9B, 0x9D)  # ESC, CSI, OSC
    parts = []
    if control:
        extra = f" ({escapes} escape sequence start{'s' * (escapes != 1)})" if escapes else ""
        parts.append(f"{control} control character{'s' * (control != 1)}{extra}")
    if bidi:
        parts.append(f"{bidi} bidi control{'s' * (bidi != 1)}")
    if invisible:
        parts.append(f"{invisible} invisible character{'s' * (invisible != 1)}")
    return "text contains " + ", ".join(parts) + "; they are shown as visible symbols"
