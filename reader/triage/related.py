"""Related articles: TF-IDF cosine over words and entity keys.

Each article becomes a vector of its words (3+ letters, common words left
out) and its entity keys (weighted double), weighted by 1 + log(tf) times a
smoothed idf and normalised. Only its strongest `TERMS_PER_ARTICLE` terms are
kept: the similarity is a close approximation of the full cosine that keeps
memory and query time small on 10,000 articles. Plain dicts and arrays; no
numpy needed at this size.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.article import Article
from reader.entities.model import Entity
from reader.triage.cachefile import CacheUnreadable, read_json, write_json_atomic
from reader.triage.duplicates import (  # re-exported: the headline checks live there
    DuplicateTitles,
    duplicates_of,
    near_duplicate_titles,
    normalise_title,
)
from reader.triage.index import EntityIndex, entity_key

__all__ = [
    "DuplicateTitles",
    "RelatedArticle",
    "SimilarityIndex",
    "build_similarity",
    "duplicates_of",
    "near_duplicate_titles",
    "normalise_title",
    "related_articles",
]

TERMS_PER_ARTICLE = 120
ENTITY_WEIGHT = 2.0
CACHE_FORMAT = "reader-similarity"
CACHE_VERSION = 1

# Letters of the Latin, Greek and Cyrillic scripts: a plain class is ~2x faster than [^\W\d_].
_WORD = re.compile(r"[a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]{3,}")
_LOG_TF = [0.0] + [1.0 + math.log(tf) for tf in range(1, 1024)]
_STOP = frozenset(
    str.split(
        """the and for that with this from have has had was were are but not you his her
        its they their them she him who whom which what when where why how all any can
        could would should will shall may might must been being into onto over under than
        then there these those also just more most much many some such very said says say
        about after before again against between both each few further here once only other
        our out own same too until while because does did doing done one two three new
        now even still yet per via upon off across among around within without whether
        though although however ever every either neither nor let like make made get got"""
    )
)


@dataclass(frozen=True)
class RelatedArticle:
    """Another article and why it is related."""

    article_id: str
    score: float  # cosine similarity, 0..1
    shared_entities: tuple[str, ...]  # display names, most telling first
    shared_terms: tuple[str, ...]  # words, most telling first


def _tokens(text: str) -> Counter[str]:
    counts = Counter(_WORD.findall(text.lower()))
    for stop in _STOP & counts.keys():
        del counts[stop]
    return counts


EntitySource = Mapping[str, Sequence[Entity]] | EntityIndex | None


def _entity_counts(article_id: str, source: EntitySource, names: dict[str, str]) -> dict[str, int]:
    """Entity keys of one article with their counts; fills `names` (key -> display)."""
    if source is None:
        return {}
    if isinstance(source, EntityIndex):
        counts = source.keys_for(article_id)
        for key in counts:
            if key not in names:
                names[key] = source.display_name(key)
        return counts
    counts = {}
    for entity in source.get(article_id, ()):
        key = entity_key(entity)
        counts[key] = counts.get(key, 0) + 1
        names.setdefault(key, entity.key or entity.text)
    return counts


class SimilarityIndex:
    """Top-weighted term vectors of every article, with an inverted index."""

    def __init__(self) -> None:
        self.cache_status = "none"  # none | loaded | missing | ignored (corrupt/stale)
        self.ids: list[str] = []
        self._position: dict[str, int] = {}
        self._vectors: list[dict[str, float]] = []
        self._postings: dict[str, tuple[array, array]] = {}
        self._names: dict[str, str] = {}

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        entities: EntitySource = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> SimilarityIndex:
        """Vectors for `articles`. `entities`: an EntityIndex or {article id: entities}."""
        self = cls()
        counts: list[Counter[str]] = []
        df: Counter[str] = Counter()
        total = len(articles)
        for done, article in enumerate(articles, 1):
            terms = _tokens(article.text)
            for key, count in _entity_counts(article.id, entities, self._names).items():
                terms["\x00" + key] = count  # "\x00" marks an entity key
            counts.append(terms)
            df.update(terms.keys())
            self._position[article.id] = len(self.ids)
            self.ids.append(article.id)
            if progress is not None and done % 500 == 0:
                progress(done, total)
        n = len(articles)
        idf = {term: math.log((1 + n) / (1 + d)) + 1.0 for term, d in df.items()}
        for terms in counts:
            weights = {
                term: (_LOG_TF[tf] if tf < 1024 else 1.0 + math.log(tf))
                * idf[term]
                * (ENTITY_WEIGHT if term[0] == "\x00" else 1.0)
                for term, tf in terms.items()
            }
            if len(weights) > TERMS_PER_ARTICLE:
                kept = heapq.nlargest(TERMS_PER_ARTICLE, weights, key=weights.__getitem__)
                top = [(term, weights[term]) for term in kept]
            else:
                top = list(weights.items())
            norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
            vector = {term: w / norm for term, w in top}
            self._vectors.append(vector)
        self._index_vectors()
        if progress is not None:
            progress(total, total)
        return self

    def _index_vectors(self) -> None:
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for doc, vector in enumerate(self._vectors):
            for term, w in vector.items():
                docs, ws = postings.setdefault(term, ([], []))
                docs.append(doc)
                ws.append(w)
        self._postings = {t: (array("i", d), array("f", w)) for t, (d, w) in postings.items()}

    def to_json(self, fingerprint: str) -> dict[str, object]:
        return {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "fingerprint": fingerprint,
            "ids": self.ids,
            "names": self._names,
            "vectors": [[list(v), list(v.values())] for v in self._vectors],
        }

    @classmethod
    def from_json(cls, data: object, fingerprint: str) -> SimilarityIndex | None:
        """The index saved by `to_json`, or None if `data` is not one for `fingerprint`."""
        if not (
            isinstance(data, dict)
            and data.get("format") == CACHE_FORMAT
            and data.get("version") == CACHE_VERSION
            and data.get("fingerprint") == fingerprint
        ):
            return None
        ids, names, vectors = data.get("ids"), data.get("names"), data.get("vectors")
        if not (
            isinstance(ids, list)
            and isinstance(names, dict)
            and isinstance(vectors, list)
            and len(ids) == len(vectors)
        ):
            return None
        self = cls()
        try:
            for article_id, (terms, weights) in zip(ids, vectors, strict=True):
                if len(terms) != len(weights) or not isinstance(article_id, str):
                    return None
                self._position[article_id] = len(self.ids)
                self.ids.append(article_id)
                self._vectors.append(
                    {str(t): float(w) for t, w in zip(terms, weights, strict=True)}
                )
        except (TypeError, ValueError):
            return None
        self._names = {str(k): str(v) for k, v in names.items()}
        self._index_vectors()
        return self

    def __len__(self) -> int:
        return len(self.ids)

    def related(
        self, article_id: str, limit: int = 10, min_score: float = 0.05
    ) -> list[RelatedArticle]:
        """The other articles most similar to `article_id`, best first."""
        doc = self._position.get(article_id)
        if doc is None:
            return []
        query = self._vectors[doc]
        scores: dict[int, float] = {}
        for term, qw in query.items():
            docs, ws = self._postings[term]
            for other, w in zip(docs, ws, strict=True):
                scores[other] = scores.get(other, 0.0) + qw * w
        scores.pop(doc, None)
        best = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))
        return [self._explain(doc, other, score) for other, score in best if score >= min_score]

    def _explain(self, doc: int, other: int, score: float) -> RelatedArticle:
        mine, theirs = self._vectors[doc], self._vectors[other]
        shared = sorted(set(mine) & set(theirs), key=lambda t: -mine[t] * theirs[t])
        entities = tuple(self._name(t[1:]) for t in shared if t[0] == "\x00")[:5]
        words = tuple(t for t in shared if t[0] != "\x00")[:5]
        return RelatedArticle(self.ids[other], round(min(score, 1.0), 4), entities, words)

    def _name(self, key: str) -> str:
        return self._names.get(key) or key.partition(":")[2]


def related_articles(
    article_id: str,
    articles: Sequence[Article],
    entities: EntitySource = None,
    limit: int = 10,
) -> list[RelatedArticle]:
    """One-off: build the similarity data and rank the others (small corpora)."""
    return SimilarityIndex.build(articles, entities).related(article_id, limit)


def corpus_fingerprint(articles: Sequence[Article], entities: EntitySource) -> str | None:
    """What the similarity data depends on: every (id, text hash), the entity
    extractor, the weighting. None when it cannot be known (entities given as
    a plain mapping), in which case nothing is cached."""
    if entities is None:
        source = "no entities"
    elif isinstance(entities, EntityIndex):
        source = entities.fingerprint or "entity index"
    else:
        return None
    digest = hashlib.sha256(f"{TERMS_PER_ARTICLE}|{ENTITY_WEIGHT}|{source}".encode())
    for article in articles:
        digest.update(f"{article.id}\0{article.text_hash}\n".encode())
    return digest.hexdigest()


def build_similarity(
    articles: Sequence[Article],
    entities: EntitySource = None,
    cache_path: Path | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> SimilarityIndex:
    """The similarity data, loaded from `cache_path` when the corpus (every id
    and text hash) and the extractor are unchanged; else built and saved.
    A corrupt cache is ignored and replaced; a failed save is not an error."""
    fingerprint = corpus_fingerprint(articles, entities)
    status = "none"
    if cache_path is not None and fingerprint is not None:
        try:
            data = read_json(cache_path)
        except CacheUnreadable:
            data, status = None, "ignored"
        else:
            status = "missing" if data is None else "ignored"
        loaded = SimilarityIndex.from_json(data, fingerprint) if data is not None else None
        if loaded is not None:
            loaded.cache_status = "loaded"
            return loaded
    index = SimilarityIndex.build(articles, entities, progress=progress)
    index.cache_status = status
    if cache_path is not None and fingerprint is not None:
        try:
            write_json_atomic(cache_path, index.to_json(fingerprint))
        except OSError:
            index.cache_status += " (not saved)"
    return index
