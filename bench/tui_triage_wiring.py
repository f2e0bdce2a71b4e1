"""Benchmark the corpus triage build inside the running app (headless).

    python bench/tui_triage_wiring.py [--n 2000] [--dir DIR] [--keys 20]

Makes (or uses) a corpus, starts the real app as `reader` does (articles
streamed in, real extractor, a fresh database in a temporary folder) and
prints, from the start of `run_test`: the first article drawn, the corpus
loaded, the triage data ready (entity index, similarity, timeline, headlines)
and the claims of every article scored; the latency of sidebar key presses
while the corpus data is built (j: until the highlight moves, median and
max); then the same with the on-disk cache warm; the peak RSS of each start.
Each start runs in a fresh interpreter. Wall-clock seconds, shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.machine import machine  # noqa: E402
from reader.corpus import Corpus, iter_corpus  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.widgets.article_list import ArticleList  # noqa: E402
from reader.tui.widgets.article_view import ArticleView  # noqa: E402


async def until(predicate, timeout: float = 1800.0) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await asyncio.sleep(0.002)


async def one_run(root: Path, db: Path, keys: int) -> dict[str, float | list[float]]:
    app = ReaderApp(corpus=Corpus(root=root), db_path=db, source=iter_corpus(root))
    out: dict[str, float | list[float]] = {}
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)):
        main = app.screen_stack[0]  # the default screen
        view = main.query_one(ArticleView)
        await until(lambda: bool(view.text))
        out["first_article_s"] = time.perf_counter() - start
        latencies: list[float] = []
        sidebar = main.query_one(ArticleList)
        await until(lambda: not main.streaming)  # type: ignore[attr-defined]
        out["loaded_s"] = time.perf_counter() - start
        while main.triage is None and len(latencies) < keys:  # type: ignore[attr-defined]
            before = sidebar.highlighted
            pressed = time.perf_counter()
            app.simulate_key("j")  # not pilot.press: that also waits for the app to go idle
            await until(lambda b=before: sidebar.highlighted != b, timeout=30)
            latencies.append(time.perf_counter() - pressed)
            await asyncio.sleep(0.2)
        out["key_latency_s"] = latencies
        await until(lambda: main.triage is not None or main.triage_error is not None)  # type: ignore[attr-defined]
        out["triage_ready_s"] = time.perf_counter() - start
        await until(lambda: not main.triage_progress)  # type: ignore[attr-defined]
        out["claims_done_s"] = time.perf_counter() - start
    return out


def report(name: str, found: dict[str, float | list[float]]) -> None:
    latencies = found.pop("key_latency_s")
    figures = "  ".join(f"{k} {v:.2f}" for k, v in found.items())  # type: ignore[str-format]
    print(f"{name}: {figures}")
    if latencies:
        lat = [x * 1000 for x in latencies]  # type: ignore[union-attr]
        print(
            f"    j during the build: {len(lat)} presses, median {statistics.median(lat):.0f} ms,"
            f" max {max(lat):.0f} ms"
        )


def child(root: Path, db: Path, keys: int) -> None:
    """One start of the app in this (fresh) interpreter; JSON on stdout."""
    found = asyncio.run(one_run(root, db, keys))
    found["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(found))


def start(root: Path, db: Path, keys: int) -> dict[str, float | list[float]]:
    args = [sys.executable, __file__, "--child", "--dir", str(root), "--db", str(db)]
    done = subprocess.run([*args, "--keys", str(keys)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.dir, args.db, args.keys)
        return
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = args.dir
        if root is None:
            root = Path(tmp) / "corpus"
            subprocess.run(
                [sys.executable, str(HERE / "make_corpus.py"), str(root), "--n", str(args.n)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        count = sum(1 for _ in root.rglob("*.txt"))
        print(f"corpus: {root} ({count} files)")
        db = Path(tmp) / "data" / "annotations.json"
        report("cold cache", start(root, db, args.keys))
        report("warm cache", start(root, db, 0))
        print("(warm is cold again if the extractor's files changed in between)")


if __name__ == "__main__":
    main()
