"""Map string offsets in an article to (line, column) places and back.

Pure functions, no textual import: the reading view feeds entity and
annotation styles per line, and moves its cursor to offsets, through these.
Columns are code points within a line (what `str` slicing and TextArea
locations use). `utf8_columns` converts them to the UTF-8 byte columns that
TextArea's private highlight map would need, should a caller go that way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

# Characters str.splitlines() treats as line breaks besides "\n". TextArea's
# Document splits with splitlines(), so any of these left in the text would
# shift every offset after it; `reading_text` replaces them (same length).
_EXTRA_BREAKS = {
    0x0B: "\u240b",
    0x0C: "\u240c",
    0x0D: "\u240d",
    0x1C: "\u241c",
    0x1D: "\u241d",
    0x1E: "\u241e",
    0x85: "\ufffd",
    0x2028: "\u21b5",
    0x2029: "\u00b6",
}

Span = tuple[int, int, str]  # start, end (str offsets), tag


_EXTRA_BREAK_RE = re.compile("[" + "".join(map(chr, _EXTRA_BREAKS)) + "]")


def reading_text(safe_text: str) -> str:
    """`safe_text` (already passed through display_safe) with every line break
    other than "\\n" made visible, so lines split exactly at "\\n". Same length."""
    if _EXTRA_BREAK_RE.search(safe_text) is None:  # the common case: no copy
        return safe_text
    return safe_text.translate(_EXTRA_BREAKS)


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every "\\n"-separated line."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def offset_to_location(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """(line, column) of a str offset; offsets past the end clamp to the last line."""
    offset = max(0, offset)
    row = bisect_right(starts, offset) - 1
    return row, offset - starts[row]


def location_to_offset(starts: Sequence[int], row: int, column: int) -> int:
    """The str offset of (line, column)."""
    row = min(max(0, row), len(starts) - 1)
    return starts[row] + max(0, column)


def spans_by_line(starts: Sequence[int], spans: Iterable[Span]) -> dict[int, list[Span]]:
    """Split `spans` (str offsets) into per-line (column_start, column_end, tag)
    pieces. A span crossing line breaks is cut at each one; empty pieces vanish."""
    out: dict[int, list[Span]] = {}
    for span in spans:
        for row, piece in span_pieces(starts, span):
            out.setdefault(row, []).append(piece)
    return out


def span_pieces(starts: Sequence[int], span: Span) -> list[tuple[int, Span]]:
    """One span's (line, (column_start, column_end, tag)) pieces, top to
    bottom, as spans_by_line cuts it."""
    start, end, tag = span
    if end <= start:
        return []
    pieces: list[tuple[int, Span]] = []
    last = len(starts) - 1
    row = bisect_right(starts, max(0, start)) - 1
    col = max(0, start) - starts[row]
    while True:
        line_start = starts[row]
        line_end = starts[row + 1] - 1 if row < last else None  # offset of the "\n"
        if line_end is None or end <= line_end:
            stop = end - line_start
            if stop > col:
                pieces.append((row, (col, stop, tag)))
            return pieces
        if line_end > line_start + col:
            pieces.append((row, (col, line_end - line_start, tag)))
        row, col = row + 1, 0


def utf8_columns(line: str, start: int, end: int) -> tuple[int, int]:
    """Code-point columns [start, end) of `line` as UTF-8 byte columns."""
    head = len(line[:start].encode("utf-8"))
    return head, head + len(line[start:end].encode("utf-8"))
