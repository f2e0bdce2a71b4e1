"""Soft-wrap a TextArea's document faster, with TextArea's own result.

Opening an article wraps all of it (WrappedDocument.wrap) before the first
frame. For lines without tabs, Textual's compute_wrap_offsets builds a list of
tab widths as long as the line and measures every word through a generator;
`wrap_offsets` walks the same words with the same rule (a word that fits goes
on the line, one that does not starts the next, one wider than the width is
left to Textual's folding). `wrap_document` fills the WrappedDocument's tables
as its wrap() does (private fields, textual 8.2.8 pinned; the wrapping test
compares every table with wrap()'s for many texts and widths).
"""

from __future__ import annotations

import re

from textual._cells import cell_len
from textual._wrap import compute_wrap_offsets
from textual.document._wrapped_document import WrappedDocument

_CHUNK = re.compile(r"\S+\s*|\s+")  # Textual's words: a word and the spaces after it


def wrap_offsets(line: str, width: int) -> list[int] | None:
    """Where `line` (no tabs) breaks at `width` cells, as compute_wrap_offsets
    finds it; None when a word is wider than the width (Textual folds it)."""
    if len(line) <= width and (line.isascii() or cell_len(line) <= width):
        return []
    ascii_line = line.isascii()
    breaks: list[int] = []
    used = 0
    for match in _CHUNK.finditer(line):
        start, end = match.span()
        size = end - start if ascii_line else cell_len(match.group())
        if width - used >= size:
            used += size
        elif size > width:
            return None
        elif used and start:
            breaks.append(start)
            used = size
    return breaks


def wrap_document(wrapped: WrappedDocument, width: int, tab_width: int) -> None:
    """wrapped.wrap(width, tab_width), faster for a document without tabs."""
    lines = wrapped.document.lines
    if not width or any("\t" in line for line in lines):
        wrapped.wrap(width, tab_width)
        return
    all_offsets: list[list[int]] = []
    line_info: list[tuple[int, int]] = []
    line_offsets: list[list[int]] = []
    y = 0
    for index, line in enumerate(lines):
        offsets = wrap_offsets(line, width)
        if offsets is None:
            offsets = compute_wrap_offsets(line, width, tab_size=tab_width)
        all_offsets.append(offsets)
        count = len(offsets) + 1
        line_info.extend((index, section) for section in range(count))
        line_offsets.append(list(range(y, y + count)))
        y += count
    wrapped._width = width
    if tab_width:
        wrapped._tab_width = tab_width
    wrapped._wrap_offsets = all_offsets
    wrapped._offset_to_line_info = line_info
    wrapped._line_index_to_offsets = line_offsets
    wrapped._tab_width_cache = [[0] if line else [] for line in lines]  # (no tabs)
