"""Benchmark corpus loading: time to the first articles, full load, peak memory.

    python bench/corpus.py --n 10000 [--dir bench/out/corpus10000] [--repeat 3]

Generates the corpus with bench/make_corpus.py if the folder does not hold it
yet, then loads it in fresh interpreters (so imports and memory are counted as
a cold start of the program would count them; the OS file cache is warm).
Texts go into a TextStore, as in the app; `--plain` also loads keeping each
text as its own str, to compare. CPU time includes reading every text once.
On a shared machine compare the CPU seconds: wall time grows with the load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine
from make_corpus import make_corpus

PROBE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
c0 = time.process_time()
from reader.corpus import iter_corpus, Corpus, MetadataCache
from pathlib import Path
t_import = time.perf_counter()
root = Path(sys.argv[1])
cache = MetadataCache.for_corpus(root, Path(sys.argv[2])) if sys.argv[2] else None
corpus = Corpus(root=root)
first = None
for item in iter_corpus(root, cache=cache, store=sys.argv[3] == "store"):
    corpus.add(item)
    if first is None and len(corpus.articles) >= 100:
        first = time.perf_counter()
t_end = time.perf_counter()
text_mb = sum(len(a.text) for a in corpus.articles) / 1e6
print(json.dumps({
    "import_s": t_import - t0,
    "first100_s": (first or t_end) - t0,
    "load_s": t_end - t0,
    "cpu_s": time.process_time() - c0,
    "articles": len(corpus.articles),
    "problems": len(corpus.problems),
    "text_mchars": text_mb,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--plain",
        action="store_true",
        help="also load keeping each text as its own str (no TextStore), for comparison",
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="also load with the metadata cache: one cold run (fills it), then warm runs",
    )
    args = parser.parse_args()
    folder = args.dir or Path(__file__).resolve().parent / "out" / f"corpus{args.n}"
    if len(list(folder.glob("*.txt"))) != args.n:
        started = time.perf_counter()
        make_corpus(folder, args.n)
        print(f"generated {args.n} articles in {time.perf_counter() - started:.1f} s")
    size = sum(path.stat().st_size for path in folder.glob("*.txt")) / 1e6
    print(machine())
    print(f"corpus: {folder} ({args.n} files, {size:.1f} MB)")
    runs = [("no cache", "", "store")] * args.repeat
    if args.plain:  # interleaved, so that both see the same machine load
        plain = [("no cache, plain str", "", "plain")] * args.repeat
        runs = [run for pair in zip(runs, plain, strict=True) for run in pair]
    with tempfile.TemporaryDirectory() as cache_dir:
        if args.cache:
            runs += [("cache, cold", cache_dir, "store")]
            runs += [("cache, warm", cache_dir, "store")] * args.repeat
        for run, (label, cache, texts) in enumerate(runs):
            report(run + 1, label, probe(folder, cache, texts))


def probe(folder: Path, cache: str, texts: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), cache, texts],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def report(run: int, label: str, r: dict[str, float]) -> None:
    print(
        f"run {run} ({label}): import {r['import_s']:.2f} s, first 100 articles "
        f"{r['first100_s']:.2f} s, all {r['articles']} articles {r['load_s']:.2f} s "
        f"(CPU {r['cpu_s']:.2f} s), {r['problems']} problems, "
        f"peak RSS {r['peak_rss_mb']:.0f} MB ({r['text_mchars']:.1f} M chars of text)"
    )


if __name__ == "__main__":
    main()
