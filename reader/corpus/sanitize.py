"""Make untrusted article text safe to draw, without changing its length."""

from __future__ import annotations

# C0 controls other than \n and \t become their Unicode "control picture".
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (9, 10)}
_TABLE[0x7F] = "\u2421"  # DEL
for _code in range(0x80, 0xA0):  # C1 controls (CSI, OSC, ...)
    _TABLE[_code] = "\ufffd"
# Bidi overrides/isolates/marks and zero-width characters are made visible.
for _code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
    _TABLE[_code] = "\u2947"  # a visible arrow-like marker
for _code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
    _TABLE[_code] = "\u2423"  # open box


def display_safe(text: str) -> str:
    """Return `text` with every control, escape, bidi and zero-width character
    replaced by one visible character, so offsets into it stay valid."""
    return text.translate(_TABLE)
