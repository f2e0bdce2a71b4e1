"""Drawing helpers shared by the triage views: safe one-line text, a window
of a long sentence around a mention, and rows built only when drawn."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from reader.corpus.sanitize import display_safe

ELLIPSIS = "…"


def flat(text: str) -> str:
    """`text` safe to draw on one line: controls made visible, newlines and
    tabs turned into spaces. Same length as `text`, so offsets stay valid."""
    return display_safe(text).replace("\n", " ").replace("\t", " ")


def squeeze(text: str) -> str:
    """`flat(text)` with runs of spaces collapsed (offsets are lost)."""
    return " ".join(flat(text).split())


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def fit(content: Content | str, width: int) -> Content:
    """`content` cut to `width` cells with an ellipsis, padded to `width`."""
    if isinstance(content, str):
        content = Content(content)
    if width <= 0:
        return Content("")
    return content.truncate(width, ellipsis=True, pad=True)


def window(
    text: str,
    width: int,
    mark: tuple[int, int] | None = None,
    style: str = "bold underline",
    base: str = "",
) -> Content:
    """`text` (display-safe, one line) in at most `width` cells; when it is too
    long, the part around `mark` (offsets into `text`) is kept, with an
    ellipsis on each side cut off. `mark` is drawn in `style`."""
    line = flat(text)
    if width <= 0:
        return Content("")
    start, end = 0, len(line)
    narrow = cell_len(line) == len(line)  # one cell per character: plain arithmetic
    if (len(line) if narrow else cell_len(line)) > width:
        focus = mark[0] if mark else 0
        start = 0 if mark is None else max(0, min(focus - width // 4, len(line) - width + 1))
        room = width - (1 if start > 0 else 0)
        if narrow:
            end = min(len(line), start + room)
            if end < len(line):
                end -= 1  # room for the closing ellipsis
        else:
            end, used = start, 0
            while end < len(line) and used + cell_len(line[end]) <= room:
                used += cell_len(line[end])
                end += 1
            if end < len(line):
                while end > start and used + 1 > room:
                    end -= 1
                    used -= cell_len(line[end])
    parts: list[str | tuple[str, str]] = []
    if start > 0:
        parts.append(ELLIPSIS)
    if mark is not None and start < mark[1] and mark[0] < end:
        a, b = max(start, mark[0]), min(end, mark[1])
        parts += [(line[start:a], base), (line[a:b], style), (line[b:end], base)]
    else:
        parts.append((line[start:end], base))
    if end < len(line):
        parts.append(ELLIPSIS)
    return Content.assemble(*parts).truncate(width, ellipsis=True)


def content_strip(
    line: Content, width: int, style: Style, parse: Callable[[str | Style], Style]
) -> Strip:
    """One line of content as a strip of exactly `width` cells, over `style`
    (no wrapping pass: much cheaper than `Content.render_strips`)."""
    segments = [
        Segment(text, part.rich_style) for text, part in fit(line, width).render(style, "", parse)
    ]
    return Strip(segments, width)


Build = Callable[[int], Sequence[Content]]


class LazyRow(Visual):
    """An OptionList prompt whose lines are built at the width it is drawn
    (rows of varying height). With `lines` given, measuring it costs nothing;
    otherwise its height is that of the lines built for the width."""

    __slots__ = ("_build", "_cache", "_lines")

    def __init__(self, build: Build, lines: int | None = None) -> None:
        self._build = build
        self._lines = lines
        self._cache: tuple[int, Sequence[Content]] | None = None

    def lines_at(self, width: int) -> Sequence[Content]:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, self._build(width))
        return self._cache[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        lines = list(self.lines_at(width))
        if self._lines is not None:
            lines = (lines + [Content("")] * self._lines)[: self._lines]
        if height is not None:
            lines = lines[:height]
        return [content_strip(line, width, style, options.get_style) for line in lines]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        if self._lines is not None:
            return self._lines
        return max(1, len(self.lines_at(width)))
