"""A note's row drawn straight to Strips, from its pieces of text.

Drawing a row the usual way (OptionList → Visual.to_strips → Content.split,
truncate and render, then padding to the width and the row's meta) builds
several Content objects per line and parses every style again; the panel
scrolls to the changed note on every change, so ~10-15 rows are drawn
for the first time each time. Here each line is cut to the width as
Content.truncate cuts it (an ellipsis, wide and zero-width characters by
rich's cell functions), its styles over the row's style are resolved once
per theme, and the padding and meta are added in the same pass. The result
is the strips the usual path gives (the test compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.style import Style

from reader.tui.widgets.note_rows import Piece


class RowStyles:
    """Rich styles of (row style, piece style) pairs, as Content.render
    combines them, with the row's mouse meta, parsed once until the theme or
    the CSS changes (clear)."""

    def __init__(self, parse: Callable[[str], Style]) -> None:
        self._parse = parse
        # (row style, piece style) -> rich style, without the meta
        self._combined: dict[tuple[Style, str | None], RichStyle] = {}
        # (row style, option index) -> piece style -> rich style with the meta
        self._rows: dict[tuple[Style, int], dict[str | None, RichStyle]] = {}
        self._metas: dict[int, RichStyle] = {}

    def clear(self) -> None:
        self._combined.clear()
        self._rows.clear()

    def of_row(self, base: Style, index: int) -> dict[str | None, RichStyle]:
        """The styles met so far in the row at `index` drawn in `base` (to
        look up by piece style; a missing one: `add`)."""
        key = (base, index)
        found = self._rows.get(key)
        if found is None:
            if len(self._rows) > 2048:  # (rows on screen x their states, and moves)
                self._rows.clear()
                self._metas.clear()
            found = self._rows[key] = {}
        return found

    def add(
        self, row: dict[str | None, RichStyle], base: Style, piece_style: str | None, index: int
    ) -> RichStyle:
        """`piece_style` over `base` (None: `base` alone), with the option
        index meta OptionList puts on each row (its mouse hit test), put in
        `row` (of_row(base, index))."""
        rich = self._combined.get((base, piece_style))
        if rich is None:
            if piece_style is None:
                combined = Style.combine([base])
            else:
                combined = Style.combine([base, self._parse(piece_style)])
            rich = self._combined[base, piece_style] = combined.rich_style
        meta = self._metas.get(index)
        if meta is None:
            meta = self._metas[index] = RichStyle.from_meta({"option": index})
        with_meta = row[piece_style] = meta + rich  # (as Strip.apply_meta)
        return with_meta


def fit(pieces: Sequence[Piece], width: int) -> tuple[list[Piece], int]:
    """The pieces of one line cut to `width` cells as Content.truncate(width,
    ellipsis=True) cuts them, then as Content.render splits them: each styled
    piece (span) on its own, the unstyled text between them joined, empty
    pieces dropped; a line without styled text is one unstyled piece. With
    the line's length in cells."""
    plain = "".join(text for text, _ in pieces)
    length = cell_len(plain)
    if length <= width:
        text = plain
    elif not width:
        text, length = "", 0
    else:
        head = plain[:width]
        if head.isascii() and head.isprintable():
            # one cell a character up to the cut, and one starts there (what
            # set_cell_size finds, splitting the whole line into graphemes
            # when anything after the cut is not one cell wide, as the "…"
            # of the first words is)
            text = head[:-1] + "…"
        else:
            text = set_cell_size(plain, width - 1) + "…"
        length = width
    end_of_text = len(text)
    fitted: list[Piece] = []
    gap_from = 0  # the unstyled text since the last span
    at = 0
    for piece_text, style in pieces:
        start, end = at, at + len(piece_text)
        at = end
        if style is None or start >= end_of_text or start == end:
            continue
        end = min(end, end_of_text)  # (the span reaching past the cut takes the ellipsis)
        if start > gap_from:
            fitted.append((text[gap_from:start], None))
        fitted.append((text[start:end], style))
        gap_from = end
    if not fitted:
        return [(text, None)], length
    if gap_from < end_of_text:
        fitted.append((text[gap_from:], None))
    return fitted, length


def row_strips(
    lines: Sequence[Sequence[Piece]],
    width: int,
    base: Style,
    index: int,
    styles: RowStyles,
) -> list[Strip]:
    """The row's lines, each cut to `width` and padded to it in `base`, as
    OptionList draws the option at `index` in the style `base`."""
    row = styles.of_row(base, index)
    get = row.get
    strips = []
    for line in lines:
        fitted, length = fit(line, width)
        segments = [
            Segment(text, get(style) or styles.add(row, base, style, index))
            for text, style in fitted
        ]
        if length < width:
            pad = get(None) or styles.add(row, base, None, index)
            segments.append(Segment(" " * (width - length), pad))
            length = width
        strips.append(Strip(segments, length))
    return strips
