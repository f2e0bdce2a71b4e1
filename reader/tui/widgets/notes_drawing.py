"""How the notes panel draws its rows: each row of a note made once by
note_strips (no Content, no Visual) and kept by what it shows, what every
line of a draw asks read once per draw, and the lines under the panel's top
border handed on without Textual's per-line styling pass (TopBorderLines).

A mixin of OptionList's drawing hooks (render_lines, render_line,
_get_option_render; private fields _line_cache, _options,
_option_to_index, _mouse_hovering_over): textual 8.2.8 is pinned;
tests/test_note_strips.py compares every path with OptionList's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.widgets.note_rows import LazyNoteRows
from reader.tui.widgets.note_strips import RowStyles, row_strips
from reader.tui.widgets.top_border_lines import TopBorderLines

if TYPE_CHECKING:
    _Base = OptionList
else:
    _Base = object


class _DrawState(NamedTuple):
    """What every line of one draw of the panel asks (see render_line)."""

    scroll_y: int
    full_width: int  # the content region's
    width: int  # the rows' (the gutter taken off)
    padding: Spacing
    direct: bool  # rows of notes drawn by note_strips
    styles: dict[tuple[str, ...], Style]  # by component classes


class DrawnNoteRows(TopBorderLines, _Base):
    """A mixin for NotesPanel (listed before OptionList)."""

    def _init_drawing(self) -> None:
        # Drawn rows by (row content, style, width): see _get_option_render.
        self._drawn: dict[tuple[object, ...], tuple[int, list[Strip]]] = {}
        self._drawing: _DrawState | None = None  # set while render_lines runs
        self._row_styles = RowStyles(self._get_style)
        self._row_styles_theme = ""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_styles.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # what every line of one draw asks, read once (see render_line)
        self._update_lines()  # (OptionList's, again in super: then a no-op)
        self._drawing = self._draw_state()
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def _draw_state(self) -> _DrawState:
        theme = self.app.theme
        if theme != self._row_styles_theme:  # ($error, ...: the theme's)
            self._row_styles.clear()
            self._drawn.clear()
            self._row_styles_theme = theme
        styles = self.styles
        full_width = self.scrollable_content_region.width
        width = full_width - self._get_left_gutter_width()
        padding = self.get_component_styles("option-list--option").padding
        direct = (
            width > 0
            and not padding
            and styles.text_wrap == "nowrap"
            and styles.text_overflow == "ellipsis"
            and styles.text_align in ("left", "start")
            and not styles.line_pad
            and styles.content_align == ("left", "top")
            and self.text_selection is None
        )
        return _DrawState(self.scroll_offset.y, full_width, width, padding, direct, {})

    def render_line(self, y: int) -> Strip:
        # OptionList.render_line, for the rows of notes (LazyNoteRows), with
        # what it looks up per line read once per draw, and a row never drawn
        # before made by note_strips (no Content, no Visual). Anything else
        # (a message row, a selection, other CSS): OptionList's own path.
        # textual 8.2.8 is pinned (private: _line_cache, _options,
        # _mouse_hovering_over); tests/test_note_strips.py compares the paths.
        state = self._drawing or self._draw_state()
        lines = self._line_cache.lines
        line_number = state.scroll_y + y
        if not state.direct or line_number >= len(lines):
            return super().render_line(y)
        index, line_offset = lines[line_number]
        option = self._options[index]
        prompt = option.prompt
        if not isinstance(prompt, LazyNoteRows) or option.disabled or option._divider:
            return super().render_line(y)
        if self.highlighted == index:
            names: tuple[str, ...] = ("option-list--option", "option-list--option-highlighted")
        elif self._mouse_hovering_over == index:
            names = ("option-list--option", "option-list--option-hover")
        else:
            names = ("option-list--option",)
        style = state.styles.get(names)
        if style is None:
            style = state.styles[names] = self.get_visual_style(*names)
        key = (prompt, style, state.padding, state.full_width)
        found = self._drawn.get(key)
        if found is not None and found[0] == index:
            strips = found[1]
        else:
            strips = row_strips(prompt.pieces, state.width, style, index, self._row_styles)
            self._drawn[key] = (index, strips)
        if line_offset >= len(strips):
            return super().render_line(y)
        return strips[line_offset]

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        # OptionList (private hook; textual is pinned, the snapshot tests guard
        # the look) empties its cache of drawn rows on any change to the list,
        # so after adding, editing or deleting one note every row on screen was
        # drawn again from its Content: most of the frame. Rows are kept here by
        # what they show; only the mouse meta (the row's index) is redone when
        # the row moved.
        index = self._option_to_index[option]
        padding = self.get_component_styles("option-list--option").padding
        key = (option.prompt, style, padding, self.scrollable_content_region.width)
        found = self._drawn.get(key)
        if found is None:
            strips = super()._get_option_render(option, style)
        else:
            made_for, strips = found
            if made_for == index:
                return strips
            meta = RichStyle.from_meta({"option": index})  # after the old one: it wins
            strips = [
                Strip(Segment.apply_style(list(strip), None, meta), strip.cell_length)
                for strip in strips
            ]
        self._drawn[key] = (index, strips)
        return strips
