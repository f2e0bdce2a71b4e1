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
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.geometry import Region, Size
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    _Base = ScrollView
else:
    _Base = object

_Key = tuple[Size, Size, Size]


class SteadyScrollbars(_Base):
    """A mixin for a ScrollView (listed before it in the bases): a layout
    updates its scrollbars only when its size, inner size or virtual size
    differ from those they were last updated for. Private Textual hooks
    (_size_updated, _scroll_update; no public way, textual pinned)."""

    _scrollbars_for: _Key | None = None

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
