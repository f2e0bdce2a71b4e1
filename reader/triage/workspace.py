"""One-call builders for the TUI: the corpus-wide triage data (run it in a
thread worker) and the triage of the open article (fast, on demand)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.annotations.model import Annotation
from reader.corpus.article import Article
from reader.entities.model import Entity
from reader.triage.claims import DEFAULT_THRESHOLD, Claim, score_claims, unchecked_claims
from reader.triage.duplicates import DuplicateTitles, near_duplicate_titles
from reader.triage.index import EntityIndex
from reader.triage.index_build import CACHE_FILE, Extract, build_entity_index
from reader.triage.quotes import Quote, SourcingSummary, find_quotes, sourcing_summary
from reader.triage.related import SimilarityIndex, build_similarity
from reader.triage.timeline import Timeline, TimelineEntry

SIMILARITY_CACHE_FILE = "similarity.bin"
CACHE_ROOT = ".cache"
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class CorpusTriage:
    """Everything corpus-wide: the entity index, related-article data, the
    timeline (sentences found on demand: `timeline.entry_sentence`) and the
    groups of duplicate headlines."""

    index: EntityIndex
    similarity: SimilarityIndex
    timeline: Sequence[TimelineEntry]  # a compact Timeline: entries made on access
    duplicate_titles: list[DuplicateTitles]


@dataclass(frozen=True)
class ArticleTriage:
    """The open article: every sentence scored, its quotes and sourcing, and
    the check-worthy claims no fact-check covers yet."""

    claims: list[Claim]
    quotes: list[Quote]
    sourcing: SourcingSummary
    unchecked: list[Claim]


def triage_cache_dir(db_path: Path, corpus_root: Path) -> Path:
    """Where the caches of one corpus live: beside the annotation database,
    `data/.cache/triage-<hash of the corpus folder>/`."""
    where = str(Path(corpus_root).resolve()).encode()
    return Path(db_path).parent / CACHE_ROOT / f"triage-{hashlib.sha256(where).hexdigest()[:12]}"


def build_corpus_triage(
    articles: Sequence[Article],
    extract: Extract,
    cache_dir: Path | None = None,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> CorpusTriage:
    """Build (or reload from `cache_dir`, see `triage_cache_dir`) the corpus-wide
    data. `progress(stage, done, total)` with stage "entities", "similarity",
    "timeline", "headlines"; `should_stop()` -> BuildCancelled."""

    def stage(name: str) -> Callable[[int, int], None] | None:
        return None if progress is None else (lambda done, total: progress(name, done, total))

    cache = None if cache_dir is None else Path(cache_dir) / CACHE_FILE
    similarity_cache = None if cache_dir is None else Path(cache_dir) / SIMILARITY_CACHE_FILE
    index = build_entity_index(
        articles, extract, cache, progress=stage("entities"), should_stop=should_stop
    )
    similarity = build_similarity(
        articles,
        index,
        similarity_cache,
        progress=stage("similarity"),
        should_stop=should_stop,
    )
    timeline = Timeline.build(articles, index)
    if progress is not None:
        progress("timeline", len(articles), len(articles))
    duplicates = near_duplicate_titles(articles)
    if progress is not None:
        progress("headlines", len(articles), len(articles))
    return CorpusTriage(index, similarity, timeline, duplicates)


def triage_article(
    article: Article,
    entities: Sequence[Entity] = (),
    annotations: Iterable[Annotation] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> ArticleTriage:
    """Claims (from the body, title line left out), quotes and sourcing of one
    article; `annotations` of this article decide which claims are unchecked."""
    quotes = find_quotes(article.text, entities)
    claims = score_claims(article.text, entities, quotes, start=article.body_start)
    return ArticleTriage(
        claims=claims,
        quotes=quotes,
        sourcing=sourcing_summary(article.text, entities, quotes),
        unchecked=unchecked_claims(claims, annotations, threshold, article_id=article.id),
    )
