"""Benchmark the annotation store and anchoring at realistic sizes.

    python bench/annotations.py [--annotations 10000] [--ops 200] [--dir DIR]

Prints p50/p95/max for creating, editing and deleting one annotation in a
database that holds N annotations (each including its durable write), the time
to open the database, and the time to open an article with 500 annotations
(for_article + place_all), unchanged and after the article was edited.
Targets: change p95 <= 50 ms at 10k; article open <= 100 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import machine
from reader.annotations.anchoring import place_all
from reader.annotations.model import Anchor, Annotation, Kind, Source
from reader.annotations.store import AnnotationStore

WORDS = [
    *("the", "minister", "said", "inflation", "rose", "percent", "talks", "Kyiv", "Moscow"),
    *("ceasefire", "sanctions", "officials", "spokesman", "agreement", "troops", "border"),
]


def article_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) + rng.choice(("", "", ",", ".")) for _ in range(words))


def make(rng: random.Random, article_id: str, text: str, text_hash: str) -> Annotation:
    start = rng.randrange(0, len(text) - 80)
    end = start + rng.randrange(5, 80)
    return Annotation(
        article_id=article_id,
        kind=rng.choice(list(Kind)),
        anchor=Anchor.from_text(text, start, end, text_hash),
        tags=("claim",),
        note=article_text(rng, 20),
        sources=(Source("https://example.org/" + rng.choice(WORDS)),),
        author="bench",
    )


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"{name:<34} n={len(ms):<4} p50={statistics.median(ms):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={ms[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database")
    args = parser.parse_args()
    rng = random.Random(7)

    print(machine())
    texts = {f"article-{i:03}.txt": article_text(rng, 3000) for i in range(40)}
    hashes = {k: hashlib.sha256(v.encode()).hexdigest() for k, v in texts.items()}
    hot = "article-000.txt"
    ids = list(texts)

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        db = Path(folder) / "annotations.json"
        store = AnnotationStore.open(db)
        seed = [make(rng, hot, texts[hot], hashes[hot]) for _ in range(500)]
        rest = args.annotations - len(seed)
        for i in range(rest):
            article = ids[1 + i % (len(ids) - 1)]
            seed.append(make(rng, article, texts[article], hashes[article]))
        print(f"batch write of {len(seed)}: {timed(lambda: store.apply_batch(seed, [])):.0f} ms")
        print(f"database size: {db.stat().st_size / 1e6:.1f} MB")

        opened: list[AnnotationStore] = []
        open_ms = timed(lambda: opened.append(AnnotationStore.open(db)))
        print(f"open with {len(seed)}: {open_ms:.0f} ms")
        store = opened[0]

        creates, edits, deletes = [], [], []
        for i in range(args.ops):
            article = rng.choice(ids)
            ann = make(rng, article, texts[article], hashes[article])
            creates.append(timed(lambda ann=ann: store.add(ann)))
            if i % 2 == 0:
                target = store.get(ann.id)
                assert target is not None
                edits.append(timed(lambda t=target: store.update(t.edited(note="edited"))))
            else:
                deletes.append(timed(lambda a=ann: store.delete(a.id)))
        undos = [timed(store.undo) for _ in range(min(50, args.ops))]
        print(summary(f"create (db of ~{len(seed)})", creates))
        print(summary("edit", edits))
        print(summary("delete", deletes))
        print(summary("undo", undos))

        text, text_hash = texts[hot], hashes[hot]
        edited = "A new first paragraph was added. " + text[:5000] + text[5400:]
        edited_hash = hashlib.sha256(edited.encode()).hexdigest()
        rewritten = article_text(random.Random(99), 3000)
        for label, body, digest in (
            ("article open, 500 notes, unchanged", text, text_hash),
            ("article open, 500 notes, edited", edited, edited_hash),
            ("article open, 500 notes, rewritten", rewritten, "rewritten"),
        ):
            runs = [
                timed(lambda b=body, d=digest: place_all(store.for_article(hot), b, d))
                for _ in range(20)
            ]
            print(summary(label, runs))
        states: dict[str, int] = {}
        for placement in place_all(store.for_article(hot), edited, edited_hash).values():
            states[placement.state] = states.get(placement.state, 0) + 1
        print(f"states after the edit: {states}")


if __name__ == "__main__":
    main()
