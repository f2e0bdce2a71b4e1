"""The dimmed picture of the screen under a modal dialog, redrawn by the row.

A Textual ModalScreen with a translucent background draws the screen under
it through `BackgroundScreen`: every refresh of the modal screen, for one
changed cell or for all of them, renders the whole screen under it again and
tints every segment (10-30 ms at 120x40). The screen under a dialog changes
little while the dialog is up (its footer, a row of the notes panel) and
little between two openings of the same dialog. `DimmedRows` keeps each
row's tinted strip with the strip it was made from, and tints again only the
rows whose strip changed, with Textual's own renderable and tint (the same
cells as BackgroundScreen draws).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen
from textual.strip import Strip, StripRenderable
from textual.visual import Visual, visualize

if TYPE_CHECKING:
    from textual.screen import Screen


class _Tinted:
    """Some rows of the screen under, tinted as BackgroundScreen tints them."""

    def __init__(self, strips: list[Strip], color: Color) -> None:
        self.strips = strips
        self.color = color

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        segments = console.render(StripRenderable(self.strips), options)
        return BackgroundScreen.process_segments(segments, self.color)


class DimmedRows:
    """The tinted rows of the screen under `screen` (see the module docstring)."""

    def __init__(self) -> None:
        self._key: tuple[int, int, Color] | None = None  # (width, height, tint)
        self._rows: list[tuple[Strip, Strip] | None] = []  # (strip under, tinted)
        self._fresh = False  # the rows match the screen under as last drawn

    def invalidate(self) -> None:
        """The screen under (or this one) changed somewhere: compare on next draw."""
        self._fresh = False

    def line(self, screen: Screen[object], under: Screen[object], y: int) -> Strip:
        """Row `y` of `under`, tinted with `screen`'s background."""
        if not self._fresh:
            self._update(screen, under)
        rows = self._rows
        if 0 <= y < len(rows) and rows[y] is not None:
            return rows[y][1]  # type: ignore[index]
        return Strip.blank(screen.size.width, screen.visual_style.rich_style)

    def _update(self, screen: Screen[object], under: Screen[object]) -> None:
        width, height = screen.size
        key = (width, height, screen.styles.background)
        if key != self._key:
            self._key = key
            self._rows = [None] * height
        # The screen under, as its compositor last drew it (Screen._compositor:
        # private, textual 8.2.8; BackgroundScreen renders the same object).
        strips = under._compositor.render_strips()[:height]
        rows = self._rows
        changed = [y for y, strip in enumerate(strips) if rows[y] is None or rows[y][0] != strip]  # type: ignore[index]
        if changed:
            visual = visualize(screen, _Tinted([strips[y] for y in changed], key[2]))
            tinted = Visual.to_strips(screen, visual, width, len(changed), screen.visual_style)
            for y, line in zip(changed, tinted, strict=False):
                rows[y] = (strips[y], line)
        for y in range(len(strips), height):
            rows[y] = None
        self._fresh = True
