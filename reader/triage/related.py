"""Related articles: TF-IDF cosine over words and entity keys.

Each article becomes a vector of its words (3+ letters, common words left
out) and its entity keys (weighted double), weighted by 1 + log(tf) times a
smoothed idf and normalised. Only its strongest `TERMS_PER_ARTICLE` terms are
kept: the similarity is a close approximation of the full cosine that keeps
memory and query time small on 10,000 articles. Flat typed arrays; no
numpy needed at this size.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.article import Article
from reader.triage.cachefile import CacheUnreadable, narrow_ids, read_arrays, write_arrays_atomic
from reader.triage.duplicates import (  # re-exported: the headline checks live there
    DuplicateTitles,
    duplicates_of,
    near_duplicate_titles,
    normalise_title,
)
from reader.triage.index import EntityIndex
from reader.triage.index_build import BuildCancelled
from reader.triage.terms import EntitySource, entity_counts, word_counts

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
CACHE_VERSION = 5  # 4: numbers as "H" when they fit; 5: weights in the postings only

_LOG_TF = [0.0] + [1.0 + math.log(tf) for tf in range(1, 1024)]


@dataclass(frozen=True)
class RelatedArticle:
    """Another article and why it is related."""

    article_id: str
    score: float  # cosine similarity, 0..1
    shared_entities: tuple[str, ...]  # display names, most telling first
    shared_terms: tuple[str, ...]  # words, most telling first


class SimilarityIndex:
    """Top-weighted term vectors of every article, with an inverted index.
    Terms are numbered (`_vocab`); entity keys are stored as "\\x00" + key.
    Compact: the vectors and the postings are flat typed arrays (term or
    article numbers, float32 weights) cut by offsets, ~10 bytes a term kept
    (the weights are kept once, in the postings)."""

    def __init__(self) -> None:
        self.cache_status = "none"  # none | loaded | missing | ignored (corrupt/stale)
        self.ids: list[str] = []
        self._position: dict[str, int] = {}
        self._vocab: list[str] = []
        self._names: dict[str, str] = {}
        # article n's terms: _terms[_term_at[n]:_term_at[n + 1]] (their weights: in the postings)
        self._terms, self._term_at = array("i"), array("i", [0])
        # term t's articles: _docs[_doc_at[t]:_doc_at[t + 1]], weights alike
        self._docs, self._doc_weights, self._doc_at = array("i"), array("f"), array("i", [0])

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
        `should_stop()` returning True raises BuildCancelled. Two passes over
        the texts (document frequencies, then each vector), so that no term
        counts of every article are held at once."""
        self = cls()
        numbers: dict[str, int] = {}  # every term seen -> its number
        df = array("i")
        total = len(articles)
        for done, article in enumerate(articles, 1):
            for term in self._counts(article, entities):
                number = numbers.get(term)
                if number is None:
                    number = numbers[term] = len(numbers)
                    df.append(0)
                df[number] += 1
            self._position[article.id] = len(self.ids)
            self.ids.append(article.id)
            if done % 500 == 0:
                _check_stop(should_stop, done)
                if progress is not None:
                    progress(done, total)
        n = len(articles)
        words = list(numbers)
        # idf times the entity boost, once per term.
        factor = [
            (math.log((1 + n) / (1 + d)) + 1.0) * (ENTITY_WEIGHT if term[0] == "\x00" else 1.0)
            for term, d in zip(words, df, strict=True)
        ]
        del df
        log_tf = _LOG_TF
        kept_ids: dict[int, int] = {}  # term number -> number in the vocabulary
        forward = array("f")  # the weights of _terms, until the postings hold them
        for done, article in enumerate(articles, 1):
            counts = self._counts(article, entities)
            weights = {
                numbers[term]: (log_tf[tf] if tf < 1024 else 1.0 + math.log(tf))
                * factor[numbers[term]]
                for term, tf in counts.items()
            }
            kept = sorted(weights, key=weights.__getitem__, reverse=True)[:TERMS_PER_ARTICLE]
            norm = math.sqrt(sum(weights[t] ** 2 for t in kept)) or 1.0
            self._terms.extend(kept_ids.setdefault(t, len(kept_ids)) for t in kept)
            forward.extend(round(weights[t] / norm, 6) for t in kept)
            self._term_at.append(len(self._terms))
            if done % 500 == 0:
                _check_stop(should_stop, done)
        del numbers, factor
        self._vocab = [words[t] for t in kept_ids]
        self._terms = narrow_ids(self._terms, len(self._vocab))
        self._index_vectors(forward)
        if progress is not None:
            progress(total, total)
        return self

    def _counts(self, article: Article, entities: EntitySource) -> Counter[str]:
        """The article's words and entity keys ("\\x00" + key) with their counts."""
        terms = word_counts(article.text)
        for key, count in entity_counts(article.id, entities, self._names).items():
            terms["\x00" + key] = count  # "\x00" marks an entity key
        return terms

    def _vector(self, doc: int) -> tuple[array, list[float]]:
        """An article's terms and their weights (found in the postings: each
        term's articles are in order, so a bisection finds the article)."""
        first, stop = self._term_at[doc], self._term_at[doc + 1]
        terms = self._terms[first:stop]
        docs, doc_weights, doc_at = self._docs, self._doc_weights, self._doc_at
        weights = []
        for term in terms:
            low, high = doc_at[term], doc_at[term + 1]
            at = bisect_left(docs, doc, low, high)
            weights.append(doc_weights[at] if at < high and docs[at] == doc else 0.0)
        return terms, weights

    def _index_vectors(self, forward: array) -> None:
        """The postings, from the vectors: counting sort by term number."""
        sizes = array("i", bytes(4 * (len(self._vocab) + 1)))
        for term in self._terms:
            sizes[term + 1] += 1
        for t in range(1, len(sizes)):
            sizes[t] += sizes[t - 1]
        self._doc_at = array("i", sizes)
        self._docs = narrow_ids(array("i", bytes(4 * len(self._terms))), len(self.ids))
        self._doc_weights = array("f", bytes(4 * len(self._terms)))
        fill = sizes
        for doc in range(len(self._term_at) - 1):
            for i in range(self._term_at[doc], self._term_at[doc + 1]):
                term = self._terms[i]
                at = fill[term]
                self._docs[at] = doc
                self._doc_weights[at] = forward[i]
                fill[term] = at + 1

    def save(self, path: Path, fingerprint: str) -> None:
        """Write the binary cache file (atomically)."""
        header = {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "fingerprint": fingerprint,
            "ids": self.ids,
            "names": self._names,
            "vocab": self._vocab,
        }
        write_arrays_atomic(
            path,
            header,
            [
                self._terms,
                self._term_at,
                self._docs,
                self._doc_weights,
                self._doc_at,
            ],
        )

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> tuple[SimilarityIndex | None, str]:
        """(the index saved by `save`, "loaded"), or (None, "missing" | "ignored")
        when there is none, it is unreadable, or not one for `fingerprint`."""
        try:
            found = read_arrays(path)
        except CacheUnreadable:
            return None, "ignored"
        if found is None:
            return None, "missing"
        data, arrays = found
        if not (
            data.get("format") == CACHE_FORMAT
            and data.get("version") == CACHE_VERSION
            and data.get("fingerprint") == fingerprint
        ):
            return None, "ignored"
        ids, names, vocab = data.get("ids"), data.get("names"), data.get("vocab")
        if not (
            isinstance(ids, list)
            and isinstance(names, dict)
            and isinstance(vocab, list)
            and all(isinstance(i, str) for i in ids)
            and all(isinstance(t, str) and t for t in vocab)
            and len(arrays) == 5
            and [a.typecode for a in (arrays[1], arrays[3], arrays[4])] == ["i", "f", "i"]
            and arrays[0].typecode in "iH"
            and arrays[2].typecode in "iH"
        ):
            return None, "ignored"
        terms, term_at, docs, doc_weights, doc_at = arrays
        if not (
            _offsets_fit(term_at, len(ids), len(terms))
            and _offsets_fit(doc_at, len(vocab), len(docs))
            and len(doc_weights) == len(docs)
            and _within(terms, len(vocab))
            and _within(docs, len(ids))
        ):
            return None, "ignored"
        self = cls()
        terms, docs = narrow_ids(terms, len(vocab)), narrow_ids(docs, len(ids))
        self._terms, self._term_at = terms, term_at
        self._docs, self._doc_weights, self._doc_at = docs, doc_weights, doc_at
        self.ids = ids
        self._position = {article_id: n for n, article_id in enumerate(ids)}
        self._vocab = vocab
        self._names = {str(k): str(v) for k, v in names.items()}
        return self, "loaded"

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
        docs, doc_weights, doc_at = self._docs, self._doc_weights, self._doc_at
        mine = dict(zip(*self._vector(doc), strict=True))
        for term, qw in mine.items():
            first, stop = doc_at[term], doc_at[term + 1]
            for other, w in zip(docs[first:stop], doc_weights[first:stop], strict=True):
                scores[other] = get(other, 0.0) + qw * w
        scores.pop(doc, None)
        best = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))
        return [self._explain(mine, other, score) for other, score in best if score >= min_score]

    def _explain(self, mine: dict[int, float], other: int, score: float) -> RelatedArticle:
        theirs = dict(zip(*self._vector(other), strict=True))
        shared = sorted(set(mine) & set(theirs), key=lambda t: (-mine[t] * theirs[t], t))
        terms = [self._vocab[t] for t in shared]
        entities = tuple(self._name(t[1:]) for t in terms if t[0] == "\x00")[:5]
        words = tuple(t for t in terms if t[0] != "\x00")[:5]
        return RelatedArticle(self.ids[other], round(min(score, 1.0), 4), entities, words)

    def _name(self, key: str) -> str:
        return self._names.get(key) or key.partition(":")[2]


