"""The entity index: for each entity key, the articles and mentions.

`EntityIndex` is made from a MentionStore (reader.triage.mention_store) by
`build_entity_index` (reader.triage.index_build) and answers the queries of the
triage views: keys by label, articles and mentions of a key, keys of an article.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.triage.cachefile import narrow_ids
from reader.triage.mention_store import LABEL_CODE, LABEL_NAMES, MentionStore


@dataclass(frozen=True)
class Mention:
    """One mention of an indexed entity in one article."""

    article_id: str
    start: int
    end: int
    text: str
    label: Label


def normalise_name(name: str) -> str:
    """Case-folded, whitespace-collapsed, straight apostrophes, no trailing 's."""
    folded = " ".join(name.replace("’", "'").casefold().split())
    return folded[:-2] if folded.endswith("'s") else folded


def make_key(label: str, name: str) -> str:
    return f"{label}:{normalise_name(name)}"


def entity_key(entity: Entity) -> str:
    """The index key of a mention: its label and its canonical name (Entity.key,
    else its text), normalised. "PERSON:antony j. blinken"."""
    return make_key(str(entity.label), entity.key or entity.text)


class EntityIndex:
    """Entities of every article, and for each entity key the articles and
    mentions. Compact: the mentions stay in a MentionStore, each tagged with
    the number of its index key; the articles of each key are one flat array
    cut by offsets; Entity and Mention objects are made on demand. No article
    text is kept: it is read from the Article when a call needs it."""

    def __init__(self, articles: Iterable[Article], store: MentionStore) -> None:
        self._store = store
        self._ids: list[str] = []
        self._articles: list[Article] = []  # for their texts, read on demand
        self._first, self._stop = array("i"), array("i")  # article -> its mentions
        self._position: dict[str, int] = {}
        self._key_names: list[str] = []  # key number -> key
        self._key_ids: dict[str, int] = {}
        self._names: list[str] = []  # key number -> display name
        self._kids = array("i", bytes(4 * len(store.starts)))  # mention -> key number
        pair_keys, pair_docs = array("i"), array("i")  # (key, article) once per article
        known: dict[tuple[int, int], int] = {}  # (label code, name id) -> key
        named: dict[tuple[int, str], int] = {}  # (label code, name) -> key
        starts, ends, labels, keys, strings = (
            store.starts,
            store.ends,
            store.labels,
            store.keys,
            store.strings,
        )
        kids = self._kids
        done: set[str] = set()
        for article in articles:
            if article.id in self._position:
                continue
            position = self._position[article.id] = len(self._ids)
            self._ids.append(article.id)
            self._articles.append(article)
            first, stop = store.spans.get(article.text_hash, (0, 0))
            self._first.append(first)
            self._stop.append(stop)
            text: str | None = None
            if article.text_hash not in done:
                done.add(article.text_hash)
                for i in range(first, stop):
                    label, key = labels[i], keys[i]
                    if key >= 0 and not strings[key]:
                        key = -1  # an empty canonical name: the text names it
                    k = known.get((label, key)) if key >= 0 else None
                    if k is None:
                        if key >= 0:
                            name = strings[key]
                        else:
                            if text is None:
                                text = article.text  # once: it may be rebuilt on access
                            name = text[starts[i] : ends[i]]
                        k = named.get((label, name))
                        if k is None:
                            k = self._new_key(make_key(LABEL_NAMES[label], name), name)
                            named[(label, name)] = k
                        if key >= 0:
                            known[(label, key)] = k
                    kids[i] = k
            for k in set(kids[first:stop]):
                pair_keys.append(k)
                pair_docs.append(position)
        del known, named, done
        self._kids = kids = narrow_ids(kids, len(self._key_names))
        # the articles of each key (in corpus order): a counting sort of the pairs
        self._key_at = array("i", bytes(4 * (len(self._key_names) + 1)))
        for k in pair_keys:
            self._key_at[k + 1] += 1
        for k in range(1, len(self._key_at)):
            self._key_at[k] += self._key_at[k - 1]
        fill = array("i", self._key_at)
        docs = narrow_ids(array("i", bytes(4 * len(pair_keys))), len(self._ids))
        for k, position in zip(pair_keys, pair_docs, strict=True):
            docs[fill[k]] = position
            fill[k] += 1
        self._key_docs = docs
        self.reused = 0  # articles whose entities came from the cache
        self.extracted = 0  # articles run through the extractor
        self.cache_status = "none"  # none | loaded | missing | ignored (corrupt/stale)
        self.cache_error: str | None = None  # why the cache could not be written
        self.fingerprint = ""  # the extractor's fingerprint the entities came from

    def _new_key(self, key: str, name: str) -> int:
        k = self._key_ids.get(key)
        if k is None:
            k = self._key_ids[key] = len(self._key_names)
            self._key_names.append(key)
            self._names.append(name)
        return k

    def __len__(self) -> int:
        return len(self._key_names)

    @property
    def article_ids(self) -> list[str]:
        return list(self._ids)

    def rows(
        self, article_id: str, label: Label | str | None = None
    ) -> list[tuple[int, int, str, str | None, str | None]]:
        """Raw (start, end, label, value, key) of one article (optionally of
        one label): cheaper than entities(), and no article text is read."""
        position = self._position.get(article_id)
        if position is None:
            return []
        store, strings = self._store, self._store.strings
        first, stop = self._first[position], self._stop[position]
        labels = store.labels
        if label is None:
            chosen: Iterable[int] = range(first, stop)
        else:
            code = LABEL_CODE.get(str(label), -1)
            chosen = [i for i in range(first, stop) if labels[i] == code]
        return [
            (
                store.starts[i],
                store.ends[i],
                LABEL_NAMES[labels[i]],
                None if store.values[i] < 0 else strings[store.values[i]],
                None if store.keys[i] < 0 else strings[store.keys[i]],
            )
            for i in chosen
        ]

    def entities(self, article_id: str, label: Label | str | None = None) -> list[Entity]:
        """The entities of one article (made on each call), optionally of one label."""
        position = self._position.get(article_id)
        if position is None:
            return []
        rows = self.rows(article_id, label)
        text = self._articles[position].text if rows else ""
        return [
            Entity(start, end, text[start:end], Label(lab), value, key)
            for start, end, lab, value, key in rows
        ]

    def entities_by_article(self) -> dict[str, list[Entity]]:
        return {article_id: self.entities(article_id) for article_id in self._ids}

    def _number(self, key: str | Entity) -> int:
        k = entity_key(key) if isinstance(key, Entity) else key
        return self._key_ids.get(k, -1)

    def _positions(self, key: str | Entity) -> array:
        k = self._number(key)
        if k < 0:
            return array("i")
        return self._key_docs[self._key_at[k] : self._key_at[k + 1]]

    def articles_for(self, key: str | Entity) -> list[str]:
        """Ids of the articles that mention `key`, in corpus order."""
        return [self._ids[p] for p in self._positions(key)]

    def article_count(self, key: str | Entity) -> int:
        k = self._number(key)
        return self._key_at[k + 1] - self._key_at[k] if k >= 0 else 0

    def mention_count(self, key: str | Entity, article_id: str) -> int:
        position = self._position.get(article_id)
        k = self._number(key)
        if position is None or k < 0:
            return 0
        return self._kids[self._first[position] : self._stop[position]].count(k)

    def mentions(self, key: str | Entity, article_id: str | None = None) -> list[Mention]:
        """Every mention of `key` (only in `article_id` if given), by article
        (corpus order) then position."""
        k = self._number(key)
        if k < 0:
            return []
        positions: Iterable[int] = self._key_docs[self._key_at[k] : self._key_at[k + 1]]
        if article_id is not None:
            position = self._position.get(article_id, -1)
            positions = [position] if position in positions else []
        store, kids = self._store, self._kids
        found: list[Mention] = []
        for position in positions:
            aid, text = self._ids[position], self._articles[position].text
            for i in range(self._first[position], self._stop[position]):
                if kids[i] == k:
                    start, end = store.starts[i], store.ends[i]
                    label = Label(LABEL_NAMES[store.labels[i]])
                    found.append(Mention(aid, start, end, text[start:end], label))
        return found

    def keys(self, label: Label | str | None = None) -> list[str]:
        """Every key (optionally of one label), most widely mentioned first."""
        prefix = f"{label}:" if label else ""
        at = self._key_at
        chosen = [k for k, key in enumerate(self._key_names) if key.startswith(prefix)]
        chosen.sort(key=lambda k: (at[k] - at[k + 1], self._key_names[k]))
        return [self._key_names[k] for k in chosen]

    def keys_for(self, article_id: str) -> dict[str, int]:
        """Keys mentioned in one article with their mention counts."""
        position = self._position.get(article_id)
        if position is None:
            return {}
        counts: dict[int, int] = {}
        for k in self._kids[self._first[position] : self._stop[position]]:
            counts[k] = counts.get(k, 0) + 1
        return {self._key_names[k]: n for k, n in counts.items()}

    def display_name(self, key: str) -> str:
        """A readable name for a key: the canonical name or first text seen."""
        k = self._key_ids.get(key)
        return self._names[k] if k is not None else key.partition(":")[2]
