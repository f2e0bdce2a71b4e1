"""Why the sidebar is a line-API list and not an OptionList: both, same run.

    python bench/sidebar_rows.py [--rows 10000] [--repeat 15]

One headless app at 120x40 holds a sidebar of N two-line article rows, built
two ways: Textual's OptionList with one two-line Option per article (the
first design, rows of a fixed height so no wrapping pass runs), and reader's
ArticleList (a ScrollView drawing only the rows on screen). For each, the
median and worst time until the next frame, wall clock and this process's CPU
time, of:

- filter: showing every second row, then all rows again (a filter keystroke
  that changes the matches);
- one_row: changing one row's text (a saved note updates its count).

The comparison is the ratio in one run; the machine is shared, so absolute
figures move with its load (printed).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bench.machine import machine
from reader.corpus.article import UNKNOWN, Article, MetaField, Provenance
from reader.tui.widgets.article_list import ArticleList, article_row
from reader.tui.widgets.fixed_rows import FixedRows


def make_articles(count: int) -> list[Article]:
    return [
        Article(
            id=f"{n:05d}.txt",
            path=Path(f"{n:05d}.txt"),
            text=f"Headline number {n} about the offensive\n\nBody {n}.",
            text_hash=str(n),
            title=MetaField(f"Headline number {n} about the offensive", Provenance.TEXT),
            outlet=UNKNOWN,
        )
        for n in range(count)
    ]


def option_of(article: Article, notes: int) -> Option:
    title, detail = article_row(article, notes)
    return Option(FixedRows(Content.assemble(title, "\n", detail)), id=article.id)


class Bench(App[None]):
    def __init__(self, articles: list[Article], kind: str) -> None:
        super().__init__()
        self.articles = articles
        self.kind = kind

    def compose(self) -> ComposeResult:
        if self.kind == "optionlist":
            yield OptionList(*(option_of(a, 0) for a in self.articles))
        else:
            yield ArticleList()

    def on_mount(self) -> None:
        if self.kind != "optionlist":
            self.query_one(ArticleList).add_articles(self.articles, range(len(self.articles)), {})


async def timed(app: App[None], change: Callable[[], None]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    change()
    drawn = asyncio.Event()
    app.call_after_refresh(drawn.set)
    await drawn.wait()
    return time.perf_counter() - wall, time.process_time() - cpu


async def measure(kind: str, articles: list[Article], repeat: int) -> dict[str, list]:
    app = Bench(articles, kind)
    every_second = range(0, len(articles), 2)
    everything = range(len(articles))
    results: dict[str, list] = {"filter": [], "one_row": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if kind == "optionlist":
            widget = app.query_one(OptionList)
            all_options = [option_of(a, 0) for a in articles]

            def show(indices: range) -> None:
                widget.set_options([all_options[i] for i in indices])

            def one_row(n: int) -> None:
                article = articles[n % 20]
                widget.replace_option_prompt(article.id, option_of(article, n).prompt)
        else:
            sidebar = app.query_one(ArticleList)

            def show(indices: range) -> None:
                sidebar.show_indices(indices)

            def one_row(n: int) -> None:
                sidebar.set_counts(articles[n % 20].id, n, 0)

        for n in range(repeat):
            results["filter"].append(await timed(app, lambda: show(every_second)))
            results["filter"].append(await timed(app, lambda: show(everything)))
            results["one_row"].append(await timed(app, lambda n=n: one_row(n + 1)))
    return results


def summary(samples: list[tuple[float, float]]) -> str:
    walls = [w * 1000 for w, _ in samples]
    cpus = [c * 1000 for _, c in samples]
    return (
        f"wall median {statistics.median(walls):7.1f} max {max(walls):7.1f} ms · "
        f"cpu median {statistics.median(cpus):7.1f} max {max(cpus):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(machine())
    articles = make_articles(args.rows)
    medians: dict[tuple[str, str], float] = {}
    for kind in ("optionlist", "articlelist"):
        results = asyncio.run(measure(kind, articles, args.repeat))
        for what, samples in results.items():
            print(f"{kind:12} {what:8} {summary(samples)}")
            medians[kind, what] = statistics.median(c for _, c in samples)
    for what in ("filter", "one_row"):
        ratio = medians["optionlist", what] / max(medians["articlelist", what], 1e-9)
        print(f"{what}: OptionList / ArticleList CPU median = {ratio:.1f}x")


if __name__ == "__main__":
    main()
