"""Drawing the notes panel's rows: the direct path against Textual's, in one process.

    python bench/notes_panel_rows.py [--draws 200]

A bare app with a NotesPanel of 500 notes (mixed kinds, fact-checks, first
words cut with an ellipsis) 40 cells wide and 20 lines high, its top border as
in the reader. Each draw scrolls it to a random place and draws every line
from empty row caches (the rows never drawn before, as after a change the
panel scrolls to). Measured per draw (UI CPU by thread_time, wall), the two
ways alternating:

- rows: the panel's render_line for each line (note_strips) against
  OptionList.render_line (Visual.to_strips of note_row's Content, still the
  path for anything the direct one does not draw);
- lines: the panel's render_lines (the lines under its top border handed on
  directly, TopBorderLines) against the same with Textual's styles cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from reader.annotations.drafts import PlacedNote
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind, Status
from reader.tui.widgets.notes_panel import NotesPanel
from reader.tui.widgets.top_border_lines import TopBorderLines

TEXT = "A text with a claim in it, long enough for notes and their quotes. " * 40


def notes(rng: random.Random) -> list[PlacedNote]:
    placed = []
    for _ in range(500):
        kind = rng.choice(list(Kind))
        start = rng.randrange(0, len(TEXT) - 120)
        ann = Annotation(
            "a",
            kind=kind,
            anchor=Anchor.from_text(TEXT, start, start + 40, None),
            note="checked against the ministry figures " * rng.randrange(1, 4),
            verdict=rng.choice(["true", "false", None]) if kind is Kind.FACTCHECK else None,
            status=rng.choice(list(Status)),
        )
        placed.append(PlacedNote(ann, start, start + 40, AnchorState.ANCHORED))
    return placed


class PanelApp(App[None]):
    CSS = """
    #notes { border: none; border-top: solid $panel; padding: 0; background: transparent;
             height: 20; width: 40; }
    """

    def compose(self) -> ComposeResult:
        yield NotesPanel(id="notes")


def forget(panel: NotesPanel) -> None:
    """Empty every cache of drawn rows and lines (the rows as never drawn)."""
    panel._drawn.clear()
    panel._option_render_cache.clear()
    panel._styles_cache.clear()
    panel._direct_lines = None
    for option in panel._options:
        rows = option.prompt
        rows._pieces = None  # type: ignore[union-attr]
        rows._content = None  # type: ignore[union-attr]


async def run(draws: int) -> None:
    rng = random.Random(4)
    app = PanelApp()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes(notes(rng), True, True)
        await pilot.pause()
        height = panel.size.height
        crop = panel.region.reset_offset
        top_border_only = TopBorderLines._top_border_only

        def rows_direct() -> None:
            panel._drawing = panel._draw_state()
            try:
                for y in range(height):
                    panel.render_line(y)
            finally:
                panel._drawing = None

        def rows_usual() -> None:
            for y in range(height):
                OptionList.render_line(panel, y)

        def lines_direct() -> None:
            panel.render_lines(crop)

        def lines_usual() -> None:
            TopBorderLines._top_border_only = lambda self: False  # type: ignore[method-assign]
            try:
                panel.render_lines(crop)
            finally:
                TopBorderLines._top_border_only = top_border_only  # type: ignore[method-assign]

        ways: dict[str, Callable[[], None]] = {
            "rows direct": rows_direct,
            "rows OptionList": rows_usual,
            "lines direct": lines_direct,
            "lines styles cache": lines_usual,
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
        for draw in range(draws):
            panel.scroll_to(y=rng.randrange(0, 1000), animate=False, immediate=True)
            order = list(ways.items())
            if draw % 2:
                order.reverse()
            for name, way in order:
                forget(panel)
                c0, t0 = time.thread_time(), time.perf_counter()
                way()
                times[name].append((time.thread_time() - c0, time.perf_counter() - t0))
    print(f"{draws} draws of {height} lines of rows; load {os.getloadavg()}")
    for name, got in times.items():
        cpu = statistics.median(c for c, _ in got) * 1000
        wall = statistics.median(w for _, w in got) * 1000
        print(f"  {name:20} cpu median {cpu:6.2f} ms   wall median {wall:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=200)
    asyncio.run(run(parser.parse_args().draws))


if __name__ == "__main__":
    main()
