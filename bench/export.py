"""Benchmark: export 10,000 annotations in every format, and import them.

Targets: export <= 2 s per format, import <= 5 s (parse + check + merge + one
durable write into an empty database). Uses the sample corpus (seeds/) and
random spans on it, so placement and entity lookup run on real text.

    python bench/export.py [--count N] [--corpus seeds] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from reader.annotations.model import Anchor, Annotation, Kind, Source, Status
from reader.annotations.store import AnnotationStore
from reader.corpus import Corpus, load_corpus
from reader.entities import entities_for
from reader.export import FORMATS, export_annotations, import_annotations, parse_export

VERDICTS = ["true", "mostly true", "mixed", "mostly false", "false", "unproven"]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def make_annotations(corpus: Corpus, count: int, seed: int = 7) -> list[Annotation]:
    rng = random.Random(seed)
    kinds = list(Kind)
    found = []
    for n in range(count):
        article = corpus.articles[n % len(corpus.articles)]
        start = rng.randrange(0, max(1, len(article.text) - 200))
        end = start + rng.randrange(5, 200)
        kind = kinds[n % len(kinds)]
        found.append(
            Annotation(
                article_id=article.id,
                kind=kind,
                anchor=Anchor.from_text(article.text, start, end, article.text_hash),
                note=f"note {n}: check this against the wire copy",
                tags=("bench", f"t{n % 7}"),
                claim="a claim to check" if kind is Kind.FACTCHECK else "",
                claimant="The Kremlin" if kind is Kind.FACTCHECK else "",
                verdict=VERDICTS[n % len(VERDICTS)] if kind is Kind.FACTCHECK else None,
                conclusion="what the sources show" if kind is Kind.FACTCHECK else "",
                sources=(Source(f"https://example.org/{n}", "a source"),),
                status=list(Status)[n % 3],
                author="bench",
                created=f"2024-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}+00:00",
            )
        )
    return found


def best_of(repeat: int, work) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=Path("seeds"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    corpus = load_corpus(args.corpus)
    if not corpus.articles:
        print(f"no articles in {args.corpus}", file=sys.stderr)
        return 2
    annotations = make_annotations(corpus, args.count)
    print(f"machine: {cpu_model()}, nproc={os.cpu_count()}, python {platform.python_version()}")
    started = time.perf_counter()
    for article in corpus.articles:
        entities_for(article)
    print(
        f"corpus: {len(corpus.articles)} articles; entity extraction of all once: "
        f"{time.perf_counter() - started:.3f} s (included in every export below)"
    )
    print(f"annotations: {len(annotations)}, best of {args.repeat}")
    ok = True
    native_text = ""
    for name in FORMATS:
        seconds, result = best_of(
            args.repeat, lambda name=name: export_annotations(name, corpus, annotations)
        )
        assert result is not None
        if name == "json":
            native_text = result.text
        verdict = "ok" if seconds <= 2.0 else "SLOW (target 2 s)"
        ok &= seconds <= 2.0
        print(
            f"export {name:14s} {seconds:7.3f} s  {result.count:6d} items  "
            f"{len(result.text.encode()) / 1e6:6.1f} MB  {verdict}"
        )

    def import_once() -> tuple[float, float]:
        with tempfile.TemporaryDirectory() as folder:
            t0 = time.perf_counter()
            incoming = parse_export(native_text)
            t1 = time.perf_counter()
            with AnnotationStore.open(Path(folder) / "db.json") as store:
                report = import_annotations(incoming, store, corpus)
            assert report.added == len(annotations), report
            return t1 - t0, time.perf_counter() - t0

    best_parse, best_total = float("inf"), float("inf")
    for _ in range(args.repeat):
        parse, total = import_once()
        best_parse, best_total = min(best_parse, parse), min(best_total, total)
    verdict = "ok" if best_total <= 5.0 else "SLOW (target 5 s)"
    ok &= best_total <= 5.0
    print(
        f"import (into an empty db)  {best_total:7.3f} s  (parse + check {best_parse:.3f} s)  "
        f"{verdict}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