def _check_stop(should_stop: Callable[[], bool] | None, done: int) -> None:
    if should_stop is not None and should_stop():
        raise BuildCancelled(f"similarity stopped after {done} articles")


def _offsets_fit(offsets: array, count: int, size: int) -> bool:
    """`count` + 1 offsets, from 0 to `size`, never decreasing."""
    return (
        len(offsets) == count + 1
        and offsets[0] == 0
        and offsets[-1] == size
        and all(offsets[i] <= offsets[i + 1] for i in range(count))
    )


def _within(numbers: array, bound: int) -> bool:
    return not numbers or (min(numbers) >= 0 and max(numbers) < bound)


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
        loaded, status = SimilarityIndex.load(cache_path, fingerprint)
        if loaded is not None:
            loaded.cache_status = status
            ids = [article.id for article in articles]
            if ids == loaded.ids:  # the articles' own strings, not the file's copies
                loaded.ids = ids
                loaded._position = {article_id: n for n, article_id in enumerate(ids)}
            return loaded
    index = SimilarityIndex.build(articles, entities, progress=progress, should_stop=should_stop)
    index.cache_status = status
    if cache_path is not None and fingerprint is not None:
        try:
            index.save(cache_path, fingerprint)
        except OSError:
            index.cache_status += " (not saved)"
    return index
