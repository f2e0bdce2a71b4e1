"""Every mention of one entity across the corpus, grouped by article, each
with its sentence; enter opens the mention (or, on an article row, its first).

The rows are not objects: per article, a heading row then its mentions, found
by bisecting the first row of each article. Given an `EntityIndex` (through
`IndexedMentions`), an article's mentions are read only when its rows are
drawn, so a place named in every article opens as fast as a rare name."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from textual.cache import LRUCache
from textual.content import Content

from reader.triage.index import Mention
from reader.triage.sentences import sentence_at
from reader.tui.triage.base import TriageScreen
from reader.tui.triage.jump import JumpTo
from reader.tui.triage.rows import fit, plural, squeeze, window


class MentionSource(Protocol):
    """What `IndexedMentions` reads (an `EntityIndex` has it)."""

    def articles_for(self, key: str) -> list[str]: ...
    def mention_count(self, key: str, article_id: str) -> int: ...
    def mentions(self, key: str, article_id: str | None = None) -> list[Mention]: ...


@dataclass(frozen=True)
class IndexedMentions:
    """The mentions of `key` in `index`, read one article at a time."""

    index: MentionSource
    key: str


Mentions = Sequence[Mention] | Mapping[str, Sequence[Mention]] | IndexedMentions


class MentionRows:
    """The rows of the view over per-article groups: `article_ids[n]` has
    `counts[n]` mentions, `load(article_id)` gives them in text order."""

    def __init__(
        self,
        article_ids: Sequence[str],
        counts: Sequence[int],
        load: Callable[[str], Sequence[Mention]],
    ) -> None:
        kept = [(a, c) for a, c in zip(article_ids, counts, strict=True) if c > 0]
        self.article_ids = [a for a, _ in kept]
        self.counts = [c for _, c in kept]
        self.firsts = [0, *accumulate(c + 1 for c in self.counts)]  # heading row of each
        self.mention_total = sum(self.counts)
        self._load = load
        self._loaded: LRUCache[str, Sequence[Mention]] = LRUCache(64)

    @classmethod
    def of(cls, mentions: Mentions) -> MentionRows:
        if isinstance(mentions, IndexedMentions):
            index, key = mentions.index, mentions.key
            ids = index.articles_for(key)
            counts = [index.mention_count(key, a) for a in ids]
            return cls(ids, counts, lambda a: index.mentions(key, a))
        by_article: dict[str, Sequence[Mention]]
        if isinstance(mentions, Mapping):
            by_article = {a: sorted(ms, key=lambda m: m.start) for a, ms in mentions.items()}
        else:
            grouped: dict[str, list[Mention]] = {}
            for mention in mentions:
                grouped.setdefault(mention.article_id, []).append(mention)
            by_article = dict(grouped)
        ids = list(by_article)
        return cls(ids, [len(by_article[a]) for a in ids], by_article.__getitem__)

    def __len__(self) -> int:
        return self.firsts[-1]

    def locate(self, row: int) -> tuple[int, int]:
        """(article number, mention number in it; -1 on its heading row)."""
        group = bisect_right(self.firsts, row) - 1
        return group, row - self.firsts[group] - 1

    def mentions_of(self, group: int) -> Sequence[Mention]:
        article_id = self.article_ids[group]
        found = self._loaded.get(article_id)
        if found is None:
            found = self._loaded[article_id] = self._load(article_id)
        return found

    def mention(self, row: int) -> Mention | None:
        """The mention on `row`; None on a heading row or past the end."""
        if not 0 <= row < len(self):
            return None
        group, number = self.locate(row)
        if number < 0:
            return None
        found = self.mentions_of(group)
        return found[number] if number < len(found) else None


class EntityMentionsScreen(TriageScreen[JumpTo]):
    """Dismissed with JumpTo(article_id, mention.start), or None.

    `entity_label`: the name to show ("Antony J. Blinken"); `entity_key`: its
    index key ("PERSON:antony j. blinken"); `mentions`: `EntityIndex.mentions(key)`,
    {article id: mentions}, or `IndexedMentions(index, key)` (read as drawn);
    `texts`: article id -> text, for the sentence around each mention."""

    VIEW_TITLE = "Mentions"

    def __init__(
        self,
        entity_label: str,
        entity_key: str,
        mentions: Mentions,
        titles: Mapping[str, str],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.entity_label = entity_label
        self.entity_key = entity_key
        self.titles = titles
        self.texts = texts or {}
        self.items = MentionRows.of(mentions)

    def summary(self) -> Content:
        kind = self.entity_key.partition(":")[0] if ":" in self.entity_key else ""
        mentions = self.items.mention_total
        articles = len(self.items.article_ids)
        name = Content.styled(squeeze(self.entity_label) or "(no name)", "bold")
        if kind:
            name += Content.styled(f" ({squeeze(kind)})", "dim")
        return name + Content(f" · {plural(mentions, 'mention')} in {plural(articles, 'article')}")

    def row_count(self) -> int:
        return len(self.items)

    def first_highlight(self) -> int:
        return 1 if len(self.items) > 1 else 0

    def row_lines(self, index: int, width: int) -> list[Content]:
        group, number = self.items.locate(index)
        article_id = self.items.article_ids[group]
        if number < 0:
            title = squeeze(self.titles.get(article_id, article_id))
            count = f"  {plural(self.items.counts[group], 'mention')}"
            head = fit(Content.styled(title, "bold"), max(1, width - len(count)))
            return [head.rstrip() + Content.styled(count, "dim")]
        mention = self.items.mention(index)
        if mention is None:  # the index changed under the view
            return [Content("")]
        text = self.texts.get(article_id)
        sentence = sentence_at(text, mention.start) if text is not None else None
        if sentence is None:
            body = window(mention.text, width - 4, (0, len(mention.text)))
        else:
            mark = (mention.start - sentence.start, mention.end - sentence.start)
            body = window(sentence.text, width - 4, mark)
        return [Content("    ") + body]

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.items):
            return None
        _, number = self.items.locate(index)
        mention = self.items.mention(index + 1 if number < 0 else index)
        if mention is None:
            return None
        return JumpTo(mention.article_id, mention.start)
