"""DirectLines (see direct_lines.py) for a widget whose only border is its
top one, as the notes panel's: the border line is drawn by Textual, the
lines under it are handed to the compositor without Textual's per-line
styling pass (about 60 µs a line; the panel's lines are all new whenever
it scrolls to a changed note).

Any other style the shortcut does not draw (another border, an outline,
padding above or below, hatch, tint, opacity, a hovered link) sends the draw
through Textual's own path. tests/test_note_strips.py compares both paths.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip

from reader.tui.widgets.direct_lines import DirectLines


class TopBorderLines(DirectLines):
    """A mixin for a line-API widget (listed before the widget class)."""

    _rows_above = 1

    def _direct_ok(self) -> bool:
        return self._top_border_only()

    def _top_border_only(self) -> bool:
        """A top border and no CSS the styles cache would add to the lines
        under it but padding at the sides."""
        (top, _), (right, _), (bottom, _), (left, _) = self.styles.border
        return bool(top) and not (right or bottom or left) and self._lines_plain()

    def _textual_lines(self, crop: Region) -> list[Strip]:
        # the widget class after the mixins (OptionList for the notes panel)
        return super(DirectLines, self).render_lines(crop)  # type: ignore[misc]
