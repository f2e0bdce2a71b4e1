"""A list of fixed-height rows drawn through the line API: it holds no object
per row, so opening it costs the same for ten rows or a hundred thousand.
Each row's lines are built by a callback only when the row is drawn."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from reader.tui.triage.rows import content_strip

BuildRow = Callable[[int, int], Sequence[Content]]  # (row index, width) -> lines


def _no_rows(index: int, width: int) -> Sequence[Content]:
    return ()


class RowList(ScrollView, can_focus=True):
    """`row_count` rows of `row_height` lines; a highlighted row (the cursor),
    moved with the arrows, j/k, page keys, g/G; enter or a click selects it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--row", "row-list--cursor"}
    DEFAULT_CSS = """
    RowList {
        height: 1fr; overflow-x: hidden; overflow-y: auto;
        background: $surface; color: $foreground;
        & > .row-list--cursor {
            color: $foreground; background: $block-cursor-blurred-background;
        }
        &:focus > .row-list--cursor {
            color: $block-cursor-foreground; background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", id="triage.open"),
        Binding("down,j", "cursor_down", "Down", show=False, id="triage.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="triage.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="triage.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="triage.page_up"),
        Binding("home,g", "first", "First", show=False, id="triage.first"),
        Binding("end,G", "last", "Last", show=False, id="triage.last"),
    ]

    highlighted: reactive[int | None] = reactive(None)

    @dataclass
    class Selected(Message):
        """enter or a click on row `index`."""

        row_list: RowList
        index: int

        @property
        def control(self) -> RowList:
            return self.row_list

    @dataclass
    class Highlighted(Message):
        """The cursor moved to row `index` (None: no rows)."""

        row_list: RowList
        index: int | None

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, row_height: int = 1, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_height = max(1, row_height)
        self._count = 0
        self._build: BuildRow = _no_rows
        self._cache: LRUCache[tuple[int, int, Style], list[Strip]] = LRUCache(256)

    @property
    def row_count(self) -> int:
        return self._count

    def set_rows(self, count: int, build: BuildRow, highlighted: int | None = 0) -> None:
        """Show `count` rows whose lines `build(index, width)` gives."""
        self._count = max(0, count)
        self._build = build
        self._cache.clear()
        self.virtual_size = Size(0, self._count * self.row_height)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.set_reactive(RowList.highlighted, None)
        self.highlighted = None if not self._count or highlighted is None else highlighted
        self.refresh()

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self._count:
            return None
        return min(max(0, value), self._count - 1)

    def watch_highlighted(self, value: int | None) -> None:
        if value is not None and self.is_mounted:
            self.scroll_to_region(
                Region(0, value * self.row_height, 1, self.row_height),
                animate=False,
                force=True,
                immediate=True,
            )
        self.refresh()
        self.post_message(self.Highlighted(self, value))

    def on_resize(self) -> None:
        self._cache.clear()
        if self.highlighted is not None:
            self.watch_highlighted(self.highlighted)

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, part = divmod(line, self.row_height)
        if index >= self._count:
            return Strip.blank(width, self.get_visual_style("row-list--row").rich_style)
        return self._row_strips(index, width)[part]

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        cursor = index == self.highlighted
        style = self.get_visual_style("row-list--cursor" if cursor else "row-list--row")
        key = (index, width, style)
        strips = self._cache.get(key)
        if strips is None:
            lines = list(self._build(index, width))[: self.row_height]
            lines += [Content("")] * (self.row_height - len(lines))
            # no per-row meta: a click finds its row from the offset (_on_click)
            parse = self._cursor_style if cursor else self._get_style
            strips = [content_strip(line, width, style, parse) for line in lines]
            self._cache[key] = strips
        return strips

    def _cursor_style(self, style: str | Style) -> Style:
        """A span's style on the cursor row: tones ($reader-warning, ...) take
        the cursor's own text colour (a tone chosen for the list's background
        can be unreadable on the cursor's); the rest as elsewhere."""
        parsed = self._get_style(style)
        if isinstance(style, str) and "$reader-" in style:
            return replace(parsed, foreground=None)
        return parsed

    # -- keys and mouse ------------------------------------------------------

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def _move(self, delta: int) -> None:
        if self._count:
            current = self.highlighted if self.highlighted is not None else -1
            self.highlighted = current + delta if current >= 0 else 0

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_first(self) -> None:
        if self._count:
            self.highlighted = 0

    def action_last(self) -> None:
        if self._count:
            self.highlighted = self._count - 1

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // self.row_height
        if 0 <= index < self._count:
            self.highlighted = index
            self.post_message(self.Selected(self, index))
