"""Scrollbars that are not repainted by a screen layout that leaves them as they are.

Textual's ScrollView, on every layout of the screen, compares the size of the
region it sits in with its own inner size (they differ whenever it has a
border or padding, or shares its pane) and, finding them different, updates
and repaints its scrollbars. A repaint asked for during a layout is drawn in a
frame of its own, after the layout's: every article open that changed the
header height (or showed a scrollbar in the entities panel) drew a second
frame with every scrollbar of the screen in it (~5 ms), though none changed.
And a scrollbar that gets another height (a taller header above the reading
view) asked for a second layout of the screen: a layout sets each widget's
virtual size, a layout reactive, to its region's size; a scrollbar's is set
here first (it draws nothing from it), so the layout finds it unchanged.

Each scrollbar is a `SteadyScrollBar`: what it drew is kept, keyed on all it
draws from (size, thumb, position, colours, theme), so a scrollbar that shows
what it showed before (another article of the same length, the entities panel
back at the same number of rows) costs no Rich render and no styled lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.widgets.direct_lines import DirectLines

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    _Base = ScrollView
else:
    _Base = object

_Key = tuple[Size, Size, Size]

_DRAWN_KEPT = 8  # scrollbar drawings kept per scrollbar


class SteadyScrollBar(DirectLines, ScrollBar):
    """A ScrollBar that keeps its last few drawings (render_lines results),
    keyed on everything they are drawn from; a new one is drawn without
    Textual's per-line styling pass (DirectLines)."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1):
        super().__init__(vertical, name, thickness=thickness)
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}

    def _drawn_key(self, crop: Region) -> tuple[object, ...]:
        # render() is cheap (no Rich rendering): it reads the thumb and the
        # colours, as ScrollBar draws them; the rest is what the styled lines
        # (StylesCache) and the line filters add.
        bar = self.render()
        app = self.app
        return (
            crop,
            self.size,
            type(bar),
            getattr(bar, "virtual_size", None),
            getattr(bar, "window_size", None),
            getattr(bar, "position", None),
            getattr(bar, "thickness", None),
            getattr(bar, "vertical", None),
            getattr(bar, "style", None),
            self.background_colors,
            self.opacity,
            app.theme,
            app.ansi_theme,
            tuple(self.get_line_filters()),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        key = self._drawn_key(crop)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = super().render_lines(crop)
            if len(self._drawn) >= _DRAWN_KEPT:
                self._drawn.clear()
            self._drawn[key] = drawn
        return drawn

    def notify_style_update(self) -> None:
        self._drawn.clear()  # (its own CSS changed: tint, background, ...)
        super().notify_style_update()


class SteadyScrollbars(_Base):
    """A mixin for a ScrollView (listed before it in the bases): a layout
    updates its scrollbars only when its size, inner size or virtual size
    differ from those they were last updated for. Private Textual hooks
    (_size_updated, _scroll_update; no public way, textual pinned)."""

    _scrollbars_for: _Key | None = None

    # Widget.vertical_scrollbar / horizontal_scrollbar with a SteadyScrollBar
    # (they make a ScrollBar, with no hook for its class: the private
    # attributes and App._start_widget they use are used as they do them).
    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return self._steady_scrollbar(vertical=True)

    @property
    def horizontal_scrollbar(self) -> ScrollBar:
        return self._steady_scrollbar(vertical=False)

    def _steady_scrollbar(self, vertical: bool) -> ScrollBar:
        attribute = "_vertical_scrollbar" if vertical else "_horizontal_scrollbar"
        bar = getattr(self, attribute)
        if bar is None:
            bar = SteadyScrollBar(
                vertical=vertical,
                name="vertical" if vertical else "horizontal",
                thickness=self.scrollbar_size_vertical
                if vertical
                else self.scrollbar_size_horizontal,
            )
            bar.display = False
            setattr(self, attribute, bar)
            self.app._start_widget(self, bar)
        return bar

    def _scrollbar_key(self, size: Size) -> _Key:
        return size, size - self.styles.gutter.totals, self.virtual_size

    def _scroll_update(self, virtual_size: Size) -> None:
        super()._scroll_update(virtual_size)
        # what the scrollbars were just computed from (Widget._size_updated
        # sets _size first, ScrollView too; direct calls keep the old size)
        self._scrollbars_for = self._scrollbar_key(self._size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        if size == self._size and self._scrollbars_for == self._scrollbar_key(size):
            # nothing the scrollbars show changed: ScrollView would update them
            # to the same values; its answer (send a Resize?) is kept
            return self._container_size != container_size
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _arrange_scrollbars(self, region: Region) -> Iterable[tuple[Widget, Region]]:
        # the compositor gives each scrollbar `region.size` as its virtual size
        arranged = list(super()._arrange_scrollbars(region))
        for bar, _bar_region in arranged:
            bar.set_reactive(Widget.virtual_size, region.size)
        return arranged
