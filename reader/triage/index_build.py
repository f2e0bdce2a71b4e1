"""Building the entity index, with a cache of extracted mentions on disk.

`build_entity_index(articles, extract, cache_path)` runs the extractor on each
article whose text (by hash) is not already in the cache, and writes the cache
back atomically (a binary file of typed arrays: a MentionStore). A cache that
cannot be read, has another format, or was made by another version of the
extractor is ignored and rebuilt. Building touches no
shared state, so it can run in a background thread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from reader.code_fingerprint import extractor_fingerprint
from reader.corpus.article import Article
from reader.entities.model import Entity
from reader.triage.index import EntityIndex
from reader.triage.mention_store import MentionStore, Row

__all__ = ["BuildCancelled", "build_entity_index", "default_cache_path", "extractor_fingerprint"]

CACHE_FILE = "entity_index.bin"

Extract = Callable[[Article], Sequence[Entity]]


class BuildCancelled(Exception):
    """`should_stop()` returned True while the index was being built."""


def default_cache_path(db_path: Path, corpus_root: Path | None = None) -> Path:
    """The cache file beside the annotation database, one per corpus folder:
    `data/.cache/entity_index-<hash of the corpus path>.bin`. The cache keeps
    only the texts of the corpus it was last built for."""
    stem = CACHE_FILE.removesuffix(".bin")
    if corpus_root is not None:
        where = str(Path(corpus_root).resolve()).encode()
        stem += "-" + hashlib.sha256(where).hexdigest()[:12]
    return Path(db_path).parent / ".cache" / f"{stem}.bin"


def _rows_of(entities: Sequence[Entity]) -> Iterable[Row]:
    return ((e.start, e.end, str(e.label), e.value, e.key) for e in entities)


def _covers(
    cached: MentionStore,
    articles: Sequence[Article],
    progress: Callable[[int, int], None] | None,
) -> bool:
    """Whether `cached` holds every text of `articles` (their mentions inside
    the text) and no other: then it serves as it is."""
    hashes: set[str] = set()
    total = len(articles)
    for done, article in enumerate(articles, 1):
        if article.text_hash not in hashes:
            if article.text_hash not in cached.spans or not cached.fits(
                article.text_hash, len(article.text)
            ):
                return False
            hashes.add(article.text_hash)
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    return len(hashes) == len(cached)


def build_entity_index(
    articles: Sequence[Article],
    extract: Extract,
    cache_path: Path | None = None,
    *,
    extractor_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> EntityIndex:
    """Index `articles`, reusing cached entities for unchanged texts.

    `extract(article)` gives an article's entities. `progress(done, total)` is
    called now and then; `should_stop()` returning True raises BuildCancelled
    (what was extracted so far is still written to the cache). A cache write
    that fails (read-only folder) is not an error: the index is still returned.
    """
    fingerprint = extractor_id or extractor_fingerprint(extract)
    cached, status = (
        MentionStore.load(cache_path, fingerprint) if cache_path else (MentionStore(), "none")
    )
    store = MentionStore()
    reused = extracted = 0
    total = len(articles)
    cancelled = False
    write_error: str | None = None
    whole = status == "loaded" and _covers(cached, articles, progress)
    if whole:
        store, cached = cached, MentionStore()  # as loaded: no second copy
        reused = len(store)
        articles_left: Sequence[Article] = ()
    else:
        articles_left = articles
    for done, article in enumerate(articles_left, 1):
        if article.text_hash not in store.spans:
            if article.text_hash in cached.spans and cached.fits(
                article.text_hash, len(article.text)
            ):
                store.copy(article.text_hash, cached)
                reused += 1
            else:
                if should_stop is not None and should_stop():
                    cancelled = True
                    break
                store.add(article.text_hash, _rows_of(extract(article)))
                extracted += 1
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    changed = extracted or status != "loaded" or len(cached) != len(store)
    if cache_path is not None and not whole and changed:
        if cancelled:  # keep what the cache knew about the articles not reached
            for article in articles:
                if article.text_hash not in store.spans and article.text_hash in cached.spans:
                    store.copy(article.text_hash, cached)
        try:
            store.save(cache_path, fingerprint)
        except OSError as exc:
            write_error = f"cache not saved: {exc}"
    del cached
    if cancelled:
        raise BuildCancelled(f"stopped after {extracted} articles")
    index = EntityIndex(articles, store)
    store.seal()
    index.reused, index.extracted, index.cache_status = reused, extracted, status
    index.cache_error = write_error
    index.fingerprint = fingerprint
    return index
