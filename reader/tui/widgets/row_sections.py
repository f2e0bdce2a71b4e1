"""Draw every wrapped section of one TextArea document row in one pass.

TextArea._render_line draws one visual line: it builds the whole document
row's Text (our get_line: entity and note styles), divides it at the wrap
offsets, and keeps one section. A paragraph wrapped into eight lines was
built and divided eight times. For a row that no selection or matched
bracket is on (the cursor alone may be), `row_sections` draws all its sections from one Text,
as TextArea._render_line draws each of them (textual 8.2.8 is pinned; the
row-drawing test compares the two line by line).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea


def row_sections(
    area: TextArea,
    row: int,
    first: int = 0,
    last: int | None = None,
    *,
    cursor: int | None = None,
) -> list[Strip] | None:
    """The drawn visual lines `first` to `last` (inclusive; None: to the end)
    of document row `row`, top to bottom, or None where this shortcut does
    not apply (line numbers, syntax highlights, tabs, no soft wrap): the
    caller then draws the line the TextArea way.

    `cursor`: the column where the cursor is drawn on `row` (None: not on it).
    The caller makes sure no selection, matched bracket, suggestion or
    cursor-line style is on `row` (their styles are not drawn here)."""
    if not area.soft_wrap or area.show_line_numbers or area._highlights:
        return None
    document_line = area.document.get_line(row)
    if "\t" in document_line:
        return None
    theme = area._theme
    base_style = theme.base_style if theme and theme.base_style is not None else area.rich_style
    line_style = theme.base_style if theme else None

    line = area.get_line(row)
    line.tab_size = area.indent_width
    line.set_length(len(line) + 1)  # the space at the end where a cursor can rest
    if cursor is not None and theme is not None and theme.cursor_style:
        line.stylize(theme.cursor_style, cursor, cursor + 1)
    offsets = area.wrapped_document.get_offsets(row)
    sections = line.divide(offsets) if offsets else [line]

    target_width = area.scrollable_content_region.width - area.gutter_width
    console = area.app.console
    strips: list[Strip] = []
    apply_style = Segment.apply_style
    for section in sections[first : None if last is None else last + 1]:
        section.end = ""
        # one Strip where TextArea makes three (render, extend_cell_length,
        # apply_style): the same segments
        segments = list(section.render(console))
        width = section.cell_len
        if width < target_width:
            segments.append(Segment(" " * (target_width - width), line_style))
            width = target_width
        strips.append(Strip(apply_style(segments, base_style), width))
    return strips
