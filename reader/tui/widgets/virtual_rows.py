"""A list of fixed-height rows drawn through the line API (a virtual list).

It holds no object per row: a subclass says how many rows there are and
builds a row's Content when the row is drawn, so showing 10 rows or 10,000
costs the same, and redrawing one row touches only its lines. It looks and
answers keys like a Textual OptionList (highlight, hover, mouse, scrollbar).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from reader.tui.widgets.direct_lines import DirectLines
from reader.tui.widgets.steady_scrollbars import SteadyScrollbars

_CACHE_ROWS = 256  # rendered rows kept (a few screens' worth)


class VirtualRows(DirectLines, SteadyScrollbars, ScrollView, can_focus=True):
    """`row_count` rows of ROW_HEIGHT lines each; `highlighted` is the cursor
    row. Subclasses implement `row_lines` and `row_selected`."""

    ROW_HEIGHT: ClassVar[int] = 1

    # The OptionList look: these rules copy its defaults for the states a
    # row can be in (plain, highlighted with or without focus, hovered).
    DEFAULT_CSS = """
    VirtualRows {
        height: 1fr;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .virtual-rows--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-rows--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .virtual-rows--hover {
            background: $block-hover-background;
        }
        & > .virtual-rows--disabled {
            color: $text-disabled;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-rows--row",
        "virtual-rows--highlighted",
        "virtual-rows--hover",
        "virtual-rows--disabled",
    }
    # The keys of an OptionList (subclasses add theirs after these).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0
        self._hover: int | None = None
        # row -> (width, style, strips): the rows drawn lately
        self._strips: dict[int, tuple[int, Style, list[Strip]]] = {}
        # (row style, span style) -> rich style, for the theme named
        self._styles: dict[tuple[Style, Style | str | None], RichStyle] = {}
        self._styles_theme = ""
        # (width, scroll y, visual styles) while render_lines runs
        self._drawing: tuple[int, int, dict[tuple[str, ...], Style]] | None = None

    # -- for subclasses ------------------------------------------------------

    def row_lines(self, row: int) -> Sequence[Content]:
        """The lines of `row` (ROW_HEIGHT of them, each one line of text)."""
        raise NotImplementedError

    def row_selected(self, row: int) -> None:
        """enter or a click on `row`."""

    def row_enabled(self, row: int) -> bool:
        """False for a row the cursor skips (a header): drawn dimmed, never
        hovered, a click on it does nothing. It can still be `highlighted`
        when set directly, as an OptionList allows."""
        return True

    @property
    def row_count(self) -> int:
        return self._count

    def set_row_count(self, count: int, highlighted: int | None) -> None:
        """The rows changed (all of them may differ): redraw what is visible."""
        self._count = max(0, count)
        self._strips.clear()
        self._hover = None
        self._update_virtual_size()
        self.highlighted = highlighted
        self.refresh()

    def grow(self, count: int) -> None:
        """Rows were added at the end; the ones shown are unchanged."""
        old, self._count = self._count, max(self._count, count)
        self._update_virtual_size()
        self._refresh_lines(old * self.ROW_HEIGHT, (self._count - old) * self.ROW_HEIGHT)

    def refresh_row(self, row: int) -> None:
        """Row `row` changed: build it again, repaint only its lines."""
        self._strips.pop(row, None)
        if 0 <= row < self._count:
            self._refresh_lines(row * self.ROW_HEIGHT, self.ROW_HEIGHT)

    def _refresh_lines(self, line: int, count: int) -> None:
        """Repaint the virtual lines from `line` on, where they are on screen."""
        size = self.size
        on_screen = Region(0, line - self.scroll_offset.y, size.width, count)
        region = on_screen.intersection(size.region)
        if region:  # (no region at all would repaint everything)
            self.refresh(region)

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, self._count * self.ROW_HEIGHT)
        if size != self.virtual_size:
            # The widget's own size does not depend on its rows: no layout
            # pass, only the scrollbars (as Widget._size_updated does with
            # layout=False; _scroll_update is private, there is no public way).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    # -- the cursor -------------------------------------------------------------

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self._count:
            return None
        return min(max(0, value), self._count - 1)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if old is not None and old != new:
            self.refresh_row(old)
        if new is not None:
            self.refresh_row(new)
            self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        row = self.highlighted
        if row is None or not self.is_mounted:
            return
        height = self.ROW_HEIGHT
        self.scroll_to_region(
            Region(0, row * height, self.scrollable_content_region.width, height),
            force=True,
            animate=False,
            immediate=True,
        )

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def _on_resize(self, event: events.Resize) -> None:
        # (no need to drop the drawn rows: each is kept with its width and
        # drawn again only if that differs, so a Resize to the same width,
        # such as the one just after the first frame, costs no row)
        self._update_virtual_size()
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        self._strips.clear()
        self._styles.clear()
        self.refresh()
        super().notify_style_update()

    # -- drawing ------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # what every line of one draw asks: read once (Widget properties and
        # visual styles cost more than a drawn row found in the cache)
        self._drawing = (self.scrollable_content_region.width, self.scroll_offset.y, {})
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        if self._drawing is None:
            width, scroll_y = self.scrollable_content_region.width, self.scroll_offset.y
        else:
            width, scroll_y, _ = self._drawing
        row, part = divmod(scroll_y + y, self.ROW_HEIGHT)
        if not 0 <= row < self._count:
            return Strip.blank(width, self._style_of("virtual-rows--row").rich_style)
        return self._row_strips(row, width)[part]

    def _style_of(self, *names: str) -> Style:
        """get_visual_style, looked up once per draw."""
        if self._drawing is None:
            return self.get_visual_style(*names)
        styles = self._drawing[2]
        style = styles.get(names)
        if style is None:
            style = styles[names] = self.get_visual_style(*names)
        return style

    def _row_style(self, row: int) -> Style:
        if not self.row_enabled(row):
            return self._style_of("virtual-rows--row", "virtual-rows--disabled")
        if row == self.highlighted:
            return self._style_of("virtual-rows--row", "virtual-rows--highlighted")
        if row == self._hover:
            return self._style_of("virtual-rows--row", "virtual-rows--hover")
        return self._style_of("virtual-rows--row")

    def _row_strips(self, row: int, width: int) -> list[Strip]:
        style = self._row_style(row)
        cached = self._strips.get(row)
        if cached is not None and cached[0] == width and cached[1] == style:
            return cached[2]
        height = self.ROW_HEIGHT
        lines = list(self.row_lines(row))[:height]
        lines += [Content("")] * (height - len(lines))
        strips = [self._line_strip(line, width, style) for line in lines]
        if len(self._strips) >= _CACHE_ROWS:
            self._strips.clear()
        self._strips[row] = (width, style, strips)
        return strips

    def _line_strip(self, line: Content, width: int, style: Style) -> Strip:
        """One line cut to `width` with an ellipsis (as text-overflow: ellipsis
        draws it) and padded, over `style`: no wrapping pass, which costs
        about as much again as the rest of drawing a row."""
        fitted = line.truncate(width, ellipsis=True, pad=True) if width > 0 else Content("")
        segments = self._plain_segments(fitted, style)
        if segments is None:
            # the style parser Visual.to_strips gives Content (private; no public one)
            get_style = self._get_style
            segments = [
                Segment(text, part.rich_style) for text, part in fitted.render(style, "", get_style)
            ]
        return Strip(segments, max(0, width))

    def _plain_segments(self, line: Content, base: Style) -> list[Segment] | None:
        """The segments Content.render gives `line` over `base`, for a line
        whose spans do not overlap (as Content.assemble makes them; else None),
        with each (base, span style) pair's rich style looked up once per
        theme instead of parsed and combined again for every row drawn."""
        text, spans = line.plain, line.spans
        theme = self.app.theme
        if theme != self._styles_theme:
            self._styles.clear()
            self._styles_theme = theme
        styles = self._styles
        segments: list[Segment] = []
        at = 0
        for start, end, span_style in spans:
            if start < at:
                return None  # overlapping spans: Content.render combines them
            if end <= start:
                continue
            if start > at:
                segments.append(Segment(text[at:start], self._combined(base, None)))
            rich = styles.get((base, span_style))
            if rich is None:
                rich = self._combined(base, span_style)
            segments.append(Segment(text[start:end], rich))
            at = end
        if at < len(text) or not segments:
            segments.append(Segment(text[at:], self._combined(base, None)))
        return segments

    def _combined(self, base: Style, span_style: Style | str | None) -> RichStyle:
        """The rich style of `span_style` over `base` (None: `base` alone), as
        Content.render combines them (cached until the theme or CSS changes)."""
        key = (base, span_style)
        rich = self._styles.get(key)
        if rich is None:
            if span_style is None:
                combined = Style.combine([base])
            else:
                parsed = (
                    span_style if isinstance(span_style, Style) else self._get_style(span_style)
                )
                combined = Style.combine([base, parsed])
            rich = self._styles[key] = combined.rich_style
        return rich

    # -- keys --------------------------------------------------------------------

    def _enabled_from(self, row: int, step: int) -> int | None:
        """The first enabled row from `row` on (itself included) going by
        `step` (1 or -1), or None if there is none that way."""
        row = min(max(0, row), self._count - 1)
        while 0 <= row < self._count:
            if self.row_enabled(row):
                return row
            row += step
        return None

    def _move_to(self, row: int, step: int) -> None:
        """Highlight the enabled row nearest `row` going by `step`, else keep the cursor."""
        if self._count:
            found = self._enabled_from(row, step)
            if found is not None:
                self.highlighted = found

    def action_cursor_down(self) -> None:
        row = self.highlighted
        self._move_to(0 if row is None else row + 1, 1)

    def action_cursor_up(self) -> None:
        row = self.highlighted
        if row is None:
            self._move_to(0, 1)
        else:
            self._move_to(row - 1, -1)

    def action_first(self) -> None:
        self._move_to(0, 1)

    def action_last(self) -> None:
        self._move_to(self._count - 1, -1)

    def _move_page(self, direction: int) -> None:
        """About one screen of lines up or down, as an OptionList does."""
        if self.highlighted is None:
            self.action_first() if direction < 0 else self.action_last()
            return
        lines = self.highlighted * self.ROW_HEIGHT
        page = self.scrollable_content_region.height
        target = min(max(0, (lines + direction * page) // self.ROW_HEIGHT), self._count - 1)
        found = self._enabled_from(target, direction)
        if found is None:  # only disabled rows past the target: the nearest before it
            found = self._enabled_from(target, -direction)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.row_selected(self.highlighted)

    # -- mouse -------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = (self.scroll_offset.y + offset.y) // self.ROW_HEIGHT
        return row if 0 <= row < self._count else None

    async def _on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is not None and self.row_enabled(row):
            self.highlighted = row
            self.row_selected(row)

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        self._set_hover(row if row is not None and self.row_enabled(row) else None)

    def _on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            old, self._hover = self._hover, row
            for changed in (old, row):
                if changed is not None:
                    self.refresh_row(changed)
