"""Peak memory of the corpus-wide triage data, each step in a fresh process.

    python bench/triage_memory.py [--dir bench/out/corpus10000] [--n 10000]
        [--steps corpus,cold,warm] [--claims] [--trace N]

Steps (each a fresh subprocess, so ru_maxrss is that step's own peak):
- corpus: load the corpus only (the floor: the texts themselves);
- cold:   load + build_corpus_triage with the real extractor, empty cache dir;
- warm:   load + build_corpus_triage reloading the caches `cold` wrote.
`--claims` also scores every article's check-worthy claims (as the app does
after the build, `find_worthy`) and builds the TUI's TriageState.
Prints peak RSS (ru_maxrss) and the RSS once the build is done and garbage
collected. `--trace N` instead runs tracemalloc over a cold build of the first
N articles and prints the 15 biggest allocation sites still alive, and the peak.

Measured 2026-11-21, 2 cpus (AMD EPYC), Python 3.11.7, bench corpus of 10,000
articles (54.2 M chars), load average 5-7 (5 people on 2 cpus: the times are
noisy; compare CPU). The corpus alone peaks at 151-152 MB. Peak RSS, with the
check-worthy claims (`--claims`) unless said:
                        first   before   after (trimem branch)
  cold build              748     252
  warm build              739     246
  cold build + claims       -     302     200 MB (+48 over the corpus)
  warm build + claims     343     269     200 MB (+48)
"after": claims kept as spans (WorthySpans) instead of ~80,000 Claim objects
(-45 MB), a compact Timeline (-11 MB), mention arrays in the smallest integer
type, similarity weights kept once, no article texts held by the index, a
two-pass similarity build and cache files read without a whole-file copy.
Cold build CPU time unchanged within the noise (1,500 articles, main vs
branch alternated: build 9.2-11.3 s vs 10.1-10.4 s, claims 13.9-15.0 s vs
14.4-18.1 s); 10k cold on this branch: build 77 s CPU, claims 96 s CPU.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.machine import machine  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_step(step: str, folder: Path, cache_dir: Path, n: int, claims: bool) -> dict:
    """One step in this process; the figures as a dict."""
    from reader.corpus import load_corpus
    from reader.entities import entities_for

    started = time.perf_counter()
    articles = list(load_corpus(folder).articles)[:n]
    out = {"step": step, "articles": len(articles), "load_s": time.perf_counter() - started}
    out["chars_M"] = sum(len(a.text) for a in articles) / 1e6
    gc.collect()
    out["after_load_mb"] = rss_mb()
    if step != "corpus":
        from reader.triage.workspace import build_corpus_triage

        started, cpu = time.perf_counter(), time.process_time()
        corpus = build_corpus_triage(articles, entities_for, cache_dir)
        out["build_s"] = time.perf_counter() - started
        out["build_cpu_s"] = time.process_time() - cpu
        out["cache"] = [corpus.index.cache_status, corpus.similarity.cache_status]
        if claims:
            from reader.tui.claims_cache import CLAIMS_CACHE_FILE
            from reader.tui.triage_state import TriageState, find_worthy

            state = TriageState.of(corpus, articles)
            started, cpu = time.perf_counter(), time.process_time()
            find_worthy(
                articles,
                corpus.index,
                lambda: False,
                lambda found, _done: state.worthy.update(found),
                cache_dir / CLAIMS_CACHE_FILE,
            )
            out["claims_s"] = time.perf_counter() - started
            out["claims_cpu_s"] = time.process_time() - cpu
        gc.collect()
        out["after_build_mb"] = rss_mb()
    out["peak_mb"] = peak_mb()
    return out


def trace(folder: Path, n: int) -> None:
    import tracemalloc

    from reader.corpus import load_corpus
    from reader.entities import entities_for
    from reader.triage.workspace import build_corpus_triage

    articles = list(load_corpus(folder).articles)[:n]
    gc.collect()
    tracemalloc.start(1)
    base = tracemalloc.take_snapshot()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus_triage(articles, entities_for, Path(tmp))
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        snap = tracemalloc.take_snapshot()
    print(f"traced after build {current / 1e6:.1f} MB, peak {peak / 1e6:.1f} MB ({n} articles)")
    for stat in snap.compare_to(base, "lineno")[:15]:
        print(f"  {stat.size_diff / 1e6:7.1f} MB {stat.count_diff:>9,} blocks  {stat.traceback}")
    del corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=HERE / "out" / "corpus10000")
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--steps", default="corpus,cold,warm")
    parser.add_argument("--claims", action="store_true")
    parser.add_argument("--trace", type=int, default=0)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.trace:
        trace(args.dir, args.trace)
        return
    if args.step:
        print(json.dumps(run_step(args.step, args.dir, args.cache_dir, args.n, args.claims)))
        return
    if not args.dir.is_dir():
        sys.path.insert(0, str(HERE))
        from make_corpus import make_corpus

        make_corpus(args.dir, args.n)
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        for step in args.steps.split(","):
            cmd = [sys.executable, __file__, "--step", step, "--dir", str(args.dir)]
            cmd += ["--n", str(args.n), "--cache-dir", tmp] + (["--claims"] * args.claims)
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if result.returncode:
                print(f"{step}: failed\n{result.stderr[-2000:]}")
                continue
            r = json.loads(result.stdout.strip().splitlines()[-1])
            line = f"{step:<7} {r['articles']:,} articles ({r['chars_M']:.1f} M chars): "
            line += f"peak RSS {r['peak_mb']:6.0f} MB, after load {r['after_load_mb']:5.0f} MB"
            if "after_build_mb" in r:
                line += f", after build {r['after_build_mb']:5.0f} MB"
                line += f", build {r['build_s']:.1f} s (CPU {r['build_cpu_s']:.1f} s)"
                line += f" (caches {'/'.join(r['cache'])})"
            if "claims_s" in r:
                line += f", claims {r['claims_s']:.1f} s (CPU {r['claims_cpu_s']:.1f} s)"
            print(line, flush=True)


if __name__ == "__main__":
    main()
