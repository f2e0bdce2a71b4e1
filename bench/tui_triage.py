"""Benchmark opening the triage views (headless Textual).

    python bench/tui_triage.py [--sizes 1000,5000,20000] [--repeat 3] [--app DIR|none]

Every figure is the time until the first frame that shows the result, taken
where the app hands the frame to its driver: from `push_screen(...)` to the
view's first frame, or from a key press to the next frame of the screen.
Medians in milliseconds, wall clock and this process's CPU time (the machine
is shared: wall time includes waiting for other processes).

Synthetic part, for each size (0: the fixed cost of any such screen): open a
TimelineScreen, then j, G, / and one letter typed in the filter; then a
CompareScreen of two long articles and a ClaimsScreen of 1,000 claims
(`--sizes ""`: none of this). The target is 200 ms at thousands of entries.

Real app part (`--app DIR`, default bench/out/tui10000 when it exists; `--app
none` skips it): in a fresh interpreter, the real app on that corpus with a
database under bench/out/triage-views/ (so the triage disk cache is warm from
the second run on), waits until the triage data and the claims are built,
then, `--repeat` times, presses T (timeline), R (related articles of the open
article) and m (the mentions of the entity at the cursor, when there is one)
and times each until the view's first frame; in the timeline, typing "u"
then "n" in its filter until the filtered list's frame; for R also until the
frame after the ranking (computed just after the first frame); and escape
until the main screen's next frame.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events
from textual.app import App
from textual.screen import Screen

from bench.machine import machine
from reader.corpus.article import Article, MetaField, Provenance
from reader.triage.claims import Claim
from reader.triage.compare import compare_articles
from reader.triage.sentences import Sentence
from reader.triage.timeline import TimelineEntry, parse_value, sort_key
from reader.tui.triage import ClaimsScreen, CompareScreen, TimelineScreen

HERE = Path(__file__).resolve().parent


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
    """Sentences shared between seeds, except every `seed`-th one (a
    difference for the comparison)."""
    text = "A Long Article\n\n" + " ".join(
        f"Sentence {n} says that {n % 97} tanks moved near town {n % 13}."
        if n % seed
        else f"Only here: sentence {n} of seed {seed} names {n * seed} other vehicles."
        for n in range(sentences)
    )
    return Article(
        article_id,
        Path(article_id),
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        MetaField("A Long Article", Provenance.TEXT, (0, 14)),
    )


class Frames:
    """Records the frames the app hands to its driver (headless runs still
    compose and render each frame, then drop it): per screen, the wall and
    CPU clock as each frame was made."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.changed = asyncio.Event()
        self.made: dict[int, list[tuple[float, float]]] = {}
        self.started = (0.0, 0.0)  # the clocks when the last `timed` acted
        display = app._display  # the one place every frame passes through

        def counted(screen: Screen[object], renderable: object) -> None:
            display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                now = (time.perf_counter(), time.process_time())
                self.made.setdefault(id(screen), []).append(now)
                self.changed.set()

        app._display = counted  # type: ignore[method-assign]

    async def until(self, done: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        while not done():
            self.changed.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), min(left, 0.05))

    async def timed(
        self,
        act: Callable[[], object],
        screen: Callable[[], Screen[object]],
        ready: Callable[[], bool] = lambda: True,
    ) -> tuple[float, float]:
        """(wall ms, CPU ms) from `act()` to the first frame of `screen()`
        (the screen on top once `act` has run) made after it with `ready()`."""
        before = {key: len(made) for key, made in self.made.items()}
        wall, cpu = self.started = time.perf_counter(), time.process_time()
        act()

        def made() -> int:
            return len(self.made.get(id(screen()), ())) - before.get(id(screen()), 0)

        await self.until(lambda: ready() and made() > 0)  # checked as each frame is made
        at_wall, at_cpu = self.made[id(screen())][-1]  # so this is the first one ready
        return (at_wall - wall) * 1000, (at_cpu - cpu) * 1000


