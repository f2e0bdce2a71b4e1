"""The check-worthy claims of every article, cached on disk beside the other
triage caches, so the sidebar's unchecked counts need no rescoring at start.

One binary file of typed arrays (reader.triage.cachefile): the fingerprint
of what the scores depend on (the entity extractor, the triage code, the
threshold), per article id its text hash and its claims' slice, per claim
start, end, score and reasons (numbers into a table of strings). A file that
cannot be read or has another fingerprint is ignored; an article with a
claim outside its text is rescored.
Pure, no textual import.
"""

from __future__ import annotations

import contextlib
import sys
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.corpus.article import Article
from reader.triage.cachefile import CacheUnreadable, read_arrays, write_arrays_atomic
from reader.triage.claims import Claim, score_claims
from reader.triage.index_build import extractor_fingerprint

CLAIMS_CACHE_FILE = "worthy_claims.bin"
CACHE_FORMAT = "reader-worthy-claims"
CACHE_VERSION = 2


class Cached:
    """The claims of a cache file: typed arrays (start, end, score, reason
    numbers) cut per article and per claim by offsets; no Python object per
    claim until `claims_of` asks for one article's."""

    def __init__(self) -> None:
        self.articles: dict[str, tuple[str, int, int]] = {}  # id -> (text hash, first, stop)
        self.reasons: list[str] = []
        self.starts, self.ends, self.scores = array("i"), array("i"), array("d")
        self.reason_at = array("i", [0])  # claim n's reasons: reason_ids[at[n]:at[n + 1]]
        self.reason_ids = array("i")
        self.tuples: dict[tuple[int, ...], tuple[str, ...]] = {}  # reason numbers -> reasons

    def __len__(self) -> int:
        return len(self.articles)


def claims_fingerprint(entities_fingerprint: str, threshold: float) -> str:
    """What the claims depend on: the entities, the triage code, the threshold."""
    return f"{entities_fingerprint}|{extractor_fingerprint(score_claims)}|{threshold}"


def load_claims(path: Path | None, fingerprint: str) -> Cached:
    """The cached claims by article id; empty when there is no usable cache
    (unreadable, another fingerprint, any number out of range)."""
    empty = Cached()
    if path is None:
        return empty
    try:
        found = read_arrays(path)
    except CacheUnreadable:
        return empty
    if found is None:
        return empty
    header, arrays = found
    articles, reasons = header.get("articles"), header.get("reasons")
    if not (
        header.get("format") == CACHE_FORMAT
        and header.get("version") == CACHE_VERSION
        and header.get("fingerprint") == fingerprint
        and isinstance(articles, list)
        and isinstance(reasons, list)
        and all(type(r) is str for r in reasons)
        and [a.typecode for a in arrays] == ["i", "i", "d", "i", "i"]
    ):
        return empty
    cached = Cached()
    cached.starts, cached.ends, cached.scores, cached.reason_at, cached.reason_ids = arrays
    cached.reasons = [sys.intern(r) for r in reasons]
    n, at, ids = len(cached.starts), cached.reason_at, cached.reason_ids
    if not (
        len(cached.ends) == len(cached.scores) == n
        and len(at) == n + 1
        and at[0] == 0
        and at[-1] == len(ids)
        and all(at[i] <= at[i + 1] for i in range(n))
        and (not ids or 0 <= min(ids) <= max(ids) < len(reasons))
    ):
        return empty
    for entry in articles:
        if not (isinstance(entry, list) and len(entry) == 4):
            return empty
        article_id, text_hash, first, stop = entry
        if not (
            type(article_id) is str
            and type(text_hash) is str
            and type(first) is int
            and type(stop) is int
            and 0 <= first <= stop <= n
        ):
            return empty
        cached.articles[article_id] = (text_hash, first, stop)
    return cached


def _fits(cached: Cached, first: int, stop: int, size: int) -> bool:
    return all(
        0 <= start < end <= size
        for start, end in zip(cached.starts[first:stop], cached.ends[first:stop], strict=True)
    )


