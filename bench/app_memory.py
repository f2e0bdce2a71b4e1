"""Memory of the reading app on a big corpus, without the corpus-wide triage data.

    python bench/app_memory.py [--n 10000] [--dir DIR] [--trace 25] [--keys]

Runs the real app headless (120x40) in a fresh interpreter on the corpus,
streaming it in as `reader` does, with the triage build switched off (its
memory is measured by bench/triage_memory.py), and waits until the filter and
word indexes are built. Prints:
- rss_empty_mb: the same app on an empty folder (Python + Textual + our code);
- rss_loaded_mb: RSS once the corpus and indexes are in (after gc.collect);
- peak_rss_mb: the peak (ru_maxrss) of that process;
- cpu_s / wall_s: CPU and wall time to that point;
- with --keys, filter keystroke times (search() plus the sidebar redraw);
- with --trace N, a second run under tracemalloc: the N biggest allocation
  sites still alive (by file:line) and the total per file. tracemalloc adds
  its own overhead, so its RSS figures are not comparable to the first run's.

Measured 2026-11-21, 2 cpus (AMD EPYC), Python 3.11.7, load average ~5, on
bench/out/tui10000 (10,000 articles, 54.2 M characters); the empty app 50 MB:
                      before   after
  rss_loaded_mb        273     147-149
  (texts as str 104 MB and filter haystacks 53 MB became one 57 MB TextStore;
  word index 16 -> 3 MB; Path objects, lower-cased titles and dicts -> ~6 MB)
  search median/max, same process, 52 keystrokes: 8.4/116 -> 6.6/73 ms
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CHILD = r"""
import sys, time
T0, C0 = time.perf_counter(), time.process_time()
TRACE = int(sys.argv[2])
KEYS = sys.argv[3] == "1"
if TRACE:
    import tracemalloc
    tracemalloc.start(1)
import asyncio, gc, json, resource, statistics
from pathlib import Path
from reader.corpus import Corpus, iter_corpus
from reader.tui.app import ReaderApp
from reader.tui.screens.triage_actions import TriageActions
from reader.tui.widgets.filter_input import FilterInput

TriageActions._start_triage = lambda self: None  # the triage data is not measured here
root = Path(sys.argv[1])
out = {}

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

async def until(predicate, timeout=600.0):
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await asyncio.sleep(0.005)

async def main():
    app = ReaderApp(corpus=Corpus(root=root), source=iter_corpus(root))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(lambda: screen.is_mounted and not screen.streaming)
        await until(lambda: screen._filter_index is not None)
        await until(lambda: screen._word_index is not None or not screen.articles)
        await app.workers.wait_for_complete()
        await pilot.pause()
        gc.collect()
        out["articles"] = len(screen.articles)
        out["rss_loaded_mb"] = rss_mb()
        out["cpu_s"] = time.process_time() - C0
        out["wall_s"] = time.perf_counter() - T0
        if KEYS and screen.articles:
            box = screen.query_one(FilterInput)
            keys, search = [], []
            for query in ("ukraine offensive", "kursk", "zzzq", "the"):
                box.value = ""
                await pilot.pause()
                for n in range(1, len(query) + 1):
                    t0 = time.perf_counter()
                    box.value = query[:n]
                    await until(lambda: screen._filter_index._last_query == query[:n].encode())
                    drawn = asyncio.Event()
                    app.call_after_refresh(drawn.set)
                    await drawn.wait()
                    keys.append(time.perf_counter() - t0)
            index = screen._filter_index
            for query in ("ukraine offensive", "kursk", "zzzq", "the", "e", "minister said"):
                index._last_query = b""
                for n in range(1, len(query) + 1):
                    t0 = time.perf_counter()
                    index.search(query[:n])
                    search.append(time.perf_counter() - t0)
            out["key_median_ms"] = statistics.median(keys) * 1000
            out["key_max_ms"] = max(keys) * 1000
            out["search_median_ms"] = statistics.median(search) * 1000
            out["search_max_ms"] = max(search) * 1000
        if TRACE:
            snap = tracemalloc.take_snapshot()
            top = snap.statistics("lineno")[:TRACE]
            out["trace_total_mb"] = sum(s.size for s in snap.statistics("filename")) / 2**20
            out["top_lines"] = [
                [f"{s.traceback[0].filename.split('site-packages/')[-1].split('/work/wt/')[-1]}"
                 f":{s.traceback[0].lineno}", round(s.size / 2**20, 2), s.count]
                for s in top
            ]
            out["top_files"] = [
                [s.traceback[0].filename.split('site-packages/')[-1].split('/work/wt/')[-1],
                 round(s.size / 2**20, 2)]
                for s in snap.statistics("filename")[:12]
            ]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

asyncio.run(main())
print(json.dumps(out))
"""


def run_child(root: Path, trace: int = 0, keys: bool = False) -> dict:
    env = {**os.environ, "READER_CACHE_DIR": "off"}  # a cold load, as on first use
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), str(trace), "1" if keys else "0"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--trace", type=int, default=0, help="also run under tracemalloc")
    parser.add_argument("--keys", action="store_true", help="also time filter keystrokes")
    args = parser.parse_args()
    folder = args.dir or HERE / "out" / f"tui{args.n}"
    if not folder.is_dir():
        sys.path.insert(0, str(HERE))
        from make_corpus import make_corpus

        make_corpus(folder, args.n)
    empty = HERE / "out" / "empty_corpus"
    empty.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(HERE))
    from machine import machine

    print(machine())
    base = run_child(empty)
    print(f"rss_empty_mb      {base['rss_loaded_mb']:8.1f}")
    figures = run_child(folder, keys=args.keys)
    print(f"corpus: {folder} ({figures['articles']} articles)")
    for key, value in figures.items():
        if key != "articles":
            print(f"{key:17} {value:8.1f}")
    if args.trace:
        traced = run_child(folder, args.trace)
        print(f"\ntracemalloc: {traced['trace_total_mb']:.1f} MB alive; top lines:")
        for where, size, count in traced["top_lines"]:
            print(f"  {size:8.2f} MB {count:9d}  {where}")
        print("by file:")
        for where, size in traced["top_files"]:
            print(f"  {size:8.2f} MB  {where}")


if __name__ == "__main__":
    main()
