"""Related articles (TF-IDF cosine over words and entity keys) and
duplicate headlines.

Each article becomes a vector of its words (3+ letters, common words left
out) and its entity keys (weighted double), weighted by 1 + log(tf) times a
smoothed idf and normalised. Only its strongest `TERMS_PER_ARTICLE` terms are
kept: the similarity is a close approximation of the full cosine that keeps
memory and query time small on 10,000 articles. Plain dicts and arrays; no
numpy needed at this size.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reader.corpus.article import Article
from reader.entities.model import Entity
from reader.triage.index import EntityIndex, entity_key

TERMS_PER_ARTICLE = 120
ENTITY_WEIGHT = 2.0
DUPLICATE_TITLE_RATIO = 90.0

_WORD = re.compile(r"[^\W\d_]{3,}")
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


@dataclass(frozen=True)
class DuplicateTitles:
    """Articles whose headlines are the same or nearly the same."""

    article_ids: tuple[str, ...]
    titles: tuple[str, ...]  # as written, one per article id
    score: float  # lowest similarity to the group's first title (100: identical)


def normalise_title(title: str) -> str:
    """Case-folded words only: quotes, punctuation and spacing do not matter."""
    return " ".join(re.findall(r"\w+", title.replace("’", "'").replace("'", "").casefold()))


def _tokens(text: str) -> Counter[str]:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)


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
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for doc, terms in enumerate(counts):
            weights = {
                term: (1.0 + math.log(tf)) * idf[term] * (ENTITY_WEIGHT if term[0] == "\x00" else 1)
                for term, tf in terms.items()
            }
            top = heapq.nlargest(TERMS_PER_ARTICLE, weights.items(), key=lambda kv: kv[1])
            norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
            vector = {term: w / norm for term, w in top}
            self._vectors.append(vector)
            for term, w in vector.items():
                docs, ws = postings.setdefault(term, ([], []))
                docs.append(doc)
                ws.append(w)
        self._postings = {t: (array("i", d), array("f", w)) for t, (d, w) in postings.items()}
        if progress is not None:
            progress(total, total)
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


def _titles(articles: Sequence[Article]) -> list[tuple[str, str, str]]:
    """(article id, title as written, normalised title) of articles with a title."""
    out = []
    for article in articles:
        title = article.title.value
        if title and (norm := normalise_title(title)):
            out.append((article.id, title, norm))
    return out


def duplicates_of(
    article: Article, articles: Sequence[Article], threshold: float = DUPLICATE_TITLE_RATIO
) -> list[tuple[str, float]]:
    """(article id, similarity 0..100) of other articles whose headline matches
    `article`'s, best first."""
    title = article.title.value
    if not title or not (norm := normalise_title(title)):
        return []
    others = [(aid, n) for aid, _t, n in _titles(articles) if aid != article.id]
    hits = process.extract(
        norm, [n for _a, n in others], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
    )
    return [(others[i][0], float(score)) for _match, score, i in hits]


def near_duplicate_titles(
    articles: Sequence[Article], threshold: float = DUPLICATE_TITLE_RATIO
) -> list[DuplicateTitles]:
    """Groups of articles with the same (after normalising) or nearly the same
    headline (rapidfuzz ratio >= `threshold`). Near matches are looked for among
    titles sharing one of their three longest words."""
    by_norm: dict[str, list[tuple[str, str]]] = {}
    for article_id, title, norm in _titles(articles):
        by_norm.setdefault(norm, []).append((article_id, title))
    uniques = list(by_norm)
    parent = list(range(len(uniques)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_word: dict[str, list[int]] = {}
    for i, norm in enumerate(uniques):
        for word in sorted(set(norm.split()), key=len, reverse=True)[:3]:
            by_word.setdefault(word, []).append(i)
    for i, norm in enumerate(uniques):
        candidates = {j for word in norm.split() for j in by_word.get(word, ()) if j > i}
        for j in candidates:
            if find(i) != find(j) and fuzz.ratio(norm, uniques[j]) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(uniques)):
        groups.setdefault(find(i), []).append(i)
    result: list[DuplicateTitles] = []
    for members in groups.values():
        entries = [(aid, title, uniques[i]) for i in members for aid, title in by_norm[uniques[i]]]
        if len(entries) < 2:
            continue
        first = entries[0][2]
        score = min(fuzz.ratio(first, norm) for _a, _t, norm in entries)
        result.append(
            DuplicateTitles(
                tuple(a for a, _t, _n in entries), tuple(t for _a, t, _n in entries), score
            )
        )
    result.sort(key=lambda g: (-len(g.article_ids), g.article_ids))
    return result
