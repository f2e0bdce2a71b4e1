"""Benchmark the reading app: cold start, opening articles, filtering, memory.

    python bench/tui_perf.py [--n 10000] [--dir DIR] [--opens 20] [--seeds-only] [--only-filter]
                             [--big-only] [--keys 12]

Each figure comes from a fresh interpreter running the real app headless at
120x40 (imports and memory count as at a cold start; the OS file cache is
warm). Targets: first full screen (sidebar and first article drawn) <= 0.5 s
on the seeds and <= 1.5 s on 10,000 articles; opening another article with
its entities <= 50 ms typical; a filter keystroke on 10,000 <= 100 ms; peak
RSS on 10,000 <= 300 MB. --only-filter: the filter keystrokes alone on the
generated corpus (no triage build, no opens; a quick loop), with the CPU time
of each keystroke beside its wall time.

Start-up figures, all in seconds: interpreter_s (process spawn to the first
line of the child), imports_s (the app's imports), app_to_screen_s (app
created to the first full screen drawn, by the headless pilot driver), and
first_screen_s (process spawn to that frame: the sum of the three plus the
small bench overhead), first_screen_cpu_s (the child's CPU time until then:
less noisy than wall time on a busy machine). first_frame_s / first_frame_cpu_s:
process spawn to the first frame the compositor made that holds the article
(sidebar rows, header, text and entities; the footer's keys come a frame or
two later); the bare baseline's is its first frame. full_frame_s /
full_frame_cpu_s: to the first frame that is the full first screen (the
article, the sidebar's rows: all, or a screenful of 18 while the corpus
streams in, and the footer's keys; bare: its footer's keys).
first_frame_s is earlier than first_screen_s, which also waits for the
pilot (every widget's queue drained) and one more refresh. Bytecode and the compiled-regex
cache (reader.regex_cache) are warm, as after the first run: the warm-up
import before each child fills both. first_run_first_screen_s is the seeds
start with an empty cache folder (the first run after an install, which
compiles bytecode but no regexes).
The app runs without an annotation db, so the corpus-wide triage data is
built cold in its background worker
(triage_built_s, triage_claims_s); opening and filtering are timed after it.
open_*: --opens articles opened one after the other as the reader finds them
(entities from the triage index; the article open at the start is in the
cache); open_cold_*: the same articles opened the same way in another child
where nothing is known (no triage data, no prefetch of the neighbours): the
extractor runs on each first open.
rss_loaded_mb / rss_triaged_mb: resident memory then; peak_rss_mb: the peak.

The bare-Textual baseline is a minimal app measured the same way in the same
run (OptionList of 10 rows, a read-only soft-wrapped TextArea holding a seed
article, Footer): its first_screen_s is what Textual itself costs, and
start_ratio is our seeds start divided by it. --seeds-only skips the 10,000
and 1 MB parts (a quick loop); the default output is unchanged otherwise.

The 1 MB article (a seed repeated, beside the seeds; --big-only runs it
alone): open_sync_ms (the open's own call), first_frame_ms (to its first
frame, with its CPU time), then at least --keys sidebar keys, sent 30 ms
apart and on until the entities are in, each timed from the key event to its
effect drawn (key_max_ms, key_median_ms; keys_during_extraction: how many
were sent before the entities arrived); entities_ms (open to the entities
in, with the CPU time of this process: the entity process's is not counted);
entity_process (whether they came from the child process); key_idle_*: the
same keys once nothing runs (what a key costs anyway); gc_pauses_over_5ms
(generation, ms) from the open on. These keys are not sent with
pilot.press: its wait for an idle process lasts up to 1 s while any thread
of the process computes (the "1.0 s" key of the earlier figures).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from bench.machine import machine  # noqa: E402

# Both start-up children (ours and bare Textual) time their first frame the same way.
FRAME_HOOK = r"""
FIRST_FRAME = []  # (time, cpu) when the first frame that shows the content was made
FULL_FRAME = []  # (time, cpu) of the first frame that is the full first screen

