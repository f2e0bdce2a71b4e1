"""Benchmark the first use of each deferred feature, right after start-up.

    python bench/tui_first_use.py [--repeat 3] [--delays 0,0.3,1.5] [--keys a,?,ctrl+p,e]
                                  [--repo CHECKOUT]

For each key (`a`: the note dialog on a selection, `?`: help, ctrl+p: the
command palette, `e`: the export dialog) and each delay, a fresh interpreter
starts the real ReaderApp headless at 120x40 on a copy of the seeds with an
empty annotation database, waits for the first full screen (as
bench/tui_perf.py does), waits `delay` seconds, then sends the key as the
terminal would (the driver's message, not pilot.press, which waits for an idle
process) and times it until the new screen is drawn (wall), with its CPU
time: `cpu` the process's, every thread (the preload's and the triage
build's too when they run meanwhile), `ui` the interface thread's (what the
key itself cost). Delay 0 is a key typed ahead, 0.3 s a quick reader, 1.5 s
one who reads first (what is loaded after the first frame, reader.tui.preload,
is loaded by then). The first frame itself is printed as first_screen_s
beside it. Medians of --repeat children. `--repo`: another checkout's reader
(a baseline), run with this bench.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.machine import machine  # noqa: E402

CHILD = r"""
import time
T_START = time.time()
import asyncio, json, resource, shutil, sys, tempfile
from pathlib import Path
from textual import events
from reader.corpus import Corpus, iter_corpus
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView

seeds, key, delay = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
out = {}

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

async def until(predicate, timeout=30.0):
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await asyncio.sleep(0.001)

async def frame(app):
    drawn = asyncio.Event()
    app.call_after_refresh(drawn.set)
    await drawn.wait()

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "corpus"
    shutil.copytree(seeds, root)
    db = Path(tmp) / "annotations.json"

    async def main():
        app = ReaderApp(corpus=Corpus(root=root), db_path=db, source=iter_corpus(root))
        async with app.run_test(size=(120, 40)):
            screen = app.screen
            await until(lambda: screen.is_mounted and screen.query(ArticleView)
                        and screen.query_one(ArticleView).article_id is not None)
            await frame(app)
            out["first_screen_s"] = time.time() - T_START
            view = screen.query_one(ArticleView)
            send = app._driver.send_message
            if key == "a":  # a selection first: the article focused, v, five words
                view.focus()
                await frame(app)
                for name in ["v"] + ["w"] * 5:
                    send(events.Key(name, name))
                await until(lambda: view.selection.start != view.selection.end)
                await frame(app)
            await asyncio.sleep(delay)
            names = {"a": ("a", "a"), "?": ("question_mark", "?"),
                     "ctrl+p": ("ctrl+p", None), "e": ("e", "e")}
            name, char = names[key]
            before = app.screen
            c0, u0, t0 = cpu(), time.thread_time(), time.perf_counter()
            send(events.Key(name, char))
            await until(lambda: app.screen is not before)
            await frame(app)
            out["ms"] = (time.perf_counter() - t0) * 1000
            out["cpu_ms"] = (cpu() - c0) * 1000
            out["ui_cpu_ms"] = (time.thread_time() - u0) * 1000
            out["screen"] = type(app.screen).__name__

    asyncio.run(main())
print(json.dumps(out))
"""

KEYS = ("a", "?", "ctrl+p", "e")


def run_child(repo: Path, key: str, delay: float, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(repo / "seeds"), key, str(delay)],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed ({key}, {delay}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--delays", default="0,0.3,1.5", help="seconds after the first screen")
    parser.add_argument("--keys", default=",".join(KEYS))
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args()
    repo = args.repo.resolve()
    print(machine())
    print(f"reader from {repo}")
    out = repo / "bench" / "out"
    env = {  # as bench/tui_perf.py: bytecode and the caches warm, in bench/out
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(out / "pycache"),
        "READER_CACHE_DIR": os.environ.get("READER_CACHE_DIR", str(out / "cache")),
    }
    keys = args.keys.split(",")
    delays = [float(d) for d in args.delays.split(",")]
    for key in keys:  # warm-up: bytecode, and every cache this key's path writes at exit
        run_child(repo, key, delays[-1], env)
    runs: dict[tuple[str, float], list[dict[str, float]]] = {}
    for _ in range(args.repeat):  # interleaved: load changes hit every figure
        for key in keys:
            for delay in delays:
                runs.setdefault((key, delay), []).append(run_child(repo, key, delay, env))
    for (key, delay), rs in runs.items():
        ms = statistics.median(r["ms"] for r in rs)
        cpu_ms = statistics.median(r["cpu_ms"] for r in rs)
        ui_ms = statistics.median(r["ui_cpu_ms"] for r in rs)
        first = statistics.median(r["first_screen_s"] for r in rs)
        each = " ".join(f"{r['ms']:.0f}" for r in rs)
        print(
            f"  {key:7} after {delay:3.1f} s: {ms:6.1f} ms (cpu {cpu_ms:5.1f}, ui {ui_ms:5.1f})"
            f"  {rs[0]['screen']:18} first_screen_s {first:.3f}"
            f"  (all: {each})"
        )
    print(machine())


if __name__ == "__main__":
    main()