def press(app: App[object], key: str) -> Callable[[], None]:
    character = key if len(key) == 1 else None
    return lambda: app.post_message(events.Key(key, character))


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
        frames = Frames(app)  # type: ignore[arg-type]
        screen: Screen[object] = make()
        times["open"], times["open cpu"] = await frames.timed(
            lambda: app.push_screen(screen), lambda: screen
        )
        await pilot.pause()
        for key in keys:
            times[key], times[f"{key} cpu"] = await frames.timed(
                press(app, key),  # type: ignore[arg-type]
                lambda: app.screen,
            )
            await pilot.pause()
    return times


def report(name: str, runs: list[dict[str, float]]) -> None:
    parts = [f"{k} {statistics.median(r[k] for r in runs):4.0f}" for k in runs[0]]
    print(f"{name:<30} " + "  ".join(parts) + "  (ms)")


async def synthetic(sizes: list[int], repeat: int) -> None:
    titles = {f"a{n}.txt": f"Title of article {n}" for n in range(500)}
    for size in (0, *sizes):
        data = entries(size)
        keys = ("j", "G", "slash", "e") if size else ()
        runs = [
            await time_screen(lambda d=data: TimelineScreen(d, titles), keys) for _ in range(repeat)
        ]
        report(f"TimelineScreen {size} entries", runs)
    left, right = article("l.txt", 400, 7), article("r.txt", 400, 11)
    comparison = compare_articles(left, right)
    runs = [
        await time_screen(lambda: CompareScreen(left, right, comparison), ("n", "G"))
        for _ in range(repeat)
    ]
    report(f"CompareScreen {len(comparison.rows)} rows", runs)
    big = article("c.txt", 1000, 3)
    claims = [
        Claim(n, n + 10, f"Claim {n} with 300 tanks.", (n % 100) / 100, ("a figure",))
        for n in range(1000)
    ]
    runs = [
        await time_screen(lambda: ClaimsScreen(big, claims, threshold=None), ("G", "o"))
        for _ in range(repeat)
    ]
    report("ClaimsScreen 1000 claims", runs)


# -- the real app ---------------------------------------------------------------


