"""Benchmark opening articles again and again, entities known (issue 3's open).

    python bench/tui_open.py [--opens 60] [--dir seeds]

The real app runs headless at 120x40 on the folder (default: the seeds) in
this interpreter. Once the corpus and its entities are in, it opens articles
one after another (each index 7 on from the last, so every one comes back
with its entities cached, as when a reader goes back and forth; a first
round opens each of them once, so a 10k folder costs no 10k first opens) and times
each open from setting `current` to the next frame drawn. Printed medians:
wall, UI-thread CPU (thread_time: least bent by a loaded machine), the watcher
alone (sync), and the CPU of the screen layout (Compositor.reflow) and of
drawing the frame (Compositor.render_update) within the open; frames: how
many frames were drawn by 0.1 s after the open (one is the least), and
cpu_0.1s: the UI-thread CPU of the open and of all it caused by then (frames
drawn after the first included; the idle loop adds ~1 ms). --count adds the
Strip objects made and the widget lines styled per open (to 0.1 s after it).
bench/tui_perf.py times the first open of each seed (extraction included).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from textual._compositor import Compositor  # noqa: E402  (private: layout and paint timed)
from textual._styles_cache import StylesCache  # noqa: E402  (private: styled lines counted)
from textual.strip import Strip  # noqa: E402

from reader.corpus import Corpus, iter_corpus  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.widgets.article_view import ArticleView  # noqa: E402

SPENT = {"layout": 0.0, "paint": 0.0, "frames": 0.0}
COUNTED = {"strips": 0, "styled_lines": 0}  # with --count: work done, not time


def _count_calls(owner: type, name: str, key: str) -> None:
    """COUNTED[key] grows by one per call of owner.name (it times nothing:
    the counts hold on a loaded machine, where times do not)."""
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        COUNTED[key] += 1
        return original(*args, **kwargs)

    setattr(owner, name, counted)


def _timed(name: str, key: str, count: bool = False) -> None:
    original: Callable[..., Any] = getattr(Compositor, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[key] += time.thread_time() - start
            if count:
                SPENT["frames"] += 1

    setattr(Compositor, name, timed)


def _opened(screen: Any, view: ArticleView, wanted: str) -> bool:
    """The article `wanted` is shown with its entities."""
    return view.article_id == wanted and screen._entity_cache.get(wanted) is not None


async def until(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.001)


async def run(root: Path, opens: int, counting: bool = False) -> dict[str, float]:
    app = ReaderApp(corpus=Corpus(root=root), source=iter_corpus(root))
    figures: dict[str, list[float]] = {
        k: [] for k in ("wall", "cpu", "sync", "layout", "paint", "frames", "cpu_0.1s", *COUNTED)
    }
    async with app.run_test(size=(120, 40)):
        screen: Any = app.screen
        await until(lambda: bool(screen.query(ArticleView)) and not screen.streaming)
        view = screen.query_one(ArticleView)
        await asyncio.sleep(1.0)
        await app.workers.wait_for_complete()
        count = len(screen.articles)
        order = [(k * 7) % count for k in range(opens)]
        warm = list(dict.fromkeys(order))  # first opens: the entities are found
        for k, index in enumerate(warm + order):
            if index == screen.current:
                index = (index + 1) % count
            for key in SPENT:
                SPENT[key] = 0.0
            for key in COUNTED:
                COUNTED[key] = 0
            cpu, wall = time.thread_time(), time.perf_counter()
            screen.current = index
            sync = time.perf_counter() - wall
            opened = partial(_opened, screen, view, screen.articles[index].id)
            await until(opened)
            drawn = asyncio.Event()
            app.call_after_refresh(drawn.set)
            await drawn.wait()
            done = (time.perf_counter() - wall, time.thread_time() - cpu)
            layout, paint = SPENT["layout"], SPENT["paint"]
            await asyncio.sleep(0.1)
            if k >= len(warm):
                for key, value in COUNTED.items():
                    figures[key].append(value)
                figures["cpu_0.1s"].append(time.thread_time() - cpu)
                figures["wall"].append(done[0])
                figures["cpu"].append(done[1])
                figures["sync"].append(sync)
                figures["layout"].append(layout)
                figures["paint"].append(paint)
                figures["frames"].append(SPENT["frames"])
    counts = ("frames", *COUNTED) if counting else ("frames",)
    out = {
        f"{k}_median_ms": statistics.median(v) * 1000
        for k, v in figures.items()
        if k not in ("frames", *COUNTED)
    }
    for key in counts:
        out[f"{key}_median"] = statistics.median(figures[key])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opens", type=int, default=60)
    parser.add_argument("--dir", type=Path, default=HERE.parent / "seeds")
    parser.add_argument(
        "--count",
        action="store_true",
        help="also count, per open, the Strip objects made and the lines styled "
        "(StylesCache.render_line) in a frame: work that no loaded machine bends "
        "(the counting itself costs a little time)",
    )
    args = parser.parse_args()
    _timed("reflow", "layout")
    _timed("render_update", "paint", count=True)
    if args.count:
        _count_calls(Strip, "__init__", "strips")
        _count_calls(StylesCache, "render_line", "styled_lines")
    print(f"load before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for key, value in asyncio.run(run(args.dir, args.opens, args.count)).items():
        print(f"  {key:22} {value:8.1f}")
    print(f"load after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
