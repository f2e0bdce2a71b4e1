"""The dimmed picture of the screen under a modal dialog, redrawn by the row.

A Textual ModalScreen with a translucent background draws the screen under
it through `BackgroundScreen`: every refresh of the modal screen, for one
changed cell or for all of them, renders the whole screen under it again and
tints every segment (10-30 ms at 120x40). The screen under a dialog changes
little while the dialog is up (its footer, a row of the notes panel) and
little between two openings of the same dialog. `DimmedRows` keeps each
row's tinted strip with the strip it was made from, renders again only the
rows the screen under said it changed (all of them when the dialog itself was
refreshed), and tints again only those whose strip changed, with Textual's
own renderable and tint (the same cells as BackgroundScreen draws).

The same rows, untinted, are the screen under as it was last drawn: when the
dialog closes, `plain_rows` gives them back (rendering again only the rows
that changed since), so the uncovered screen is drawn without rendering all
of it again (reader/tui/uncovering.py); they are kept with them, and shown
again the dialog renders only the rows the screen under drew since
(`synced`, `invalidate_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from textual.color import Color
from textual.geometry import Region
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
        # (strip under, tinted; None: to tint again)
        self._rows: list[tuple[Strip, Strip | None] | None] = []
        self._stale: set[int] | None = None  # rows to render again; None: all of them
        self._fresh = False  # the rows match the screen under as last drawn
        self._css = -1  # the app's CSS generation when the rows were rendered
        self.synced = -1  # the screen under's frames_drawn when they were (-1: unknown)
        self.synced_under: Screen[object] | None = None  # that screen

    def invalidate(self, regions: Iterable[Region] = ()) -> None:
        """The screen under changed in `regions` (none given: anywhere, or the
        dialog itself was refreshed): render those rows again on next draw."""
        rows = {y for region in regions for y in region.line_range}
        if not rows:
            self._stale = None
        elif self._fresh or self._stale is not None:
            self._stale = rows if self._fresh else self._stale | rows
        self._fresh = False

    def invalidate_rows(self, rows: Iterable[int]) -> None:
        """The screen under changed in `rows` (maybe none): render those rows
        again on next draw."""
        if self._fresh or self._stale is not None:
            self._stale = set(rows) if self._fresh else self._stale | set(rows)  # type: ignore[operator]
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
        # The screen under, as its compositor last drew it (Screen._compositor
        # and Compositor._render_chops: private, textual 8.2.8; BackgroundScreen
        # renders the same compositor, all of it).
        compositor = under._compositor
        stale = self._stale
        app = under.app
        if stale is None or self._css != app._css_update_count or None in self._rows:
            strips = dict(enumerate(compositor.render_strips()[:height]))
        else:
            wanted = sorted(y for y in stale if 0 <= y < height)
            strips = {}
            if wanted:
                band = Region(0, wanted[0], width, wanted[-1] - wanted[0] + 1)
                chops = compositor._render_chops(band, stale.__contains__)
                strips = {y: Strip.join(chops[y].values()) for y in wanted if y < len(chops)}
        self._stale = set()
        rows = self._rows
        for y, row in enumerate(rows):
            if row is not None and row[1] is None and y not in strips:
                strips[y] = row[0]  # kept by plain_rows, not tinted yet
        changed = [
            y
            for y, strip in strips.items()
            if rows[y] is None or rows[y][1] is None or rows[y][0] != strip  # type: ignore[index]
        ]
        if changed:
            visual = visualize(screen, _Tinted([strips[y] for y in changed], key[2]))
            tinted = Visual.to_strips(screen, visual, width, len(changed), screen.visual_style)
            for y, line in zip(changed, tinted, strict=False):
                rows[y] = (strips[y], line)
        self._fresh = True
        self._css = app._css_update_count
        self.synced = getattr(under, "frames_drawn", -1)
        self.synced_under = under

    def plain_rows(self, under: Screen[object], also: Iterable[int] = ()) -> list[Strip] | None:
        """Every row of `under` as it would draw them now, untinted: the rows
        kept, and those that changed since they were kept (and the rows `also`)
        rendered again; None if the kept rows cannot serve (never all rendered,
        the whole screen changed since, another size or CSS generation)."""
        width, height = under.size
        rows = self._rows
        if (
            self._key is None
            or self._key[:2] != (width, height)
            or (not self._fresh and self._stale is None)
            or self._css != under.app._css_update_count
            or None in rows
        ):
            return None
        plain = [row[0] for row in rows]  # type: ignore[index]
        stale = set(also) if self._fresh else self._stale | set(also)  # type: ignore[operator]
        wanted = sorted(y for y in stale if 0 <= y < height)
        if wanted:
            # Private API as in _update (Screen._compositor, Compositor._render_chops).
            band = Region(0, wanted[0], width, wanted[-1] - wanted[0] + 1)
            chops = under._compositor._render_chops(band, stale.__contains__)
            for y in wanted:
                plain[y] = strip = Strip.join(chops[y].values())
                if strip != rows[y][0]:  # type: ignore[index]
                    rows[y] = (strip, None)  # kept as drawn now; tinted when next shown
        # The rows are the screen under as it draws them now: once it is drawn
        # (its frames_drawn, counted before), only what it draws later is new.
        self._stale = set()
        self._fresh = False
        self.synced = getattr(under, "frames_drawn", -1)
        self.synced_under = under
        return plain
