"""The check-worthy claims of every article, cached on disk beside the other
triage caches, so the sidebar's unchecked counts need no rescoring at start.

One JSON file: the fingerprint of what the scores depend on (the entity
extractor, the triage code, the threshold) and per article id its text hash
and claims as [start, end, score, reasons]. A file that cannot be read, has
another fingerprint, or holds a claim outside its text is ignored (rebuilt).
Pure, no textual import.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.corpus.article import Article
from reader.triage.cachefile import CacheUnreadable, read_json, write_json_atomic
from reader.triage.claims import Claim, score_claims
from reader.triage.index import extractor_fingerprint

CLAIMS_CACHE_FILE = "worthy_claims.json"
CACHE_FORMAT = "reader-worthy-claims"
CACHE_VERSION = 1

Cached = dict[str, tuple[str, list[list[object]]]]  # article id -> (text hash, raw claims)


def claims_fingerprint(entities_fingerprint: str, threshold: float) -> str:
    """What the claims depend on: the entities, the triage code, the threshold."""
    return f"{entities_fingerprint}|{extractor_fingerprint(score_claims)}|{threshold}"


def load_claims(path: Path | None, fingerprint: str) -> Cached:
    """The cached raw claims by article id; {} when there is no usable cache."""
    if path is None:
        return {}
    try:
        data = read_json(path)
    except CacheUnreadable:
        return {}
    if not (
        isinstance(data, dict)
        and data.get("format") == CACHE_FORMAT
        and data.get("version") == CACHE_VERSION
        and data.get("fingerprint") == fingerprint
        and isinstance(data.get("articles"), dict)
    ):
        return {}
    found: Cached = {}
    for article_id, entry in data["articles"].items():
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], list):
            found[str(article_id)] = (str(entry[0]), entry[1])
    return found


def claims_of(article: Article, cached: Cached) -> list[Claim] | None:
    """`article`'s cached claims, or None when the cache has none for its text."""
    entry = cached.get(article.id)
    if entry is None or entry[0] != article.text_hash:
        return None
    claims: list[Claim] = []
    size = len(article.text)
    for raw in entry[1]:
        if not (isinstance(raw, list) and len(raw) == 4):
            return None
        start, end, score, reasons = raw
        if not (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= size
            and isinstance(score, int | float)
            and isinstance(reasons, list)
            and all(isinstance(r, str) for r in reasons)
        ):
            return None
        reasons = _REASONS.setdefault(tuple(reasons), tuple(map(sys.intern, reasons)))
        claims.append(Claim(start, end, article.text[start:end], float(score), reasons))
    return claims


# The same reasons recur on thousands of claims: one tuple of interned strings each.
_REASONS: dict[tuple[str, ...], tuple[str, ...]] = {}


def raw_claims(claims: Sequence[Claim]) -> list[list[object]]:
    return [[c.start, c.end, c.score, list(c.reasons)] for c in claims]


def save_claims(
    path: Path, fingerprint: str, entries: Mapping[str, tuple[str, list[list[object]]]]
) -> None:
    """Write the cache atomically; a failed write only costs a rescoring later."""
    data = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "fingerprint": fingerprint,
        "articles": {aid: [h, claims] for aid, (h, claims) in entries.items()},
    }
    with contextlib.suppress(OSError):
        write_json_atomic(path, data)
