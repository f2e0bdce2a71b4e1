"""Benchmark opening the triage views with many rows (headless Textual).

    python bench/tui_triage.py [--sizes 1000,5000,20000] [--repeat 3]

For each size (0: the fixed cost of any such screen): the time from
`push_screen(TimelineScreen(...))` until the screen is mounted and its first
frame composed (target: 200 ms at thousands of entries), the time to jump to
the last row (G), and to apply a one-letter filter; then a CompareScreen of
two long articles and a ClaimsScreen of 1,000 claims. Prints medians in
milliseconds, wall clock and this process's CPU time (the machine is shared:
wall time includes waiting for other processes), and the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App
from textual.screen import Screen

from reader.corpus.article import Article, MetaField, Provenance
from reader.triage.claims import Claim
from reader.triage.compare import compare_articles
from reader.triage.sentences import Sentence
from reader.triage.timeline import TimelineEntry, parse_value, sort_key
from reader.tui.triage import ClaimsScreen, CompareScreen, TimelineScreen


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def entries(count: int) -> list[TimelineEntry]:
    out = []
    for n in range(count):
        value = (
            f"{1990 + n % 35}-{1 + n % 12:02d}-{1 + n % 28:02d}" if n % 3 else f"{1990 + n % 35}"
        )
        first_day, precision = parse_value(value)  # type: ignore[misc]
        text = f"Officials said event number {n} took place on {value}, " + "far away " * 12
        start = text.index(value)
        sentence = Sentence(0, len(text), text)
        out.append(
            TimelineEntry(
                value, precision, first_day, f"a{n % 500}.txt", start, start + 10, value, sentence
            )
        )
    out.sort(key=sort_key)
    return out


def article(article_id: str, sentences: int, seed: int) -> Article:
    text = "A Long Article\n\n" + " ".join(
        f"Sentence {n} says that {n * seed % 97} tanks moved near town {n % 13}."
        for n in range(sentences)
    )
    return Article(
        article_id,
        Path(article_id),
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        MetaField("A Long Article", Provenance.TEXT, (0, 14)),
    )


class Host(App[None]):
    pass


async def time_screen(make, keys: tuple[str, ...] = ()) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Open `make()` on a host that has already shown (and closed) one such
    screen, so one-off costs (CSS, first footer) are not counted."""
    app = Host()
    times: dict[str, float] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await app.push_screen(make())
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen: Screen = make()
        start, cpu = time.perf_counter(), time.process_time()
        await app.push_screen(screen)
        await pilot.pause()
        app.screen._compositor.render_strips()
        times["open"] = (time.perf_counter() - start) * 1000
        times["open cpu"] = (time.process_time() - cpu) * 1000
        for key in keys:
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()
            app.screen._compositor.render_strips()
            times[key] = (time.perf_counter() - start) * 1000
            times[f"{key} cpu"] = (time.process_time() - cpu) * 1000
    return times


def report(name: str, runs: list[dict[str, float]]) -> None:
    parts = [f"{k} {statistics.median(r[k] for r in runs):6.0f}" for k in runs[0]]
    print(f"{name:<30} " + "  ".join(parts) + "  (ms)")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    titles = {f"a{n}.txt": f"Title of article {n}" for n in range(500)}
    for size in (0, *(int(s) for s in args.sizes.split(","))):
        data = entries(size)
        runs = [
            await time_screen(
                lambda d=data: TimelineScreen(d, titles), ("j", "G", "slash") if size else ()
            )
            for _ in range(args.repeat)
        ]
        report(f"TimelineScreen {size} entries", runs)
    left, right = article("l.txt", 400, 7), article("r.txt", 400, 11)
    comparison = compare_articles(left, right)
    runs = [
        await time_screen(lambda: CompareScreen(left, right, comparison), ("n", "G"))
        for _ in range(args.repeat)
    ]
    report(f"CompareScreen {len(comparison.rows)} rows", runs)
    big = article("c.txt", 1000, 3)
    claims = [
        Claim(n, n + 10, f"Claim {n} with 300 tanks.", (n % 100) / 100, ("a figure",))
        for n in range(1000)
    ]
    runs = [
        await time_screen(lambda: ClaimsScreen(big, claims, threshold=None), ("G", "o"))
        for _ in range(args.repeat)
    ]
    report("ClaimsScreen 1000 claims", runs)


if __name__ == "__main__":
    asyncio.run(main())
