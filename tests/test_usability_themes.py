"""Marks that must be read stay readable in light themes (found by hand: the
sidebar's "⧉" and "· 4 unchecked · same headline" were fixed yellow, about
1.2-1.5:1 against a light theme's background)."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.segment import Segment

from tests.test_tui_sidebar import ListApp, articles, sidebar_of


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(segment: Segment) -> float:
    """WCAG contrast ratio of a segment's text colour against its background."""
    assert segment.style is not None and segment.style.color and segment.style.bgcolor
    high, low = sorted((luminance(segment.style.color), luminance(segment.style.bgcolor)))[::-1]
    return (high + 0.05) / (low + 0.05)


def segment_with(segments: list[Segment], text: str) -> Segment:
    return next(s for s in segments if text in s.text)


@pytest.mark.parametrize("theme", ["textual-light", "solarized-light", "catppuccin-latte"])
async def test_sidebar_triage_words_are_readable_in_light_themes(theme: str) -> None:
    items = articles(4)
    app = ListApp(items)
    async with app.run_test(size=(40, 12)) as pilot:
        app.theme = theme
        sidebar = sidebar_of(app)
        notes = {item.id: ("⧉", "3 unchecked · same headline") for item in items[:2]}
        sidebar.update_triage_notes(notes)
        await pilot.pause()
        assert sidebar.highlighted == 0
        # row 1 (lines 2-3) is a plain row: well above 3:1 on the list's background
        assert contrast(segment_with(list(sidebar.render_line(2)), "⧉")) >= 4
        assert contrast(segment_with(list(sidebar.render_line(3)), "unchecked")) >= 4
        # row 0 is highlighted: the words take the row's own text colour
        title = segment_with(list(sidebar.render_line(0)), "Title 0")
        words = segment_with(list(sidebar.render_line(1)), "unchecked")
        mark = segment_with(list(sidebar.render_line(0)), "⧉")
        assert words.style and title.style and mark.style
        assert words.style.color == title.style.color == mark.style.color