def cached_slice(article: Article, cached: Cached) -> tuple[int, int] | None:
    """(first, stop) of `article`'s claims in `cached`, or None when the cache
    has none for its text (or one of them does not fit in it)."""
    entry = cached.articles.get(article.id)
    if entry is None or entry[0] != article.text_hash:
        return None
    _hash, first, stop = entry
    return (first, stop) if _fits(cached, first, stop, len(article.text)) else None


def claims_of(article: Article, cached: Cached) -> list[Claim] | None:
    """`article`'s cached claims, or None when the cache has none for its text
    (or one of them does not fit in it)."""
    found = cached_slice(article, cached)
    if found is None:
        return None
    claims: list[Claim] = []
    text = article.text
    for n in range(*found):
        start, end = cached.starts[n], cached.ends[n]
        ids = tuple(cached.reason_ids[cached.reason_at[n] : cached.reason_at[n + 1]])
        reasons = cached.tuples.get(ids)
        if reasons is None:  # the same reasons recur on thousands of claims: one tuple
            reasons = cached.tuples[ids] = tuple(cached.reasons[i] for i in ids)
        claims.append(Claim(start, end, text[start:end], cached.scores[n], reasons))
    return claims


class ClaimsWriter:
    """The claims to save, gathered article by article into typed arrays
    (no Claim objects kept), then written by `save`."""

    def __init__(self) -> None:
        self.out = Cached()
        self._numbers: dict[str, int] = {}  # reason -> number
        self._rows: list[tuple[str, str, int, int]] = []  # id, text hash, first, stop

    def add(self, article_id: str, text_hash: str, claims: Sequence[Claim]) -> None:
        out, numbers = self.out, self._numbers
        first = len(out.starts)
        for claim in claims:
            out.starts.append(claim.start)
            out.ends.append(claim.end)
            out.scores.append(claim.score)
            for reason in claim.reasons:
                out.reason_ids.append(numbers.setdefault(reason, len(numbers)))
            out.reason_at.append(len(out.reason_ids))
        self._rows.append((article_id, text_hash, first, len(out.starts)))

    def copy(self, article_id: str, cached: Cached, first: int, stop: int) -> None:
        """Add claims `first`..`stop` of a loaded cache, as they are."""
        out, numbers = self.out, self._numbers
        start = len(out.starts)
        out.starts.extend(cached.starts[first:stop])
        out.ends.extend(cached.ends[first:stop])
        out.scores.extend(cached.scores[first:stop])
        at, ids, reasons = cached.reason_at, cached.reason_ids, cached.reasons
        for n in range(first, stop):
            for i in ids[at[n] : at[n + 1]]:
                out.reason_ids.append(numbers.setdefault(reasons[i], len(numbers)))
            out.reason_at.append(len(out.reason_ids))
        text_hash = cached.articles[article_id][0]
        self._rows.append((article_id, text_hash, start, len(out.starts)))

    def save(self, path: Path, fingerprint: str) -> None:
        """Write the file atomically; a failed write only costs a rescoring later."""
        out = self.out
        header = {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "fingerprint": fingerprint,
            "reasons": list(self._numbers),
            "articles": [list(row) for row in self._rows],
        }
        arrays = [out.starts, out.ends, out.scores, out.reason_at, out.reason_ids]
        with contextlib.suppress(OSError):
            write_arrays_atomic(path, header, arrays)


def save_claims(
    path: Path, fingerprint: str, entries: Mapping[str, tuple[str, Sequence[Claim]]]
) -> None:
    """Write the cache (article id -> (text hash, claims)) atomically; a
    failed write only costs a rescoring later."""
    writer = ClaimsWriter()
    for article_id, (text_hash, claims) in entries.items():
        writer.add(article_id, text_hash, claims)
    writer.save(path, fingerprint)
