"""The reading view: a read-only TextArea with a visible cursor, soft wrap,
and entity highlights fed through its public `get_line` hook."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import pairwise
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import TextArea
from textual.widgets.text_area import WrappedDocument

from reader.entities.model import Entity, Label
from reader.tui.entity_styles import entity_style
from reader.tui.fast_wrap import faster
from reader.tui.text_layout import (
    Span,
    line_starts,
    location_to_offset,
    offset_to_location,
)
from reader.tui.widgets.direct_lines import DirectLines
from reader.tui.widgets.row_sections import row_sections
from reader.tui.widgets.steady_scrollbars import SteadyScrollbars

_PLAIN = "plain"  # in a drawn line's cache key: drawn as if nothing were selected
_CURSOR = "cursor"  # in its place, then the column: drawn with the cursor alone

# TextArea actions that would edit the text: never offered in the reading view.
_EDITING_ACTIONS = frozenset(
    {
        "delete_left",
        "delete_right",
        "delete_word_left",
        "delete_word_right",
        "delete_line",
        "delete_to_start_of_line",
        "delete_to_end_of_line",
        "delete_to_end_of_line_or_delete_line",
        "cut",
        "paste",
        "undo",
        "redo",
    }
)


class ArticleView(DirectLines, SteadyScrollbars, TextArea):
    """Shows one article. The text is display-safe and has the same length as
    the article text, so every entity/annotation offset lines up."""

    # The constant parts of a plain line's cache key while render_lines runs.
    _draw_key: tuple[tuple[object, ...], tuple[object, ...]] | None = None
    # (TextArea theme, app theme) the theme's CSS fallbacks were applied for
    _css_for: tuple[object, str] | None = None

    HELP_AREA = "Article"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "cursor_left", "Left", show=False, id="reader.article.cursor_left"),
        Binding("j", "cursor_down", "Down", show=False, id="reader.article.cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="reader.article.cursor_up"),
        Binding("l", "cursor_right", "Right", show=False, id="reader.article.cursor_right"),
        Binding(
            "w", "cursor_word_right", "Next word", show=False, id="reader.article.cursor_word_right"
        ),
        Binding(
            "b",
            "cursor_word_left",
            "Previous word",
            show=False,
            id="reader.article.cursor_word_left",
        ),
        Binding("g", "cursor_top", "Top", show=False, id="reader.article.cursor_top"),
        Binding("G", "cursor_bottom", "Bottom", show=False, id="reader.article.cursor_bottom"),
        Binding(
            "right_square_bracket", "next_entity", "Next entity", id="reader.article.next_entity"
        ),
        Binding(
            "left_square_bracket",
            "previous_entity",
            "Prev entity",
            id="reader.article.previous_entity",
        ),
        Binding("v", "toggle_selecting", "Select", id="reader.article.toggle_selecting"),
        Binding(
            "s",
            "select_sentence",
            "Select sentence",
            show=False,
            id="reader.article.select_sentence",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            read_only=True,
            soft_wrap=True,
            show_cursor=True,
            tab_behavior="focus",
        )
        self.cursor_blink = False
        # The cursor-line style would repaint entity colours on that line.
        self.highlight_cursor_line = False
        self.article_id: str | None = None
        self._starts: list[int] = [0]
        self._entities: list[Entity] = []
        self._by_line: dict[int, list[Span]] = {}
        self._hidden: frozenset[Label] = frozenset()
        self._dark = True
        self._tag_styles = {label.value: entity_style(label, True) for label in Label}
        self.selecting = False
        self._text: str | None = None

    # -- content -----------------------------------------------------------------

    def show_text(self, article_id: str, text: str) -> None:
        """Show `text` (already display-safe, "\\n"-only lines) from the top."""
        self.article_id = article_id
        self._entities = []
        self._by_line = {}
        self.selecting = False
        self._starts = line_starts(text)
        self.load_text(text)  # (the cursor goes to (0, 0): TextArea._set_document)
        self.scroll_home(animate=False)

    # TextArea keeps its soft wrap here; the same wrap, computed faster (a 1 MB
    # article: ~0.55 s to ~0.1 s), with a height that costs nothing per drawn line
    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._wrapped

    @wrapped_document.setter
    def wrapped_document(self, value: WrappedDocument) -> None:
        self._wrapped = faster(value)

    # TextArea.render_line asks `self.text` (a join of every line) for each
    # line it draws; the reading view never edits, so the join is cached.
    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.document.text
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def load_text(self, text: str) -> None:
        self._text = None
        super().load_text(text)

    def _refresh_size(self) -> None:
        # TextArea sets `virtual_size` for each new text, a reactive that asks
        # for a layout of the whole screen (a reflow, every scrollbar repainted,
        # and a second frame). The view's own size does not depend on its text;
        # only its scrollbar does, updated here as a layout would (private
        # _scroll_update, as VirtualRows does; textual pinned). A scrollbar
        # that appears or goes still asks for the layout it needs (its
        # visibility is a layout reactive).
        # The text or its wrap changed: every line is repainted (the layout
        # did that), past the reading view's repaint of the selection's rows
        # alone (Widget.refresh: the whole widget).
        if not self.soft_wrap:
            super()._refresh_size()
            return
        size = Size(0, self.wrapped_document.height)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        Widget.refresh(self)

    def _on_resize(self, event: events.Resize) -> None:
        # TextArea (whose _on_resize runs after this one) re-wraps the whole
        # document on every resize; a 1 MB article takes ~0.3 s to wrap, so
        # stop it when the wrap width did not change.
        if self.wrapped_document._width == self.wrap_width:
            event.prevent_default()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Text shown before the first layout (the first article, at start-up)
        # was wrapped at a width of 0, and the Resize that re-wraps it arrives
        # after the first frame: that frame showed unwrapped lines, then the
        # whole view was drawn again. Re-wrapped here, it is drawn once, right.
        if self.wrapped_document._width != self.wrap_width:
            self._rewrap_and_refresh_virtual_size()
        # the parts of a plain line's cache key that hold for a whole draw,
        # read once (Widget.size alone costs more than a cached line)
        self._draw_key = self._plain_key_parts()
        try:
            # TextArea.render_lines: the theme's CSS fallbacks, then the lines.
            # It applies them on every draw (~1 ms: every repaint empties the
            # component styles they are read from); applied here only when the
            # CSS (notify_style_update), the theme object or the app's theme
            # changed. TextArea._theme is private (textual pinned).
            theme = self._theme
            if theme is not None and (
                self._css_for is None
                or self._css_for[0] is not theme
                or self._css_for[1] != self.app.theme
            ):
                theme.apply_css(self)
                self._css_for = (theme, self.app.theme)
            return DirectLines.render_lines(self, crop)
        finally:
            self._draw_key = None

    def notify_style_update(self) -> None:
        self._css_for = None  # (CSS or a pseudo-class changed: apply it again)
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        # TextArea keys each drawn line on the whole selection when it soft-wraps,
        # so moving the cursor or dropping a selection (after every new note)
        # drew every visible line again. A line of a document row that neither
        # the selection, the cursor nor a matched bracket touches looks the same
        # whatever the selection is: it is cached here without it, in the same
        # private cache (textual pinned), so that clearing it (restyles) and
        # dropping keys by visual row (_restyle_lines: key[2]) apply to it too.
        if not self.soft_wrap:
            return super().render_line(y)
        absolute_y = self.scroll_offset.y + y
        try:
            # The document row of visual line y: WrappedDocument.offset_to_location
            # also finds the column (it splits the row into its wrapped sections),
            # which costs more than the cached draw; its table, read directly
            # (private), is a list lookup.
            row = self.wrapped_document._offset_to_line_info[absolute_y][0]
        except IndexError:  # below the text: drawn blank, as TextArea does
            return super().render_line(y)
        top, bottom = sorted(self.selection)
        bracket = self._matching_bracket_location
        head, tail = self._draw_key or self._plain_key_parts()
        cursor: int | None = None  # the cursor's column, where it is drawn on this row
        if bracket is not None and bracket[0] == row:
            return super().render_line(y)
        if top[0] <= row <= bottom[0]:
            # The cursor alone (no selection, no matched bracket, suggestion or
            # cursor-line style) is drawn here too: one cell styled, as
            # TextArea._render_line does; not drawn (no focus), the row is plain.
            if top != bottom or self.suggestion or self.highlight_cursor_line:
                return super().render_line(y)
            if self._draw_cursor:
                cursor = top[1]
                tail = (_CURSOR, cursor, *tail[1:])
        cache = self._line_cache
        line = cache.get((*head, absolute_y, *tail))
        if line is None:
            # this and the row's next wrapped lines down to the bottom of the
            # view at once: the row's Text is built once, not once per line
            section = self.wrapped_document._offset_to_line_info[absolute_y][1]
            below = max(0, head[0].height - 1 - y)  # visible lines below this one
            sections = row_sections(self, row, section, section + below, cursor=cursor)
            if sections is None:
                line = super().render_line(y) if cursor is not None else self._render_line(y)
                cache[(*head, absolute_y, *tail)] = line
            else:
                for n, strip in enumerate(sections):
                    cache[(*head, absolute_y + n, *tail)] = strip
                line = sections[0]
        return line

    def _plain_key_parts(self) -> tuple[tuple[object, ...], tuple[object, ...]]:
        """A plain line's cache key is head + (visual y,) + tail."""
        head = (self.size, self.scroll_offset.x)
        tail = (_PLAIN, self.theme, self.show_line_numbers, self.read_only, self.show_cursor)
        return head, tail

    def set_entities(self, entities: Sequence[Entity], by_line: dict[int, list[Span]]) -> None:
        """Highlight `entities`; `by_line` is their per-line split (see
        text_layout.spans_by_line with tag = label)."""
        entities = list(entities)
        if any(b.start < a.start for a, b in pairwise(entities)):
            entities.sort()
        self._entities = entities
        self._by_line = by_line
        self._restyle()

    def set_hidden_labels(self, hidden: Collection[Label]) -> None:
        hidden = frozenset(hidden)
        if hidden != self._hidden:  # (asked on every open: restyle only on a change)
            self._hidden = hidden
            self._restyle()

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._restyle()

    def _restyle(self) -> None:
        # The line cache keys on size/scroll/selection/theme, not on our spans.
        self._tag_styles = {
            label.value: entity_style(label, self._dark)
            for label in Label
            if label not in self._hidden
        }
        self._line_cache.clear()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        pieces = self._by_line.get(line_index)
        if pieces:
            styles = self._tag_styles  # label value -> style; hidden labels absent
            for start, end, tag in pieces:
                style = styles.get(tag)
                if style is not None:
                    line.stylize(style, start, end)
        return line

    # -- offsets -----------------------------------------------------------------

    @property
    def cursor_offset(self) -> int:
        row, column = self.cursor_location
        return location_to_offset(self._starts, row, column)

    @property
    def selection_offsets(self) -> tuple[int, int]:
        """The selection as (start, end) offsets into the article text; equal
        when nothing is selected (start = end = the cursor). For annotating."""
        a = location_to_offset(self._starts, *self.selection.start)
        b = location_to_offset(self._starts, *self.selection.end)
        return min(a, b), max(a, b)

    def move_to_offset(self, offset: int, end: int | None = None) -> None:
        """Put the cursor at `offset` (selecting up to `end` if given), centred."""
        start_loc = offset_to_location(self._starts, offset)
        if end is None:
            self.move_cursor(start_loc, center=True)
        else:
            self.move_cursor(start_loc)
            self.move_cursor(offset_to_location(self._starts, end), select=True, center=True)

    def visible_entities(self) -> list[Entity]:
        return [e for e in self._entities if e.label not in self._hidden]

    # -- actions -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _EDITING_ACTIONS:
            return False
        if action in ("next_entity", "previous_entity"):  # asked on every refresh: no list
            hidden = self._hidden
            return any(e.label not in hidden for e in self._entities) or None
        return True

    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_word_left(self, select: bool = False) -> None:
        super().action_cursor_word_left(select or self.selecting)

    def action_cursor_word_right(self, select: bool = False) -> None:
        super().action_cursor_word_right(select or self.selecting)

    def action_cursor_line_start(self, select: bool = False) -> None:
        super().action_cursor_line_start(select or self.selecting)

    def action_cursor_line_end(self, select: bool = False) -> None:
        super().action_cursor_line_end(select or self.selecting)

    def action_cursor_top(self) -> None:
        self.move_cursor((0, 0), select=self.selecting)

    def action_cursor_bottom(self) -> None:
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document.get_line(last))), select=self.selecting)

    def action_next_entity(self) -> None:
        here = self.cursor_offset
        for entity in self.visible_entities():
            if entity.start > here:
                self.move_to_offset(entity.start)
                return
        self.app.bell()

    def action_previous_entity(self) -> None:
        here = self.cursor_offset
        for entity in reversed(self.visible_entities()):
            if entity.start < here:
                self.move_to_offset(entity.start)
                return
        self.app.bell()

    def action_toggle_selecting(self) -> None:
        """v: start a selection at the cursor; again: stop (keep the selection)."""
        self.selecting = not self.selecting
        if self.selecting:
            self.move_cursor(self.cursor_location)  # drop any old selection
        self.notify(
            "Selecting: move to extend, v to stop" if self.selecting else "Selection kept",
            timeout=2,
            markup=False,
        )

    def action_select_sentence(self) -> None:
        """s: select the sentence under the cursor (reserved for annotation)."""
        text, here = self.text, self.cursor_offset
        start = here
        while start > 0 and text[start - 1] not in ".!?\n":
            start -= 1
        while start < here and text[start] in " \t":
            start += 1
        end = here
        while end < len(text) and text[end] not in ".!?\n":
            end += 1
        if end < len(text) and text[end] != "\n":
            end += 1
        self.selecting = False
        self.move_to_offset(start, end)
