"""Why the entity panel is a line-API list and not an OptionList: both, same run.

    python bench/entity_panel.py [--dir seeds] [--repeat 60]

What opening an article costs the panel: refilling it with the article's
entities (a header row per label, a row per entity) and drawing the next
frame. One headless app at 120x40 holds two panels side by side, 30 cells
wide like the real one: Textual's OptionList with one FixedRows option per
row (the panel's first design), and reader's EntityPanel (a VirtualRows that
builds only the rows on screen). Each is refilled in turn with the entities
of the seed articles; the median time until the next frame is drawn, wall
clock and this process's CPU time. The comparison is the ratio in one run;
the machine is shared, so absolute figures move with its load (printed).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bench.machine import machine
from reader.corpus import load_corpus
from reader.entities import entities_for
from reader.entities.model import Label
from reader.tui.entity_summary import EntityGroup, summarize
from reader.tui.widgets.entity_panel import (
    EntityPanel,
    entity_line,
    header_line,
)
from reader.tui.widgets.fixed_rows import FixedRows

Summary = Mapping[Label, list[EntityGroup]]


def option_rows(summary: Summary) -> list[Option]:
    """The same rows as OptionList options (as the first panel built them)."""
    options: list[Option] = []
    for label, groups in summary.items():
        options.append(Option(FixedRows(header_line(label, groups, True)), disabled=True))
        for group in groups:
            options.append(Option(FixedRows(entity_line(group, None, True))))
    return options or [Option(Content("No entities found"), disabled=True)]


class Panels(App[None]):
    CSS = """
    OptionList, EntityPanel { width: 30; height: 1fr; border: none; padding: 0 1; }
    OptionList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList()
            yield EntityPanel()


async def next_frame(app: App[None]) -> None:
    drawn = asyncio.Event()
    app.call_after_refresh(drawn.set)
    await drawn.wait()


async def timed(app: App[None], fill: Callable[[Summary], None], summaries: list[Summary], n: int):
    walls: list[float] = []
    cpus: list[float] = []
    for k in range(n):
        wall, cpu = time.perf_counter(), time.process_time()
        fill(summaries[k % len(summaries)])
        await next_frame(app)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


async def run(summaries: list[Summary], repeat: int) -> None:
    app = Panels()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        panel = app.query_one(EntityPanel)
        fills: dict[str, Callable[[Summary], None]] = {
            "OptionList": lambda s: options.set_options(option_rows(s)),
            "EntityPanel": lambda s: panel.show_groups(s, {}, True),
        }
        results = {name: [] for name in fills}
        for _round in range(3):  # alternate, so load changes hit both
            for name, fill in fills.items():
                results[name].append(await timed(app, fill, summaries, repeat))
        for name, figures in results.items():
            wall = statistics.median(f[0] for f in figures)
            cpu = statistics.median(f[1] for f in figures)
            print(f"  {name:<12} refill+frame median {wall:6.2f} ms wall {cpu:6.2f} ms CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent.parent / "seeds")
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    print(machine())
    corpus = load_corpus(args.dir)
    summaries = [summarize(entities_for(article)) for article in corpus.articles]
    rows = [sum(len(groups) + 1 for groups in s.values()) for s in summaries]
    print(f"{len(summaries)} articles, panel rows per article: {rows}")
    asyncio.run(run(summaries, args.repeat))


if __name__ == "__main__":
    main()
