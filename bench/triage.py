"""Benchmark the triage core on a generated corpus.

    python bench/triage.py [--n 10000] [--dir bench/out/corpus10000] [--article-samples 20]

Times: building the entity index with the real extractor (cold, no cache),
the similarity data, a warm reload of the index from its cache (a restart with
unchanged files), then, once built, the corpus timeline, one article's
timeline, the related-articles list of one article, duplicate headlines,
one article's claims and quotes, and a two-article comparison. Targets for the
per-article steps: 200 ms.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench.machine import machine  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402
from reader.entities import entities_for  # noqa: E402
from reader.triage.claims import score_claims  # noqa: E402
from reader.triage.compare import compare_articles  # noqa: E402
from reader.triage.index_build import (  # noqa: E402
    CACHE_FILE,
    build_entity_index,
    extractor_fingerprint,
)
from reader.triage.quotes import find_quotes  # noqa: E402
from reader.triage.related import (  # noqa: E402
    build_similarity,
    duplicates_of,
    near_duplicate_titles,
)
from reader.triage.timeline import Timeline, build_timeline, for_article  # noqa: E402
from reader.triage.workspace import SIMILARITY_CACHE_FILE  # noqa: E402


def ensure_corpus(folder: Path, n: int) -> None:
    if len(list(folder.glob("*.txt"))) == n:
        return
    from make_corpus import make_corpus

    started = time.perf_counter()
    make_corpus(folder, n)
    print(f"generated {n} articles in {time.perf_counter() - started:.1f} s")


def timed(label: str, func, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = func(*args, **kwargs)
    elapsed = time.perf_counter() - started
    print(f"{label:<48} {fmt(elapsed)}")
    return result


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms" if seconds < 1 else f"{seconds:8.2f} s "


def per_article(label: str, func, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    times = []
    for article_id in ids:
        started = time.perf_counter()
        func(article_id)
        times.append(time.perf_counter() - started)
    print(
        f"{label:<48} {fmt(statistics.median(times))} median, {fmt(max(times))} max "
        f"({len(ids)} articles)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--article-samples", type=int, default=20)
    args = parser.parse_args()
    folder = args.dir or HERE / "out" / f"corpus{args.n}"
    ensure_corpus(folder, args.n)
    cache_dir = HERE / "out" / "triage-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache = cache_dir / CACHE_FILE

    print(machine())
    corpus = timed("load corpus", load_corpus, folder)
    articles = corpus.articles
    mchars = sum(len(a.text) for a in articles) / 1e6
    print(f"corpus: {folder} ({len(articles)} articles, {mchars:.1f} M chars)")

    # One fingerprint for the whole run, so others editing the extractor's
    # files meanwhile do not turn the warm reload into a rebuild.
    fingerprint = timed(
        "extractor fingerprint (hash of its package)", extractor_fingerprint, entities_for
    )
    index = timed(
        "entity index, cold (real extractor)",
        build_entity_index,
        articles,
        entities_for,
        cache,
        extractor_id=fingerprint,
    )
    mentions = sum(len(index.entities(a.id)) for a in articles)
    print(f"  {index.extracted} extracted, {len(index)} keys, {mentions} mentions")
    if mentions == 0:
        print("  WARNING: the extractor found no entities (placeholder?): figures below lack them")
    print(f"  cache file {cache.stat().st_size / 1e6:.1f} MB")
    sim_cache = cache_dir / SIMILARITY_CACHE_FILE
    timed(
        "similarity data, cold (TF-IDF, words + entities)",
        build_similarity,
        articles,
        index,
        sim_cache,
    )
    print(f"  cache file {sim_cache.stat().st_size / 1e6:.1f} MB")
    warm = timed(
        "entity index, warm reload from cache",
        build_entity_index,
        articles,
        entities_for,
        cache,
        extractor_id=fingerprint,
    )
    print(f"  {warm.reused} reused, {warm.extracted} extracted")
    index = warm
    similarity = timed(
        "similarity data, warm reload from cache", build_similarity, articles, index, sim_cache
    )
    print(f"  cache {similarity.cache_status}")

    timed(
        "corpus timeline (list, no sentences)",
        build_timeline,
        articles,
        index,
        with_sentences=False,
    )
    timeline = timed(
        "corpus timeline (compact, as the app holds it)", Timeline.build, articles, index
    )
    timed("every entry of the compact timeline made (list(timeline))", list, timeline)
    timed("corpus timeline (with sentences)", build_timeline, articles, index)
    print(f"  {len(timeline)} dated mentions")

    if len(index):
        top = index.keys()[0]
        timed(
            f"articles for the commonest key ({index.article_count(top)} articles)",
            index.articles_for,
            top,
        )
        found = timed("every mention of the commonest key", index.mentions, top)
        print(f"  {len(found)} mentions of {top}")
        timed("its mentions in one article", index.mentions, top, articles[len(articles) // 2].id)

    step = max(1, len(articles) // args.article_samples)
    sample = [a.id for a in articles[::step]][: args.article_samples]
    by_id = {a.id: a for a in articles}
    per_article("one article's timeline (filter)", lambda aid: for_article(timeline, aid), sample)
    per_article(
        "one article's timeline (build, with sentences)",
        lambda aid: build_timeline([by_id[aid]], index),
        sample,
    )
    per_article("related articles for one article (top 10)", similarity.related, sample)
    per_article(
        "duplicate headlines of one article",
        lambda aid: duplicates_of(by_id[aid], articles),
        sample,
    )
    groups = timed("duplicate headline groups, whole corpus", near_duplicate_titles, articles)
    print(f"  {len(groups)} groups, largest {max((len(g.article_ids) for g in groups), default=0)}")

    def claims(aid: str) -> None:
        article = by_id[aid]
        entities = index.entities(aid)
        score_claims(
            article.text, entities, find_quotes(article.text, entities), article.body_start
        )

    per_article("claims + quotes of one article", claims, sample)
    pairs = list(itertools.pairwise(sample))
    per_article(
        "compare two articles",
        lambda aid: compare_articles(by_id[aid], by_id[dict(pairs).get(aid, sample[0])]),
        sample,
    )


if __name__ == "__main__":
    main()
