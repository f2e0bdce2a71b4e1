"""The corpus-wide triage data as the app holds it once the background build
is done: the CorpusTriage plus the lookups the views need (titles, texts,
articles by id), the check-worthy claims found so far per article, and the
short per-article note the sidebar shows ("3 unchecked · ⧉ same headline").

Pure, no textual import: the app builds it in a thread worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotations.model import Annotation
from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.triage.claims import DEFAULT_THRESHOLD, Claim, check_worthy
from reader.triage.index import EntityIndex, make_key
from reader.triage.workspace import CorpusTriage, triage_article
from reader.triage.worthy import WorthySpans
from reader.tui.article_info import title_of
from reader.tui.claims_cache import ClaimsWriter, cached_slice, claims_fingerprint, load_claims

DUPLICATE_MARK = "⧉"  # before the title of an article whose headline another shares
DUPLICATE_WORDS = "same headline"
STAGE_NAMES = {
    "entities": "indexing",
    "similarity": "relating articles",
    "timeline": "timeline",
    "headlines": "headlines",
    "claims": "scoring claims",
}


def progress_text(stage: str, done: int, total: int) -> str:
    """ "indexing 1,234/10,000…" for the status line."""
    return f"{STAGE_NAMES.get(stage, stage)} {done:,}/{total:,}…"


def sidebar_note(unchecked: int | None, duplicate: bool) -> tuple[str, str]:
    """The triage part of a sidebar row: (a mark before the title, words
    after the detail line): the unchecked claims (when known and any), and
    whether another article shares the headline."""
    parts = []
    if unchecked:
        parts.append(f"{unchecked} unchecked")
    if duplicate:
        parts.append(DUPLICATE_WORDS)
    return (DUPLICATE_MARK if duplicate else "", " · ".join(parts))


def worthy_claims(
    article: Article, entities: Sequence[Entity], threshold: float = DEFAULT_THRESHOLD
) -> list[Claim]:
    """The check-worthy claims of one article (annotations not considered)."""
    return check_worthy(triage_article(article, entities).claims, threshold)


def entities_of(article: Article, index: EntityIndex) -> list[Entity]:
    """`article`'s entities from the index's rows, without filling the index's
    own per-article cache (that would keep every article's entities alive)."""
    text = article.text
    return [
        Entity(start, end, text[start:end], Label(label), value, key)
        for start, end, label, value, key in index.rows(article.id)
    ]


def group_by_article(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    grouped: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        grouped.setdefault(annotation.article_id, []).append(annotation)
    return grouped


def _title(article: Article) -> str:
    """title_of(article), as the article's own string when that is the same
    (title_of makes a new one even when nothing needed cleaning)."""
    shown = title_of(article)
    return article.title.value if shown == article.title.value else shown  # type: ignore[return-value]


class ArticleTexts(Mapping[str, str]):
    """article id -> its text, read from the Article on each lookup: no
    second copy of every text (an Article may rebuild its text on access)."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles

    def __getitem__(self, article_id: str) -> str:
        return self._articles[article_id].text

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._articles

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


@dataclass
class TriageState:
    """What the triage views need, built once per corpus."""

    corpus: CorpusTriage
    articles: dict[str, Article]
    titles: dict[str, str]
    texts: Mapping[str, str]  # read from the articles on demand (ArticleTexts)
    duplicate_ids: frozenset[str]
    # the check-worthy claims' spans, filled in the background (find_worthy)
    worthy: WorthySpans = field(default_factory=WorthySpans)

    @classmethod
    def of(cls, corpus: CorpusTriage, articles: Sequence[Article]) -> TriageState:
        by_id = {a.id: a for a in articles}
        return cls(
            corpus=corpus,
            articles=by_id,
            titles={a.id: _title(a) for a in articles},
            texts=ArticleTexts(by_id),
            duplicate_ids=frozenset(
                aid for group in corpus.duplicate_titles for aid in group.article_ids
            ),
        )

    @property
    def index(self) -> EntityIndex:
        return self.corpus.index

    def entity_key(self, label: str, names: Iterable[str]) -> str | None:
        """The index key of an entity known by `names` (canonical name first),
        or None when the index has no mention of it."""
        for name in names:
            key = make_key(label, name)
            if self.index.article_count(key):
                return key
        return None

    def sidebar_notes(
        self,
        annotations_by_article: Mapping[str, Sequence[Annotation]],
        only: Iterable[str] | None = None,
    ) -> dict[str, tuple[str, str]]:
        """article id -> the sidebar's triage note, for every article whose
        claims are known or whose headline is shared (or for those in `only`);
        ("", "") where there is nothing to say."""
        ids = set(self.worthy) | self.duplicate_ids if only is None else set(only)
        notes = {}
        for aid in ids:
            unchecked = self.worthy.unchecked(aid, annotations_by_article.get(aid, ()))
            notes[aid] = sidebar_note(unchecked, aid in self.duplicate_ids)
        return notes


def find_worthy(
    articles: Sequence[Article],
    index: EntityIndex,
    should_stop: Callable[[], bool],
    batch: Callable[[WorthySpans, int], None],
    cache_path: Path | None = None,
    every_seconds: float = 0.5,
) -> bool:
    """Score every article's check-worthy claims (entities from `index`;
    reused from the cache at `cache_path` where the text is unchanged),
    handing their spans to `batch(found, done)` every `every_seconds` and at
    the end. The cache is rewritten when anything was scored. False when
    stopped early. No Claim is kept: the spans are all the sidebar needs."""
    fingerprint = claims_fingerprint(index.fingerprint, DEFAULT_THRESHOLD)
    cached = load_claims(cache_path, fingerprint)
    unused = len(cached)
    writer = ClaimsWriter()
    scored = 0
    found = WorthySpans()
    last = time.monotonic()
    for done, article in enumerate(articles, 1):
        if should_stop():
            return False
        where = cached_slice(article, cached)
        if article.id in cached.articles:
            unused -= 1
        if where is not None:
            writer.copy(article.id, cached, *where)
            first, stop = where
            found.add(
                article.id, zip(cached.starts[first:stop], cached.ends[first:stop], strict=True)
            )
        else:
            scored += 1
            try:
                claims = worthy_claims(article, entities_of(article, index))
            except Exception:  # one odd article must not stop the others
                claims = []
            writer.add(article.id, article.text_hash, claims)
            found.add(article.id, claims)
        now = time.monotonic()
        if now - last >= every_seconds or done == len(articles):
            batch(found, done)
            found, last = WorthySpans(), now
    del cached
    if cache_path is not None and (scored or unused):
        writer.save(cache_path, fingerprint)
    return True
