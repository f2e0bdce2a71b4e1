"""Marks that must be read stay readable in light themes (found by hand: the
sidebar's "⧉" and "· 4 unchecked · same headline", the claims' "● to check"
and the quotes' "anonymous source" were fixed yellow, about 1.1-1.5:1
against a light theme's background)."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.segment import Segment
from textual.app import App

from reader.tui.tones import tone_variables
from reader.tui.triage.row_list import RowList
from tests.test_tui_app import make_app
from tests.test_tui_sidebar import ListApp, articles, sidebar_of
from tests.test_tui_triage import (
    CLAIMS,
    CLAIMS_ARTICLE,
    QUOTES,
    QUOTES_ARTICLE,
    ClaimsScreen,
    QuotesScreen,
)
from tests.test_tui_triage import Host as TriageHost
from tests.tui_support import settle


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


def drawn_with(app: App[object], text: str) -> list[tuple[int, Segment]]:
    """(screen row, segment) of every drawn segment holding `text`."""
    return [
        (y, segment)
        for y, strip in enumerate(app.screen._compositor.render_strips())
        for segment in strip
        if text in segment.text
    ]


@pytest.mark.parametrize("theme", ["textual-light", "solarized-light", "catppuccin-latte"])
async def test_claims_and_anonymous_sources_are_readable_in_light_themes(theme: str) -> None:
    for make, word in (
        (lambda: ClaimsScreen(CLAIMS_ARTICLE, CLAIMS, set()), "to check"),
        (lambda: QuotesScreen(QUOTES_ARTICLE, QUOTES), "anonymous source"),
    ):
        app = TriageHost(make)  # with the app's tone variables
        async with app.run_test(size=(100, 30)) as pilot:
            app.theme = theme
            await pilot.pause()
            rows = app.screen.query_one(RowList)
            cursor = rows.region.y + (rows.highlighted or 0) * rows.row_height
            found = [(y, s) for y, s in drawn_with(app, word) if y >= rows.region.y]
            assert any(y != cursor for y, _ in found)
            for y, segment in found:
                assert contrast(segment) >= (3 if y == cursor else 4.5), (word, y)


async def test_the_app_sets_tone_variables_for_the_theme() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dark = app.theme_variables["reader-warning"]
        app.theme = "textual-light"
        await pilot.pause()
        light = app.theme_variables["reader-warning"]
        assert (dark, light) == (
            tone_variables(True)["reader-warning"],
            tone_variables(False)["reader-warning"],
        )
        assert app.stylesheet.parse_style("$reader-warning").foreground.hex == light.upper()
