"""A Visual of a fixed number of lines, so a long OptionList needs no wrapping
pass to learn each option's height (10,000 rows in tens of milliseconds)."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class FixedRows(Visual):
    """`content` drawn as exactly its own lines, each cut to the width."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.lines = content.plain.count("\n") + 1

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips = self.content.render_strips(width, None, style, options)
        return strips[: self.lines if height is None else min(height, self.lines)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines

    def __str__(self) -> str:
        return self.content.plain
