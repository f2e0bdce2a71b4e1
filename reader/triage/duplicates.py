"""Duplicate headlines: the same or nearly the same title on two articles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from reader.corpus.article import Article

DUPLICATE_TITLE_RATIO = 90.0


@dataclass(frozen=True)
class DuplicateTitles:
    """Articles whose headlines are the same or nearly the same."""

    article_ids: tuple[str, ...]
    titles: tuple[str, ...]  # as written, one per article id
    score: float  # lowest similarity to the group's first title (100: identical)


@lru_cache(maxsize=1 << 16)
def normalise_title(title: str) -> str:
    """Case-folded words only: quotes, punctuation and spacing do not matter."""
    return " ".join(re.findall(r"\w+", title.replace("’", "'").replace("'", "").casefold()))


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
    titles that share at least half their words (exact matches always count)."""
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

    # Prefix filtering: with words ordered rarest first, two titles sharing at
    # least half their words share one of the first half + 1 of each.
    word_sets = [set(norm.split()) for norm in uniques]
    frequency = Counter(word for words in word_sets for word in words)
    by_word: dict[str, list[int]] = {}
    prefixes: list[list[str]] = []
    for i, words in enumerate(word_sets):
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefixes.append(ordered[: len(ordered) // 2 + 1])
        for word in prefixes[-1]:
            by_word.setdefault(word, []).append(i)
    for i, prefix in enumerate(prefixes):
        found: set[int] = set()
        for word in prefix:
            found.update(by_word[word])
        root = find(i)
        # parent[j] == root is the common, cheap case of "already in i's group".
        candidates = sorted(j for j in found if j > i and parent[j] != root and find(j) != root)
        if not candidates:
            continue
        hits = process.extract(
            uniques[i],
            [uniques[j] for j in candidates],
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            limit=None,
        )
        for _match, _score, k in hits:
            parent[find(candidates[k])] = root
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