def hook_first_frame(app, shows_content, shows_all=lambda screen: False):
    # App._display (private) gets every frame the compositor makes, headless too
    display = app._display
    def hooked(screen, renderable):
        if renderable is not None:
            for frames, test in ((FIRST_FRAME, shows_content), (FULL_FRAME, shows_all)):
                if not frames and test(screen):
                    usage = resource.getrusage(resource.RUSAGE_SELF)
                    frames.append((time.time(), usage.ru_utime + usage.ru_stime))
        display(screen, renderable)
    app._display = hooked

def footer_keys(screen):
    return len(screen.query("FooterKey"))

def record_first_frame(out):
    if FIRST_FRAME:
        out["first_frame_s"] = FIRST_FRAME[0][0] - T_SPAWN
        out["first_frame_cpu_s"] = FIRST_FRAME[0][1]

async def record_full_frame(out):
    deadline = time.time() + 30
    while not FULL_FRAME and time.time() < deadline:
        await asyncio.sleep(0.001)
    if not FULL_FRAME:
        raise TimeoutError("no full first screen")
    out["full_frame_s"] = FULL_FRAME[0][0] - T_SPAWN
    out["full_frame_cpu_s"] = FULL_FRAME[0][1]
"""

CHILD = (
    r"""
import time
T_START = time.time()
import asyncio, json, random, resource, statistics, sys
T_SPAWN = float(sys.argv[2])
from pathlib import Path
from reader.corpus import Corpus, iter_corpus
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.filter_input import FilterInput
T_IMPORTED = time.time()
try:
    from reader.tui.preload import DELAY as PRELOAD_DELAY
except ImportError:  # a checkout from before the preload
    PRELOAD_DELAY = 0.0

root = Path(sys.argv[1])
opens = int(sys.argv[3])
mode = sys.argv[4] if len(sys.argv) > 4 else "all"
only_filter = mode == "filter"
cold = mode == "cold"  # opens with nothing known: no triage data, no prefetch
if only_filter or cold:  # no corpus-wide triage build
    from reader.tui.screens.triage_actions import TriageActions
    TriageActions._start_triage = lambda self: None
out = {"interpreter_s": T_START - T_SPAWN, "imports_s": T_IMPORTED - T_START}

def rss_now_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

async def until(predicate, timeout=120.0):
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await asyncio.sleep(0.001)


"""
    + FRAME_HOOK
    + r"""
def article_drawn(screen):
    views = screen.query(ArticleView)
    return bool(views) and views.first().article_id is not None

def full_screen(screen):  # the article, a screenful of sidebar rows (18), the footer's keys
    if not article_drawn(screen) or not footer_keys(screen):
        return False
    return not screen.streaming or len(screen.query_one(ArticleList).shown) >= 18