async def real_app(root: Path, repeat: int) -> dict[str, object]:
    """Start the app on `root`, wait for the triage data, time T, R and m."""
    from reader.corpus import Corpus, iter_corpus
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_view import ArticleView

    db = HERE / "out" / "triage-views" / "annotations.json"
    db.parent.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)  # no annotations; the cache beside it stays
    app = ReaderApp(corpus=Corpus(root=root), db_path=db, source=iter_corpus(root))
    out: dict[str, object] = {}
    start = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        frames = Frames(app)  # type: ignore[arg-type]
        main = app.screen_stack[0]  # the default screen
        view = main.query_one(ArticleView)
        await frames.until(lambda: bool(view.text), timeout=120)
        ready = lambda: main.triage is not None or main.triage_error is not None  # type: ignore[attr-defined]  # noqa: E731
        await frames.until(ready, timeout=3600)
        out["triage_ready_s"] = time.perf_counter() - start
        await frames.until(lambda: not main.triage_progress, timeout=3600)  # type: ignore[attr-defined]
        out["claims_done_s"] = time.perf_counter() - start
        state = main.triage  # type: ignore[attr-defined]
        if state is None:
            out["error"] = main.triage_error  # type: ignore[attr-defined]
            return out
        out["articles"] = len(state.articles)
        out["timeline_entries"] = len(state.corpus.timeline)
        await pilot.pause()
        views = (("T", "timeline"), ("R", "related"), ("m", "mentions"))
        times: dict[str, list[tuple[float, float]]] = {name: [] for _, name in views}

        async def one(key: str, name: str) -> None:
            """Open one view, time it (and its extras), close it."""
            notes = len(app._notifications)
            frames.started = (0.0, 0.0)
            try:
                opened = await frames.timed(
                    press(app, key),
                    lambda: app.screen,
                    lambda: app.screen is not main,  # type: ignore[arg-type]
                )
            except TimeoutError:  # the key opened nothing (m: no entity at the cursor)
                out[f"{name}_note"] = [str(n.message) for n in app._notifications][notes:]
                return
            times[name].append(opened)
            view = app.screen
            out[f"{name}_rows"] = view.row_count()  # type: ignore[attr-defined]
            if name == "timeline":  # "/" then "u" (all searched), "n" (narrowing)
                await pilot.pause()
                await frames.timed(press(app, "slash"), lambda v=view: v)
                for n, letter in enumerate("un"):
                    typed = await frames.timed(
                        press(app, letter),
                        lambda v=view: v,
                        lambda v=view, w="un"[: n + 1]: v._words == [w],  # type: ignore[attr-defined,misc]
                    )
                    out.setdefault(f"filter {letter}", []).append(typed)  # type: ignore[union-attr]
                    await pilot.pause()
                out["filter_rows"] = view.row_count()  # type: ignore[attr-defined]
                press(app, "escape")()  # leaves the field; the next escape, the view
            if name == "related":  # the ranking, done just after the first frame
                await frames.until(lambda v=view: getattr(v, "ranking", None) is None)
                at_wall, at_cpu = frames.made[id(view)][-1]
                start_wall, start_cpu = frames.started
                out.setdefault("ranked", []).append(  # type: ignore[union-attr]
                    ((at_wall - start_wall) * 1000, (at_cpu - start_cpu) * 1000)
                )
                out["related_rows"] = view.row_count()  # type: ignore[attr-defined]
            await pilot.pause()
            closed = await frames.timed(
                press(app, "escape"), lambda: app.screen, lambda: app.screen is main
            )
            out.setdefault("escape", []).append(closed)  # type: ignore[union-attr]
            await pilot.pause()

        for _ in range(repeat):
            for key, name in views:
                try:
                    await one(key, name)
                except TimeoutError:  # a loaded machine: note it, get back to the main screen
                    out[f"{name}_note"] = "timed out"
                    while app.screen is not main:
                        press(app, "escape")()
                        await pilot.pause()
        for name, found in [
            *times.items(),
            ("ranked", out.pop("ranked", [])),
            ("escape", out.pop("escape", [])),
            ("filter u", out.pop("filter u", [])),
            ("filter n", out.pop("filter n", [])),
        ]:
            if found:
                walls = [w for w, _ in found]  # type: ignore[misc]
                cpus = [c for _, c in found]  # type: ignore[misc]
                out[name] = [statistics.median(walls), statistics.median(cpus), max(walls)]
    return out


async def app_child(root: Path, repeat: int) -> None:
    print(json.dumps(await real_app(root, repeat)))


def app_report(root: Path, repeat: int) -> None:
    args = [sys.executable, __file__, "--app", str(root), "--repeat", str(repeat), "--child"]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode:
        print(f"real app run failed:\n{done.stderr[-3000:]}")
        return
    found = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"real app on {root}: {found.get('articles')} articles,"
        f" {found.get('timeline_entries')} timeline entries;"
        f" triage ready {found['triage_ready_s']:.1f} s, claims {found['claims_done_s']:.1f} s"
    )
    for name in ("timeline", "filter u", "filter n", "related", "ranked", "mentions", "escape"):
        if name in found:
            wall, cpu, worst = found[name]
            rows = found.get(f"{name}_rows", found.get("related_rows"))
            what = {
                "filter u": "/ then u (every entry searched), the list's frame",
                "filter n": f"then n (the shown rows searched; {found.get('filter_rows')} left)",
                "ranked": f"({rows} rows) ranked, its frame",
                "escape": "back to the main screen, its frame",
            }.get(name, f"({rows} rows) first frame")
            print(
                f"    {name:<9} {what}: median {wall:4.0f} ms"
                f" (CPU {cpu:4.0f} ms), max {worst:4.0f} ms"
            )
        else:
            print(f"    {name:<9} did not open {found.get(f'{name}_note', '')}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--app", default=str(HERE / "out" / "tui10000"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        await app_child(Path(args.app), args.repeat)
        return
    print(machine())
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if sizes:  # --sizes "": the real app only
        await synthetic(sizes, args.repeat)
    if args.app != "none" and Path(args.app).is_dir():
        app_report(Path(args.app), args.repeat)


if __name__ == "__main__":
    asyncio.run(main())
