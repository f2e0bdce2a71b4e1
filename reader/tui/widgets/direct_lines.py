"""Lines handed to the compositor without Textual's per-line styling pass,
when the only CSS it would add is padding at the sides.

Textual passes every line a widget draws through its styles cache
(StylesCache.render_line: border, padding, hatch, tint, opacity, a copy of
the line) and then through the app's line filters. For a widget with no
border, outline, hatch, tint or opacity, that pass pads the line to the
content width and at the sides, and copies it: about a sixth of a frame
for the reading view and the entities panel, whose lines are all new when
an article opens. `DirectLines.render_lines` does just that (pad, filters,
crop), and keeps, per line, the line it handed on with the line the widget
drew: a line drawn from the widget's own cache (TextArea's line cache,
VirtualRows' rows) is handed on as before, at the cost of a lookup.

Any style the shortcut does not draw (border, outline, padding above or
below, hatch, tint, opacity, a hovered link) sends the draw through
Textual's own path. textual 8.2.8 is pinned (private: StylesCache's
inner style, line_pad); the test compares both paths line by line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual._segment_tools import line_pad
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


class DirectLines(_Base):
    """A mixin for a line-API widget (listed before the widget class)."""

    # the styles cache may hold lines from before a direct draw: emptied
    # before Textual's path is taken again
    _drew_direct = False
    # y -> (the line the widget drew, the line handed on), for `_direct_for`
    _direct_lines: dict[int, tuple[Strip, Strip]] | None = None
    _direct_for: tuple[object, ...] | None = None

    # rows at the top that Textual draws (a subclass's top border: TopBorderLines)
    _rows_above = 0

    def _direct_ok(self) -> bool:
        """No CSS that the styles cache would add to the drawn lines but
        padding at the sides."""
        return not any(edge for edge, _ in self.styles.border) and self._lines_plain()

    def _lines_plain(self) -> bool:
        """No outline, padding above or below, tint, opacity, hatch or hovered
        link: nothing the styles cache would add to a line but side padding
        (and borders, which `_direct_ok` decides on)."""
        styles = self.styles
        if any(edge for edge, _ in styles.outline):
            return False
        top, _right, bottom, _left = styles.padding
        if top or bottom or styles.tint.a or styles.text_opacity != 1.0:
            return False
        if self.opacity != 1.0 or (styles.has_rule("hatch") and styles.hatch != "none"):
            return False
        if self.auto_links and self.hover_style._link_id:  # (a hovered link restyled)
            return False
        return not self.BLANK

    def _textual_lines(self, crop: Region) -> list[Strip]:
        """The lines as Textual's own path draws them."""
        return Widget.render_lines(self, crop)

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._direct_ok():
            if self._drew_direct:
                self._drew_direct = False
                self._direct_lines = None
                self._styles_cache.clear()  # (private: lines it kept may be stale)
            return self._textual_lines(crop)
        self._drew_direct = True
        # what StylesCache.render_widget and render_line do, for these styles
        base_background, background = self.background_colors
        inner, _outer = self._styles_cache.get_inner_outer(base_background, background)
        inner_style = inner.rich_style
        _top, pad_right, _bottom, pad_left = self.styles.padding
        width, height = self.region.size
        above = self._rows_above
        content_width = width - pad_left - pad_right
        content_height = height - above
        filters = tuple(self.get_line_filters())
        key = (inner_style, background, width, pad_left, pad_right, filters)
        kept = self._direct_lines
        if kept is None or key != self._direct_for:
            kept = self._direct_lines = {}
            self._direct_for = key
        render_line = self.render_line
        strips: list[Strip] = []
        for y in crop.line_range:
            if y < above:  # a top border (and its title): Textual's
                strips.append(self._textual_lines(Region(0, y, width, 1))[0])
                continue
            content_y = y - above
            if content_y < content_height:
                drawn = render_line(content_y)
            else:
                drawn = Strip.blank(content_width, inner_style)
            last = kept.get(y)
            if last is not None and last[0] is drawn:
                strips.append(last[1])
                continue
            line = drawn.adjust_cell_length(content_width, inner_style)
            if pad_left or pad_right:
                line = Strip(line_pad(line, pad_left, pad_right, inner_style), width)
            for line_filter in filters:
                line = line.apply_filter(line_filter, background)
            kept[y] = (drawn, line)
            strips.append(line)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips
