"""Entity benchmark: precision / recall / F1 and throughput of `extract_entities`
against the hand-labelled sets in `bench/entity_sets/`.

    python -m bench.entities                 # every set, printed separately
    python -m bench.entities --set dev --errors PERSON   # debug on the dev set only
    python -m bench.entities --json

The held-out sets (heldout, heldout2) are never used for tuning: `--errors` is
refused on them.

The headline throughput is cold: in a fresh process, one call per article over
generated articles (`bench.make_corpus`), each text timed once. The per-set
figure ("warm, repeated text") times one call on copies of the set's texts
concatenated, where the extractor's per-call caches make every copy after the
first cheaper, so it overstates the speed on real text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.entity_sets.annfile import GoldDoc, load_set
from bench.entity_sets.scoring import ALL, LABELS, Score, errors, match, score_set
from bench.make_corpus import make_corpus
from reader.entities import extract_entities

SETS_DIR = Path(__file__).resolve().parent / "entity_sets"
SET_NAMES = ("dev", "heldout", "selfcheck", "heldout2")
TUNABLE = ("dev", "selfcheck")  # `--errors` is refused on every other set
COLD_MB = 5.0  # generated text timed by the cold throughput run
COLD_SEED = 7
MAX_TIMED_BYTES = 32 * 1000 * 1000  # stop growing the timed text here even if under 1 s


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model or "unknown",
        "load_average": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def predict(docs: list[GoldDoc]) -> list[list]:
    return [extract_entities(doc.text, doc.published) for doc in docs]


def throughput(docs: list[GoldDoc], repeats: int, min_seconds: float) -> dict[str, float]:
    """MB/s of one `extract_entities` call over the set's texts concatenated
    enough times for a call to take `min_seconds`; best of `repeats` calls."""
    unit = "\n\n".join(doc.text for doc in docs)
    unit_bytes = len(unit.encode("utf-8"))
    cap = max(1, MAX_TIMED_BYTES // unit_bytes)
    times = 1
    while True:
        text = unit * times
        start = time.perf_counter()
        extract_entities(text, None)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds or times >= cap:
            break
        grow = 16 if elapsed <= 0 else int(min_seconds / elapsed * 1.2) + 1
        times = min(cap, times * max(2, min(16, grow)))
    size = unit_bytes * times
    best = elapsed
    for _ in range(max(0, repeats - 1)):
        start = time.perf_counter()
        extract_entities(text, None)
        best = min(best, time.perf_counter() - start)
    return {
        "bytes": size,
        "copies": times,
        "best_seconds": best,
        "mb_per_s": (size / 1e6) / best if best > 0 else None,
        "under_min_seconds": elapsed < min_seconds,
    }


def _cold_worker(folder: str) -> None:
    """Child process of `cold_throughput`: time one call per article, print JSON."""
    from reader.corpus.metadata import read_metadata
    from reader.entities.lexicon import lexicon

    articles = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        published = read_metadata(text, path.stem).published.value
        try:
            published = date.fromisoformat(published or "").isoformat()
        except ValueError:
            published = None
        articles.append((text, published))
    start = time.perf_counter()
    lexicon()
    load_seconds = time.perf_counter() - start
    seconds = cpu_seconds = 0.0
    for text, published in articles:
        start, cpu_start = time.perf_counter(), time.process_time()
        extract_entities(text, published)
        seconds += time.perf_counter() - start
        cpu_seconds += time.process_time() - cpu_start
    size = sum(len(text.encode("utf-8")) for text, _ in articles)
    dated = sum(published is not None for _, published in articles)
    result = {"articles": len(articles), "dated": dated, "bytes": size}
    times = {"seconds": seconds, "cpu_seconds": cpu_seconds, "load": load_seconds}
    print(json.dumps(result | times))


def cold_throughput(megabytes: float, seed: int = COLD_SEED) -> dict[str, Any]:
    """MB/s of `extract_entities` over at least `megabytes` of generated articles,
    one call per article, each timed once in a fresh process (no warm caches;
    the gazetteer load is timed apart and left out)."""
    target = int(megabytes * 1e6)
    with tempfile.TemporaryDirectory(prefix="entities-cold-") as tmp:
        n, attempt = max(1, target // 5000 + 1), 0
        while True:
            folder = Path(tmp) / f"corpus{attempt}"
            make_corpus(folder, n, seed)
            size = sum(len(p.read_bytes()) for p in folder.glob("*.txt"))
            if size >= target:
                break
            n, attempt = int(n * target / max(1, size)) + 1 + n // 20, attempt + 1
        load_before = machine()["load_average"]
        done = subprocess.run(
            [sys.executable, "-m", "bench.entities", "--cold-worker", str(folder)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    seconds, cpu = result["seconds"], result["cpu_seconds"]
    result |= {
        "seed": seed,
        "mb_per_s": (result["bytes"] / 1e6) / seconds if seconds > 0 else None,
        "cpu_mb_per_s": (result["bytes"] / 1e6) / cpu if cpu > 0 else None,
        "load_average_before": load_before,
    }
    return result


def _print_cold(cold: dict[str, Any]) -> None:
    rate = "n/a" if cold["mb_per_s"] is None else f"{cold['mb_per_s']:.2f}"
    print(f"HEADLINE throughput (cold, varied text, one core): {rate} MB/s")
    print(
        f"  {cold['articles']} generated articles (make_corpus seed {cold['seed']}, "
        f"{cold['dated']} with a publication date), {cold['bytes'] / 1e6:.2f} MB, "
        f"one call each in a fresh process: {cold['seconds']:.2f} s wall "
        f"(gazetteer load {cold['load']:.2f} s not counted); "
        f"load average before: {' '.join(str(x) for x in cold['load_average_before'])}"
    )
    cpu = "n/a" if cold["cpu_mb_per_s"] is None else f"{cold['cpu_mb_per_s']:.2f}"
    print(
        f"  by CPU time of the child ({cold['cpu_seconds']:.2f} s): {cpu} MB/s "
        "(what one uncontended core would give; the wall figure is lower when the machine is busy)"
    )


def _table(exact: Score, overlap: Score, gold_n: dict[str, int], pred_n: dict[str, int]) -> str:
    head = f"{'label':9} {'gold':>5} {'pred':>5} | {'exact P':>7} {'R':>6} {'F1':>6} | "
    head += f"{'overlap P':>9} {'R':>6} {'F1':>6}"
    rows = [head, "-" * len(head)]
    for label in (*LABELS, ALL):
        e = exact.overall if label == ALL else exact.by_label[label]
        o = overlap.overall if label == ALL else overlap.by_label[label]
        g = sum(gold_n.values()) if label == ALL else gold_n.get(label, 0)
        p = sum(pred_n.values()) if label == ALL else pred_n.get(label, 0)
        rows.append(
            f"{label:9} {g:5d} {p:5d} | {e.precision:7.3f} {e.recall:6.3f} {e.f1:6.3f} | "
            f"{o.precision:9.3f} {o.recall:6.3f} {o.f1:6.3f}"
        )
    return "\n".join(rows)


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


def _overlapping(spans: list, start: int, end: int) -> str:
    hits = [f"{s.label}:{s.text!r}" for s in spans if s.start < end and start < s.end]
    return f"  <-> {', '.join(hits)}" if hits else ""


def _print_errors(docs: list[GoldDoc], preds: list[list], label: str) -> None:
    """FN/FP of `label` under exact matching, each with what it overlaps on the
    other side; for DATE also the exact matches whose value is wrong."""
    print(f"\nerrors for {label} (exact match):")
    for doc, pred in zip(docs, preds, strict=True):
        missed, spurious = errors(doc.spans, pred, label)
        for kind, spans, other in (("FN", missed, pred), ("FP", spurious, list(doc.spans))):
            for s in spans:
                value = f" value={s.value}" if s.value else ""
                where = f"{doc.name} {s.start}-{s.end}{value}"
                context = _context(doc.text, s.start, s.end)
                print(f"  {kind} {where}: {context}{_overlapping(other, s.start, s.end)}")
        if label == "DATE":
            for i, j in match(doc.spans, pred, "exact"):
                g, p = doc.spans[i], pred[j]
                if str(g.label) == label and g.value is not None and p.value != g.value:
                    print(f"  VAL {doc.name} {g.start}-{g.end} {g.text!r}: {p.value} != {g.value}")
    print("  (FN: gold span not predicted exactly; FP: prediction not in gold;")
    print("   <-> what it overlaps on the other side; VAL: right span, wrong value)")


def run_set(name: str, repeats: int, min_seconds: float) -> tuple[dict[str, Any], list, list]:
    docs = load_set(SETS_DIR / name)
    preds = predict(docs)
    pairs = [(doc.spans, pred) for doc, pred in zip(docs, preds, strict=True)]
    exact = score_set(pairs, "exact")
    overlap = score_set(pairs, "overlap")
    gold_n = {k: sum(str(s.label) == k for d in docs for s in d.spans) for k in LABELS}
    pred_n = {k: sum(str(e.label) == k for p in preds for e in p) for k in LABELS}
    result: dict[str, Any] = {
        "docs": len(docs),
        "chars": sum(len(d.text) for d in docs),
        "gold": gold_n,
        "pred": pred_n,
        "exact": {k: v.to_json() for k, v in exact.by_label.items()}
        | {ALL: exact.overall.to_json()},
        "overlap": {k: v.to_json() for k, v in overlap.by_label.items()}
        | {ALL: overlap.overall.to_json()},
        "date_values": {
            "correct": exact.values_correct,
            "total": exact.values_total,
            "accuracy": exact.value_accuracy,
        },
        "throughput": throughput(docs, repeats, min_seconds),
        "_table": _table(exact, overlap, gold_n, pred_n),
    }
    return result, docs, preds


def _print_set(name: str, result: dict[str, Any], table: str, repeats: int, min_s: float) -> None:
    tp, dv = result["throughput"], result["date_values"]
    acc = "n/a" if dv["accuracy"] is None else f"{dv['accuracy']:.1%}"
    rate = "n/a" if tp["mb_per_s"] is None else f"{tp['mb_per_s']:.2f}"
    print(f"== set {name}: {result['docs']} docs, {result['chars']:,} chars")
    print(table)
    print(
        f"DATE values: {dv['correct']}/{dv['total']} correct ({acc}) "
        "of exactly matched DATE spans with a gold value"
    )
    print(
        f"throughput (warm, repeated text): {rate} MB/s (best of {repeats} calls on "
        f"{tp['bytes'] / 1e6:.2f} MB"
        f" = {tp['copies']} copies of the set; {tp['best_seconds']:.3f} s)"
    )
    if tp["under_min_seconds"]:
        print(f"  (a call on the largest text took under {min_s} s: the figure is imprecise)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SET_NAMES, "all"], default="all")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--errors",
        metavar="LABEL",
        type=str.upper,
        choices=LABELS,
        help="list false negatives and positives of LABEL (dev and selfcheck only)",
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed calls (best is kept)")
    parser.add_argument("--min-seconds", type=float, default=1.0, help="minimum time of one call")
    parser.add_argument(
        "--cold-mb",
        type=float,
        default=COLD_MB,
        help="MB of generated articles for the cold throughput (0: skip it)",
    )
    parser.add_argument("--cold-worker", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_worker:
        _cold_worker(args.cold_worker)
        return 0
    if args.errors and args.set not in TUNABLE:
        parser.error(
            f"--errors is for {' and '.join(TUNABLE)}: {args.set} is never used for tuning"
        )
    names = SET_NAMES if args.set == "all" else (args.set,)
    sets: dict[str, Any] = {}
    report: dict[str, Any] = {"machine": machine(), "sets": sets}
    for name in names:
        if not (SETS_DIR / name).is_dir():
            print(f"set {name}: missing ({SETS_DIR / name})", file=sys.stderr)
            continue
        result, docs, preds = run_set(name, args.repeats, args.min_seconds)
        table = result.pop("_table")
        sets[name] = result
        if args.json:
            continue
        _print_set(name, result, table, args.repeats, args.min_seconds)
        if args.errors and name in TUNABLE:
            _print_errors(docs, preds, args.errors)
        print()
    if args.cold_mb > 0:
        report["cold_throughput"] = cold_throughput(args.cold_mb)
        if not args.json:
            _print_cold(report["cold_throughput"])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        m = report["machine"]
        print(
            f"machine: {m['cpu_count']} cpus, {m['cpu_model']}, "
            f"Python {m['python']}, {m['platform']}, "
            f"load average at start {' '.join(str(x) for x in m['load_average'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
