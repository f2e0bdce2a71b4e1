"""Where an article's entities can come from before the extractor runs on
the interface thread: the triage index, which has already run the same
extractor over every article, and the neighbours of the open article,
computed in a worker while the reader reads. Pure, no textual import.

`stored_result` rebuilds an article's EntityResult from the index's rows
(equal to `analyse` of the same extractor: tests/test_entity_prefetch.py
proves it on the seeds). It is used only when the index was made by this
extractor (same fingerprint) from this very text (same text hash).
`prefetch_candidates` picks the sidebar rows worth preparing.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING

from reader.code_fingerprint import extractor_fingerprint
from reader.corpus.article import Article
from reader.tui.entity_runner import PROCESS_CHARS
from reader.tui.entity_work import EntityResult, Extractor, analyse, from_rows

if TYPE_CHECKING:  # the triage packages load after the first screen
    from reader.tui.triage_state import TriageState

PREFETCH_ROWS = 1  # rows on each side of the open (or highlighted) row
PREFETCH_MAX_CHARS = PROCESS_CHARS  # longer texts: the child process, on open only

_fingerprints: dict[int, tuple[Extractor, str]] = {}  # id -> (extractor, fingerprint)
_fingerprint_lock = threading.Lock()


def known_fingerprint(extractor: Extractor) -> str | None:
    """The extractor's fingerprint if `fingerprint` has computed it (it reads
    the package's files: ~3 ms)."""
    found = _fingerprints.get(id(extractor))
    return found[1] if found is not None and found[0] is extractor else None


def fingerprint(extractor: Extractor) -> str:
    """The extractor's fingerprint as the triage index records it (computed
    once per extractor, without importing it: reader.code_fingerprint)."""
    known = known_fingerprint(extractor)
    if known is None:
        known = extractor_fingerprint(extractor)
        with _fingerprint_lock:
            _fingerprints[id(extractor)] = (extractor, known)
    return known


def stored_result(
    article: Article, text: str, state: TriageState | None, extractor: Extractor
) -> EntityResult | None:
    """`article`'s entities from the triage index (`text` is its text), or
    None when there is no index, it was made by another extractor (or the
    fingerprint is not known yet), or from another version of the text."""
    if state is None:
        return None
    known = known_fingerprint(extractor)
    if known is None or known != state.index.fingerprint:
        return None
    indexed = state.articles.get(article.id)
    if indexed is None or indexed.text_hash != article.text_hash:
        return None
    return from_rows(text, state.index.rows(article.id))


def entities_of(
    article: Article, text: str, state: TriageState | None, extractor: Extractor
) -> EntityResult:
    """The index's result when it has one (see `stored_result`), else the
    extractor's (`text`: the article's text, read once by the caller)."""
    found = stored_result(article, text, state, extractor)
    return found if found is not None else analyse(article, extractor)


def neighbours(shown: Sequence[int], index: int, rows: int = PREFETCH_ROWS) -> list[int]:
    """The corpus indices of the `rows` sidebar rows after and before
    `index`'s row (`shown`: the corpus index of each row, ascending), nearest
    first, the next before the previous. When `index` is filtered out, the
    rows around where it would be."""
    row = bisect_left(shown, index)
    after = row + 1 if row < len(shown) and shown[row] == index else row
    found: list[int] = []
    for step in range(rows):
        if after + step < len(shown):
            found.append(shown[after + step])
        if row - 1 - step >= 0:
            found.append(shown[row - 1 - step])
    return found


def prefetch_candidates(
    articles: Sequence[Article],
    shown: Sequence[int],
    open_index: int | None,
    highlighted: int | None,
    cached: Container[str],
    rows: int = PREFETCH_ROWS,
) -> list[Article]:
    """The articles to prepare, in this order: the highlighted one (when it
    is not the open one), the `rows` neighbours on each side of the
    highlighted row, then of the open article's row; no repeats, not the open
    article (its own open takes care of it), none whose entities are `cached`
    (by article id). The worker skips long texts (`worth_prefetching`)."""
    order: list[int] = []
    if highlighted is not None:
        order += [highlighted, *neighbours(shown, highlighted, rows)]
    if open_index is not None:
        order += neighbours(shown, open_index, rows)
    picked: list[Article] = []
    seen: set[int] = set() if open_index is None else {open_index}
    for index in order:
        if index in seen or not 0 <= index < len(articles):
            continue
        seen.add(index)
        article = articles[index]
        if article.id not in cached:
            picked.append(article)
    return picked


def worth_prefetching(text: str) -> bool:
    """Whether a text is short enough to prepare in this process: longer
    ones are analysed in the child process when opened (see entity_runner)."""
    return len(text) < PREFETCH_MAX_CHARS
