"""DirectLines (see direct_lines.py) for a widget whose only border is its
top one, as the notes panel's: the border line is drawn by Textual, the
lines under it are handed to the compositor without Textual's per-line
styling pass (about 60 µs a line; the panel's lines are all new whenever
it scrolls to a changed note).

Any other style the shortcut does not draw (another border, an outline,
padding above or below, hatch, tint, opacity, a hovered link) sends the draw
through Textual's own path. textual 8.2.8 is pinned (private: StylesCache's
inner style, line_pad); tests/test_note_strips.py compares both paths.
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


class TopBorderLines(_Base):
    """A mixin for a line-API widget (listed before the widget class)."""

    # the styles cache may hold lines from before a direct draw: emptied
    # before Textual's path is taken again
    _drew_direct = False
    # y -> (the line the widget drew, the line handed on), for `_direct_for`
    _direct_lines: dict[int, tuple[Strip, Strip]] | None = None
    _direct_for: tuple[object, ...] | None = None

    def _top_border_only(self) -> bool:
        """A top border and no CSS the styles cache would add to the lines
        under it but padding at the sides."""
        styles = self.styles
        (top, _), (right, _), (bottom, _), (left, _) = styles.border
        if not top or right or bottom or left:
            return False
        if any(edge for edge, _ in styles.outline):
            return False
        pad_top, _right, pad_bottom, _left = styles.padding
        if pad_top or pad_bottom or styles.tint.a or styles.text_opacity != 1.0:
            return False
        if self.opacity != 1.0 or (styles.has_rule("hatch") and styles.hatch != "none"):
            return False
        if self.auto_links and self.hover_style._link_id:  # (a hovered link restyled)
            return False
        return not self.BLANK

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._top_border_only():
            if self._drew_direct:
                self._drew_direct = False
                self._direct_lines = None
                self._styles_cache.clear()  # (private: lines it kept may be stale)
            return super().render_lines(crop)
        self._drew_direct = True
        # what StylesCache.render_widget and render_line do, for these styles
        base_background, background = self.background_colors
        inner, _outer = self._styles_cache.get_inner_outer(base_background, background)
        inner_style = inner.rich_style
        _top, pad_right, _bottom, pad_left = self.styles.padding
        width = self.region.width
        content_width, content_height = self.content_region.size  # (under the border)
        filters = tuple(self.get_line_filters())
        key = (inner_style, background, width, pad_left, pad_right, filters)
        kept = self._direct_lines
        if kept is None or key != self._direct_for:
            kept = self._direct_lines = {}
            self._direct_for = key
        render_line = self.render_line
        strips: list[Strip] = []
        for y in crop.line_range:
            if y == 0:  # the border (and its title): Textual's
                strips.append(super().render_lines(Region(0, 0, width, 1))[0])
                continue
            content_y = y - 1
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
