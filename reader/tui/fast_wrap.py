"""The reading view's soft wrap, computed faster, with the same result.

Textual's WrappedDocument (textual 8.2.8) wraps each line with
`compute_wrap_offsets`, a Python loop over every word, and its `height` sums
over every line each time it is asked: TextArea asks once for each line it
draws. On a 1 MB article that was ~0.55 s to wrap and ~0.4 s to draw a
screen. `FastWrappedDocument` gives the same offsets and tables:

- a line with no tab whose characters are all one cell wide (nearly every
  line of an article) is wrapped by a regex that takes, from each row start,
  the longest run of whole chunks ("word and the spaces after it", Textual's
  unit) that fits the width, and folds a chunk wider than the width into
  rows of exactly the width, as Textual does; other lines go to Textual;
- `height` is the length of the row table Textual keeps anyway.

tests/test_fast_wrap.py checks the offsets against Textual's own function.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import get_character_cell_size
from textual._wrap import compute_wrap_offsets  # private: the reference result
from textual.expand_tabs import get_tab_widths
from textual.widgets.text_area import WrappedDocument

_BOUNDARY = re.compile(r"(?<=\s)(?=\S)")  # where a chunk ends and the next begins
# Where the one-cell characters of news text are: Latin, Greek, Cyrillic,
# punctuation (curly quotes, dashes), currency, letterlike symbols. Only those
# that measure one cell go into the class; any other character sends its line
# to Textual's own wrap.
_CANDIDATES = [(0x20, 0x7E), (0xA0, 0x52F), (0x2010, 0x205E), (0x20A0, 0x20C0), (0x2100, 0x214F)]
# The one-cell ranges among them, as `one_cell_ranges()` finds them with rich's
# measure (rich pinned with textual): written out, as measuring ~1,500
# characters at each import cost ~3 ms of the start-up. tests/test_fast_wrap.py
# checks this table against the measure.
ONE_CELL = (
    (0x20, 0x7E),
    (0xA0, 0x2FF),
    (0x370, 0x482),
    (0x48A, 0x52F),
    (0x2010, 0x2027),
    (0x202F, 0x205E),
    (0x20A0, 0x20C0),
    (0x2100, 0x214F),
)


def one_cell_ranges() -> tuple[tuple[int, int], ...]:
    """The ranges of _CANDIDATES whose characters rich measures one cell wide."""
    ranges: list[tuple[int, int]] = []
    for low, high in _CANDIDATES:
        for code in range(low, high + 1):
            if get_character_cell_size(chr(code)) != 1:
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return tuple(ranges)


def _not_plain_pattern(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    allowed = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[^{allowed}]")


_NOT_PLAIN = _not_plain_pattern(ONE_CELL)


@lru_cache(maxsize=256)
def _row(width: int) -> re.Pattern[str]:
    """The longest text of at most `width` characters ending at a chunk end."""
    return re.compile(rf"(?s).{{1,{width}}}(?:(?<=\s)(?=\S)|\Z)")


def is_plain(line: str) -> bool:
    """True if every character of `line` is a known one-cell character (no
    tab, no control, no zero-width or wide character)."""
    if line.isascii():
        return line.isprintable()
    return _NOT_PLAIN.search(line) is None


def plain_wrap_offsets(line: str, width: int) -> list[int]:
    """Where Textual's `compute_wrap_offsets` breaks a plain line (see
    `is_plain`) for `width` > 0 cells."""
    size = len(line)
    if size <= width:
        return []
    row = _row(width).match
    breaks: list[int] = []
    start = 0
    while size - start > width:
        found = row(line, start)
        if found is not None:  # whole chunks fit: the next row starts after them
            start = found.end()
            breaks.append(start)
            continue
        # the chunk at `start` is wider than a row: fold it into rows of `width`
        after = _BOUNDARY.search(line, start + 1)
        end = after.start() if after is not None else size
        while end - start > width:
            start += width
            breaks.append(start)
        # its last part starts a row that the next chunks may share
    return breaks


def wrap_offsets(line: str, width: int, tab_width: int) -> tuple[list[int], list[int]]:
    """(wrap offsets, tab widths) of `line`, as WrappedDocument.wrap makes them."""
    if "\t" not in line and is_plain(line):
        return (plain_wrap_offsets(line, width) if width else []), ([0] if line else [])
    sections = get_tab_widths(line, tab_width)
    offsets = (
        compute_wrap_offsets(line, width, tab_size=tab_width, precomputed_tab_sections=sections)
        if width
        else []
    )
    return offsets, [w for _, w in sections]


class FastWrappedDocument(WrappedDocument):
    """WrappedDocument with a faster `wrap` and a constant-time `height`."""

    @property
    def height(self) -> int:
        # one entry per row, kept by wrap and wrap_range: the sum Textual computes
        return len(self._offset_to_line_info)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        tab_size = self._tab_width
        all_offsets: list[list[int]] = []
        line_info: list[tuple[int, int]] = []
        line_rows: list[list[int]] = []
        tab_widths: list[list[int]] = []
        y = 0
        for line_index, line in enumerate(self.document.lines):
            offsets, tabs = wrap_offsets(line, width, tab_size)
            all_offsets.append(offsets)
            tab_widths.append(tabs)
            rows = len(offsets) + 1
            if rows == 1:
                line_info.append((line_index, 0))
                line_rows.append([y])
            else:
                line_info.extend([(line_index, section) for section in range(rows)])
                line_rows.append(list(range(y, y + rows)))
            y += rows
        self._wrap_offsets = all_offsets
        self._offset_to_line_info = line_info
        self._line_index_to_offsets = line_rows
        self._tab_width_cache = tab_widths


def faster(document: WrappedDocument) -> WrappedDocument:
    """`document` as a FastWrappedDocument (same state; later wraps are fast)."""
    if type(document) is WrappedDocument:
        document.__class__ = FastWrappedDocument
    return document