async def main():
    t_app = time.time()
    app = ReaderApp(corpus=Corpus(root=root), source=iter_corpus(root))
    hook_first_frame(app, article_drawn, full_screen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(lambda: screen.is_mounted and screen.query(ArticleView)
                    and screen.query_one(ArticleView).article_id is not None)
        drawn = asyncio.Event()
        app.call_after_refresh(drawn.set)
        await drawn.wait()
        now = time.time()
        out["app_to_screen_s"] = now - t_app
        out["first_screen_s"] = now - T_SPAWN
        usage = resource.getrusage(resource.RUSAGE_SELF)
        out["first_screen_cpu_s"] = usage.ru_utime + usage.ru_stime
        record_first_frame(out)
        result = lambda: screen._entity_cache.get(screen.query_one(ArticleView).article_id)
        await until(lambda: result() is not None)
        out["first_entities_s"] = time.time() - T_SPAWN
        if cold:  # (before its first run, 0.3 s after the first open)
            screen.prefetch_entities = screen.entities_from_triage = False
        await record_full_frame(out)
        if mode == "start":  # --start-only: the start-up figures alone
            return
        await until(lambda: not screen.streaming)
        out["all_loaded_s"] = time.time() - T_SPAWN
        await until(lambda: screen._filter_index is not None)
        out["filter_index_s"] = time.time() - T_SPAWN
        out["rss_loaded_mb"] = rss_now_mb()
        out["articles"] = len(screen.articles)
        if only_filter or cold:  # quick loops: no triage data
            # the idle-time preload (reader.tui.preload) starts DELAY after the
            # first frame: let it start and end, as the triage build below does,
            # so the opens and keys are timed without it
            await asyncio.sleep(PRELOAD_DELAY + 0.05)
            await app.workers.wait_for_complete()
        else:
            # the corpus-wide triage data is built in a worker after the corpus is
            # in (no db here: no cache, a cold build); the figures below come after it
            await until(lambda: screen.triage is not None or screen.triage_error is not None, 900)
            out["triage_built_s"] = time.time() - T_SPAWN
            await until(lambda: screen.triage_progress == "", 900)
            out["triage_claims_s"] = time.time() - T_SPAWN
            await app.workers.wait_for_complete()
            out["rss_triaged_mb"] = rss_now_mb()

        rng = random.Random(1)
        times, sync_times, cpu_times = [], [], []
        view = screen.query_one(ArticleView)
        for index in rng.sample(range(len(screen.articles)), min(opens, len(screen.articles))):
            c0 = time.process_time()
            t0 = time.perf_counter()
            screen.current = index
            sync_times.append(time.perf_counter() - t0)
            wanted = screen.articles[index].id
            await until(lambda: result() is not None and view.article_id == wanted)
            drawn = asyncio.Event()
            app.call_after_refresh(drawn.set)
            await drawn.wait()
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
        if times:
            out["open_median_ms"] = statistics.median(times) * 1000
            out["open_cpu_median_ms"] = statistics.median(cpu_times) * 1000
            out["open_max_ms"] = max(times) * 1000
            out["open_sync_median_ms"] = statistics.median(sync_times) * 1000
        await app.workers.wait_for_complete()
        if cold:  # the opens were all this child is for
            return

        # the last open's cross-article counts start 0.4 s later, in a worker:
        # let them finish, or they run during the first keystrokes
        await asyncio.sleep(0.6)
        await app.workers.wait_for_complete()
        box = screen.query_one(FilterInput)
        sidebar = screen.query_one(ArticleList)
        keys, key_cpu = [], []
        for query in ("ukraine offensive", "kursk", "zzzq"):
            box.value = ""
            await pilot.pause()
            for n in range(1, len(query) + 1):
                t0, c0 = time.perf_counter(), time.process_time()
                box.value = query[:n]
                await until(lambda: screen._filter_index._last_query == query[:n].encode())
                drawn = asyncio.Event()
                app.call_after_refresh(drawn.set)
                await drawn.wait()
                keys.append(time.perf_counter() - t0)
                key_cpu.append(time.process_time() - c0)
        out["filter_key_median_ms"] = statistics.median(keys) * 1000
        out["filter_key_max_ms"] = max(keys) * 1000
        out["filter_keys"] = len(keys)
        if only_filter:
            out["filter_key_cpu_median_ms"] = statistics.median(key_cpu) * 1000
            out["filter_key_cpu_max_ms"] = max(key_cpu) * 1000
            out["filter_key_all_ms"] = [round(k * 1000, 1) for k in keys]
            out["filter_key_cpu_all_ms"] = [round(k * 1000, 1) for k in key_cpu]
        box.value = ""
        await pilot.pause()
        out["shown_after_clear"] = len(sidebar.shown)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

asyncio.run(main())
print(json.dumps(out))
"""
)


BIG_CHILD = r"""
import asyncio, gc, json, resource, statistics, sys, time
from pathlib import Path
from textual import events
from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView

corpus = load_corpus(Path(sys.argv[1]))
keys_wanted = int(sys.argv[3]) or 12
out = {"chars": max(len(a.text) for a in corpus.articles)}
gc_started, gc_pauses = [0.0], []

def gc_timer(phase, info):
    if phase == "start":
        gc_started[0] = time.perf_counter()
    elif (pause := time.perf_counter() - gc_started[0]) > 0.005:
        gc_pauses.append((info["generation"], round(pause * 1000, 1)))

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

async def frame(app):
    drawn = asyncio.Event()
    app.call_after_refresh(drawn.set)
    await drawn.wait()

async def main():
    app = ReaderApp(corpus=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = screen.query_one(ArticleView)
        sidebar = screen.query_one(ArticleList)
        big = max(range(len(corpus.articles)), key=lambda i: len(corpus.articles[i].text))
        big_id = corpus.articles[big].id
        ready = lambda: screen._entity_cache.get(big_id) is not None
        gc.callbacks.append(gc_timer)
        c0, t0 = cpu(), time.perf_counter()
        screen.current = big
        out["open_sync_ms"] = (time.perf_counter() - t0) * 1000
        await frame(app)
        out["first_frame_ms"] = (time.perf_counter() - t0) * 1000
        out["first_frame_cpu_ms"] = (cpu() - c0) * 1000
        # keys while the entities are found: each one posted as the terminal
        # would, timed until its effect (the sidebar highlight moved) is drawn;
        # 30 ms between keys, as a person holding a key down. (pilot.press
        # is not used: its wait for an idle process lasts up to 1 s while the
        # process computes, which is what it measured before.)
        async def press_keys(count, until_ready=False):
            lat, moved, during = [], 0, 0
            while len(lat) < count or (until_ready and not ready()):
                was_ready = ready()
                before = sidebar.highlighted
                key = "down" if before == 0 else "up"
                t1 = time.perf_counter()
                app._driver.send_message(events.Key(key, None))
                while sidebar.highlighted == before and time.perf_counter() - t1 < 10:
                    await asyncio.sleep(0.001)
                await frame(app)
                lat.append((time.perf_counter() - t1) * 1000)
                moved += sidebar.highlighted != before
                during += not was_ready
                await asyncio.sleep(0.03)
            return lat, moved, during

        async def watch_entities():
            while not ready():
                await asyncio.sleep(0.005)
            out["entities_ms"] = (time.perf_counter() - t0) * 1000
            out["entities_cpu_ms"] = (cpu() - c0) * 1000

        watcher = asyncio.create_task(watch_entities())
        # at least --keys keys, and on until the entities are in
        lat, moved, during = await press_keys(keys_wanted, until_ready=True)
        await watcher
        out["mentions"] = len(screen._entity_cache[big_id].entities)
        runner = getattr(screen, "_entity_runner", None)  # None: before the process existed
        out["entity_process"] = runner is not None and runner.uses_process
        out["keys"] = len(lat)
        out["keys_during_extraction"] = during
        out["keys_moved_highlight"] = moved
        out["key_max_ms"] = max(lat)
        out["key_median_ms"] = statistics.median(lat)
        out["key_all_ms"] = [round(k, 1) for k in lat]
        # the same keys with nothing running: what a key costs anyway
        await asyncio.sleep(0.5)
        await app.workers.wait_for_complete()
        idle, _, _ = await press_keys(6)
        out["key_idle_max_ms"] = max(idle)
        out["key_idle_median_ms"] = statistics.median(idle)
        out["key_idle_all_ms"] = [round(k, 1) for k in idle]
        out["gc_pauses_over_5ms"] = gc_pauses  # (generation, ms) from the open on
    out["wall_s_total"] = time.perf_counter() - t0

asyncio.run(main())
print(json.dumps(out))
"""


BARE_CHILD = (
    r"""
import time
T_START = time.time()
import asyncio, json, resource, sys
T_SPAWN = float(sys.argv[2])
from pathlib import Path
from textual.app import App
from textual.widgets import Footer, OptionList, TextArea
T_IMPORTED = time.time()

text = sorted(Path(sys.argv[1]).glob("*.txt"))[0].read_text(encoding="utf-8")
out = {"interpreter_s": T_START - T_SPAWN, "imports_s": T_IMPORTED - T_START}

class Bare(App[None]):
    def compose(self):
        yield OptionList(*[f"article {i}" for i in range(10)])
        yield TextArea(text, read_only=True, soft_wrap=True)
        yield Footer()


"""
    + FRAME_HOOK
    + r"""
async def main():
    t_app = time.time()
    app = Bare()
    hook_first_frame(app, lambda screen: True, lambda screen: footer_keys(screen) > 0)
    async with app.run_test(size=(120, 40)):
        drawn = asyncio.Event()
        app.call_after_refresh(drawn.set)
        await drawn.wait()
        now = time.time()
        out["app_to_screen_s"] = now - t_app
        out["first_screen_s"] = now - T_SPAWN
        usage = resource.getrusage(resource.RUSAGE_SELF)
        out["first_screen_cpu_s"] = usage.ru_utime + usage.ru_stime
        record_first_frame(out)
        await record_full_frame(out)

asyncio.run(main())
print(json.dumps(out))
"""
)


# As after `pip install` (which compiles bytecode): the child reads .pyc files
# from a cache of its own, even where PYTHONDONTWRITEBYTECODE is set (it is on
# the dev machine, where the editable checkout has no __pycache__ otherwise:
# ~80 ms more of imports per start). The regex and metadata caches are the
# checkout's own too (bench/out/cache, unless READER_CACHE_DIR is set): in the
# shared ~/.cache/reader, a run of other code (another checkout) rewrote the
# regex cache, and the next start here compiled every regex again.
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": str(HERE / "out" / "pycache"),
    "READER_CACHE_DIR": os.environ.get("READER_CACHE_DIR", str(HERE / "out" / "cache")),
}


def run_child(
    root: Path,
    opens: int,
    code: str = CHILD,
    mode: str = "all",
    env: dict[str, str] | None = None,
) -> dict[str, float]:
    # the warm-up fills the bytecode cache (and the regex cache of CHILD_ENV's folder)
    subprocess.run([sys.executable, "-c", "import reader.tui.app"], env=CHILD_ENV, check=True)
    env = CHILD_ENV if env is None else env
    spawn = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, str(root), repr(spawn), str(opens), mode],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_cold(root: Path, opens: int) -> dict[str, float]:
    """The figures of `root`, and the open figures of a cold child (nothing
    known: no triage data, no prefetch) as open_cold_*."""
    figures = run_child(root, opens)
    cold = run_child(root, opens, mode="cold")
    for key in ("median_ms", "cpu_median_ms", "max_ms", "sync_median_ms"):
        if f"open_{key}" in cold:
            figures[f"open_cold_{key}"] = cold[f"open_{key}"]
    return figures


def report(name: str, figures: dict[str, float]) -> None:
    count = figures.get("articles")
    print(f"\n{name}: {count} articles" if count is not None else f"\n{name}")
    for key, value in figures.items():
        if key != "articles":
            print(
                f"  {key:22} {value:10.3f}" if isinstance(value, float) else f"  {key:22} {value}"
            )


START_KEYS = ("interpreter_s", "imports_s", "app_to_screen_s", "first_screen_s")
START_KEYS += ("first_screen_cpu_s", "first_frame_s", "first_frame_cpu_s", "first_entities_s")
START_KEYS += ("full_frame_s", "full_frame_cpu_s")


def start_only(folders: dict[str, Path], repeat: int) -> None:
    """The start-up figures alone: `repeat` fresh children per corpus and for the
    bare-Textual baseline, interleaved (so load changes hit both), medians."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in [*folders, "bare"]}
    for _ in range(repeat):
        for name, folder in folders.items():
            runs[name].append(run_child(folder, 0, mode="start"))
        runs["bare"].append(run_child(REPO / "seeds", 0, BARE_CHILD))
    medians = {
        name: {k: statistics.median(r[k] for r in rs) for k in START_KEYS if k in rs[0]}
        for name, rs in runs.items()
    }
    for name, figures in medians.items():
        report(f"{name}: median of {repeat} starts", figures)
    bare = medians["bare"]
    for name in folders:
        ours = medians[name]
        print(
            f"\n{name} / bare: first_screen {ours['first_screen_s'] / bare['first_screen_s']:.2f}"
            f", cpu {ours['first_screen_cpu_s'] / bare['first_screen_cpu_s']:.2f}"
            f"; full_frame {ours['full_frame_s'] / bare['full_frame_s']:.2f}"
            f", cpu {ours['full_frame_cpu_s'] / bare['full_frame_cpu_s']:.2f}"
            f" (all {name} first_screen_s: "
            + " ".join(f"{r['first_screen_s']:.3f}" for r in runs[name])
            + ")"
        )
    print(machine())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--seeds-only", action="store_true", help="skip the 10k and 1 MB parts")
    parser.add_argument(
        "--only-filter",
        action="store_true",
        help="only the filter keystrokes on the generated corpus (no triage build, no opens)",
    )
    parser.add_argument(
        "--big-only", action="store_true", help="only the 1 MB article (a quick loop)"
    )
    parser.add_argument("--keys", type=int, default=12, help="keys pressed on the 1 MB open")
    parser.add_argument(
        "--start-only",
        action="store_true",
        help="only the start-up figures: seeds (and --start-generated) vs bare Textual",
    )
    parser.add_argument("--start-generated", action="store_true", help="with --start-only")
    parser.add_argument("--repeat", type=int, default=3, help="starts per figure, --start-only")
    args = parser.parse_args()
    folder = args.dir or HERE / "out" / f"tui{args.n}"
    if args.start_only:
        print(machine())
        folders = {"seeds": REPO / "seeds"}
        if args.start_generated:
            folders[f"generated {args.n}"] = folder
        start_only(folders, args.repeat)
        return
    if not (args.seeds_only or args.big_only) and len(list(folder.glob("*.txt"))) != args.n:
        from make_corpus import make_corpus

        make_corpus(folder, args.n)
    print(machine())
    if args.big_only:
        run_big(args.keys)
        return
    if args.only_filter:
        report(f"generated ({folder}), filter only", run_child(folder, 0, mode="filter"))
        return
    seeds = with_cold(REPO / "seeds", args.opens)
    with tempfile.TemporaryDirectory() as empty:  # no regex or metadata cache yet
        first_run = run_child(REPO / "seeds", 1, env={**CHILD_ENV, "READER_CACHE_DIR": empty})
    seeds["first_run_first_screen_s"] = first_run["first_screen_s"]
    seeds["first_run_first_screen_cpu_s"] = first_run["first_screen_cpu_s"]
    report("seeds", seeds)
    bare = run_child(REPO / "seeds", 0, BARE_CHILD)
    bare["start_ratio"] = seeds["first_screen_s"] / bare["first_screen_s"]
    bare["start_cpu_ratio"] = seeds["first_screen_cpu_s"] / bare["first_screen_cpu_s"]
    report("bare Textual (OptionList + read-only TextArea + Footer)", bare)
    if args.seeds_only:
        return
    report(f"generated ({folder})", with_cold(folder, args.opens))
    run_big(args.keys)


def run_big(keys: int) -> None:
    """The 1 MB article (a seed repeated) opened beside the seeds."""
    big = HERE / "out" / "tui_big"
    big.mkdir(parents=True, exist_ok=True)
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        (big / seed.name).write_bytes(seed.read_bytes())
    body = (REPO / "seeds" / "001_11fb115ab1b30ee7.txt").read_text(encoding="utf-8")
    (big / "zz_one_megabyte.txt").write_text(
        "One megabyte\n\n" + body * (1_000_000 // len(body) + 1), encoding="utf-8"
    )
    report("1 MB article (with the seeds)", run_child(big, keys, BIG_CHILD))


if __name__ == "__main__":
    main()
