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
from reader.triage.index import BuildCancelled, EntityIndex, entity_key

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
CACHE_VERSION = 2

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
    """Top-weighted term vectors of every article, with an inverted index.
    Terms are numbered (`_vocab`); entity keys are stored as "\\x00" + key."""

    def __init__(self) -> None:
        self.cache_status = "none"  # none | loaded | missing | ignored (corrupt/stale)
        self.ids: list[str] = []
        self._position: dict[str, int] = {}
        self._vocab: list[str] = []
        self._vectors: list[tuple[array, array]] = []  # per article: term ids, weights
        self._postings: list[tuple[array, array]] = []  # per term id: article numbers, weights
        self._names: dict[str, str] = {}

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        entities: EntitySource = None,
        *,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SimilarityIndex:
        """Vectors for `articles`. `entities`: an EntityIndex or {article id: entities}.
        `should_stop()` returning True raises BuildCancelled."""
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
            if done % 500 == 0:
                if should_stop is not None and should_stop():
                    raise BuildCancelled(f"similarity stopped after {done} articles")
                if progress is not None:
                    progress(done, total)
        n = len(articles)
        # idf times the entity boost, once per term.
        factor = {
            term: (math.log((1 + n) / (1 + d)) + 1.0)
            * (ENTITY_WEIGHT if term[0] == "\x00" else 1.0)
            for term, d in df.items()
        }
        log_tf = _LOG_TF
        term_ids: dict[str, int] = {}
        for terms in counts:
            weights = {
                term: (log_tf[tf] if tf < 1024 else 1.0 + math.log(tf)) * factor[term]
                for term, tf in terms.items()
            }
            kept = sorted(weights, key=weights.__getitem__, reverse=True)[:TERMS_PER_ARTICLE]
            norm = math.sqrt(sum(weights[t] ** 2 for t in kept)) or 1.0
            ids = array("i", [term_ids.setdefault(t, len(term_ids)) for t in kept])
            self._vectors.append((ids, array("d", [round(weights[t] / norm, 6) for t in kept])))
        self._vocab = list(term_ids)
        self._index_vectors()
        if progress is not None:
            progress(total, total)
        return self

    def _index_vectors(self) -> None:
        docs: list[list[int]] = [[] for _ in self._vocab]
        weights: list[list[float]] = [[] for _ in self._vocab]
        for doc, (ids, ws) in enumerate(self._vectors):
            for term, w in zip(ids, ws, strict=True):
                docs[term].append(doc)
                weights[term].append(w)
        self._postings = [
            (array("i", d), array("d", w)) for d, w in zip(docs, weights, strict=True)
        ]

    def to_json(self, fingerprint: str) -> dict[str, object]:
        return {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "fingerprint": fingerprint,
            "ids": self.ids,
            "names": self._names,
            "vocab": self._vocab,
            "vectors": [[ids.tolist(), ws.tolist()] for ids, ws in self._vectors],
            "postings": [[docs.tolist(), ws.tolist()] for docs, ws in self._postings],
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
        ids, names, vocab = data.get("ids"), data.get("names"), data.get("vocab")
        vectors, postings = data.get("vectors"), data.get("postings")
        if not (
            isinstance(ids, list)
            and isinstance(names, dict)
            and isinstance(vocab, list)
            and isinstance(vectors, list)
            and isinstance(postings, list)
            and len(ids) == len(vectors)
            and len(vocab) == len(postings)
            and all(isinstance(i, str) for i in ids)
            and all(isinstance(t, str) for t in vocab)
        ):
            return None
        self = cls()
        try:
            self._vectors = _arrays(vectors, len(vocab))
            self._postings = _arrays(postings, len(ids))
        except (TypeError, ValueError, OverflowError):
            return None
        self.ids = ids
        self._position = {article_id: n for n, article_id in enumerate(ids)}
        self._vocab = vocab
        self._names = {str(k): str(v) for k, v in names.items()}
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
        scores: dict[int, float] = {}
        get = scores.get
        for term, qw in zip(*self._vectors[doc], strict=True):
            docs, ws = self._postings[term]
            for other, w in zip(docs, ws, strict=True):
                scores[other] = get(other, 0.0) + qw * w
        scores.pop(doc, None)
        best = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))
        return [self._explain(doc, other, score) for other, score in best if score >= min_score]

    def _explain(self, doc: int, other: int, score: float) -> RelatedArticle:
        mine = dict(zip(*self._vectors[doc], strict=True))
        theirs = dict(zip(*self._vectors[other], strict=True))
        shared = sorted(set(mine) & set(theirs), key=lambda t: (-mine[t] * theirs[t], t))
        terms = [self._vocab[t] for t in shared]
        entities = tuple(self._name(t[1:]) for t in terms if t[0] == "\x00")[:5]
        words = tuple(t for t in terms if t[0] != "\x00")[:5]
        return RelatedArticle(self.ids[other], round(min(score, 1.0), 4), entities, words)

    def _name(self, key: str) -> str:
        return self._names.get(key) or key.partition(":")[2]


def _arrays(pairs: list[object], bound: int) -> list[tuple[array, array]]:
    """(int array, float array) pairs from JSON, every int in [0, bound)."""
    out: list[tuple[array, array]] = []
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise ValueError("not a pair")
        numbers, weights = array("i", pair[0]), array("d", pair[1])
        if len(numbers) != len(weights) or (
            numbers and (min(numbers) < 0 or max(numbers) >= bound)
        ):
            raise ValueError("out of range")
        out.append((numbers, weights))
    return out


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
    should_stop: Callable[[], bool] | None = None,
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
    index = SimilarityIndex.build(articles, entities, progress=progress, should_stop=should_stop)
    index.cache_status = status
    if cache_path is not None and fingerprint is not None:
        try:
            write_json_atomic(cache_path, index.to_json(fingerprint))
        except OSError:
            index.cache_status += " (not saved)"
    return index
