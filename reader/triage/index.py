"""An index of entity mentions across the corpus, cached on disk.

`build_entity_index(articles, extract, cache_path)` runs the extractor on each
article whose text (by hash) is not already in the cache, and writes the cache
back atomically (a binary file of typed arrays: a MentionStore). A cache that
cannot be read, has another format, or was made by another version of the
extractor is ignored and rebuilt. Building touches no
shared state, so it can run in a background thread.
"""

from __future__ import annotations

import hashlib
import importlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.triage.cachefile import (
    CacheUnreadable,
    narrow_ids,
    narrowest,
    read_arrays,
    write_arrays_atomic,
)

CACHE_FORMAT = "reader-entity-index"
CACHE_VERSION = 2
CACHE_FILE = "entity_index.bin"

Extract = Callable[[Article], Sequence[Entity]]
_Row = tuple[int, int, str, str | None, str | None]  # start, end, label, value, key


class BuildCancelled(Exception):
    """`should_stop()` returned True while the index was being built."""


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


def default_cache_path(db_path: Path, corpus_root: Path | None = None) -> Path:
    """The cache file beside the annotation database, one per corpus folder:
    `data/.cache/entity_index-<hash of the corpus path>.bin`. The cache keeps
    only the texts of the corpus it was last built for."""
    stem = CACHE_FILE.removesuffix(".bin")
    if corpus_root is not None:
        where = str(Path(corpus_root).resolve()).encode()
        stem += "-" + hashlib.sha256(where).hexdigest()[:12]
    return Path(db_path).parent / ".cache" / f"{stem}.bin"


def extractor_fingerprint(extract: Callable[..., object]) -> str:
    """Identify the extractor so a cache made by another version is not reused:
    for code inside this package, a hash of its package's files (code and data)."""
    module_name = getattr(extract, "__module__", "") or ""
    name = f"{module_name}.{getattr(extract, '__qualname__', repr(extract))}"
    if not module_name.startswith("reader."):
        return name
    module = importlib.import_module(module_name)
    folder = Path(module.__file__ or ".").parent
    digest = hashlib.sha256(name.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{name}@{digest.hexdigest()[:16]}"


class MentionStore:
    """The raw mentions of many texts in flat typed arrays, ~21 bytes a mention
    instead of a tuple of objects: start, end, label code, value and canonical
    key as ids into one table of interned strings (-1: None). `spans` maps a
    text hash to its slice of the arrays. Also the format of the cache file.
    `narrow()` (done on save and load) stores each array in the smallest
    integer type its numbers fit: ~9 bytes a mention on a news corpus."""

    def __init__(self) -> None:
        self.starts = array("i")
        self.ends = array("i")
        self.labels = array("b")
        self.values = array("i")
        self.keys = array("i")
        self.strings: list[str] = []
        self._ids: dict[str, int] = {}
        self.spans: dict[str, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self.spans)

    def _intern(self, text: str | None) -> int:
        if text is None:
            return -1
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.strings)
            self.strings.append(text)
        return found

    def _arrays(self) -> list[array]:
        return [self.starts, self.ends, self.labels, self.values, self.keys]

    def narrow(self) -> None:
        """Each array in the smallest integer type that holds its numbers."""
        self.starts, self.ends, self.labels, self.values, self.keys = map(narrowest, self._arrays())

    def widen(self) -> None:
        """Back to 4-byte arrays (after `narrow`), so that any number fits."""
        self.starts, self.ends, self.values, self.keys = (
            a if a.typecode == "i" else array("i", a)
            for a in (self.starts, self.ends, self.values, self.keys)
        )
        if self.labels.typecode != "b":
            self.labels = array("b", self.labels)

    def add(self, text_hash: str, rows: Iterable[_Row]) -> None:
        if self.starts.typecode != "i":
            self.widen()
        first = len(self.starts)
        for start, end, label, value, key in rows:
            self.starts.append(start)
            self.ends.append(end)
            self.labels.append(_LABEL_CODE[label])
            self.values.append(self._intern(value))
            self.keys.append(self._intern(key))
        self.spans[text_hash] = (first, len(self.starts))

    def copy(self, text_hash: str, other: MentionStore) -> None:
        """Add `other`'s mentions of `text_hash`."""
        self.add(text_hash, other.rows(text_hash))

    def seal(self) -> None:
        """Drop what only building needs (text hash -> slice, string -> id):
        an EntityIndex made from the store keeps its own slices."""
        self.spans = {}
        self._ids = {}

    def rows(self, text_hash: str) -> list[_Row]:
        first, stop = self.spans.get(text_hash, (0, 0))
        strings, labels = self.strings, _LABEL_NAMES
        return [
            (
                self.starts[i],
                self.ends[i],
                labels[self.labels[i]],
                None if self.values[i] < 0 else strings[self.values[i]],
                None if self.keys[i] < 0 else strings[self.keys[i]],
            )
            for i in range(first, stop)
        ]

    def fits(self, text_hash: str, size: int) -> bool:
        """Whether every mention of `text_hash` lies inside a text of `size`."""
        first, stop = self.spans[text_hash]
        return all(
            0 <= s < e <= size
            for s, e in zip(self.starts[first:stop], self.ends[first:stop], strict=True)
        )

    def save(self, path: Path, fingerprint: str) -> None:
        header = {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "extractor": fingerprint,
            "strings": self.strings,
            "spans": [[h, a, b] for h, (a, b) in self.spans.items()],
        }
        self.narrow()
        write_arrays_atomic(path, header, self._arrays())

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> tuple[MentionStore, str]:
        """The store saved at `path` and "loaded"; else an empty store and
        "missing" or "ignored" (unreadable, another format or extractor, any
        number out of range)."""
        empty = cls()
        try:
            found = read_arrays(path)
        except CacheUnreadable:
            return empty, "ignored"
        if found is None:
            return empty, "missing"
        header, arrays = found
        strings, spans = header.get("strings"), header.get("spans")
        if (
            header.get("format") != CACHE_FORMAT
            or header.get("version") != CACHE_VERSION
            or header.get("extractor") != fingerprint
            or not isinstance(strings, list)
            or not all(type(s) is str for s in strings)
            or not isinstance(spans, list)
            or len(arrays) != 5
            or not all(a.typecode in "bBhHi" for a in arrays)
            or len({len(a) for a in arrays}) != 1
        ):
            return empty, "ignored"
        store = cls()
        store.starts, store.ends, store.labels, store.values, store.keys = arrays
        store.narrow()  # a file written before narrowing was done
        store.strings = strings
        size = len(store.starts)
        for numbers, low, high in (
            (store.starts, 0, 1 << 31),
            (store.ends, 1, 1 << 31),
            (store.labels, 0, len(_LABEL_NAMES)),
            (store.values, -1, len(strings)),
            (store.keys, -1, len(strings)),
        ):
            if numbers and (min(numbers) < low or max(numbers) >= high):
                return empty, "ignored"
        try:
            for text_hash, first, stop in spans:
                if not (type(text_hash) is str and type(first) is int and type(stop) is int):
                    return empty, "ignored"
                if not 0 <= first <= stop <= size:
                    return empty, "ignored"
                store.spans[text_hash] = (first, stop)
        except (TypeError, ValueError):
            return empty, "ignored"
        return store, "loaded"


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
                            k = self._new_key(make_key(_LABEL_NAMES[label], name), name)
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
            code = _LABEL_CODE.get(str(label), -1)
            chosen = [i for i in range(first, stop) if labels[i] == code]
        return [
            (
                store.starts[i],
                store.ends[i],
                _LABEL_NAMES[labels[i]],
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
                    label = Label(_LABEL_NAMES[store.labels[i]])
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


def _rows_of(entities: Sequence[Entity]) -> Iterable[_Row]:
    return ((e.start, e.end, str(e.label), e.value, e.key) for e in entities)


_LABEL_NAMES = [str(label) for label in Label]
_LABEL_CODE = {name: code for code, name in enumerate(_LABEL_NAMES)}


def _covers(
    cached: MentionStore,
    articles: Sequence[Article],
    progress: Callable[[int, int], None] | None,
) -> bool:
    """Whether `cached` holds every text of `articles` (their mentions inside
    the text) and no other: then it serves as it is."""
    hashes: set[str] = set()
    total = len(articles)
    for done, article in enumerate(articles, 1):
        if article.text_hash not in hashes:
            if article.text_hash not in cached.spans or not cached.fits(
                article.text_hash, len(article.text)
            ):
                return False
            hashes.add(article.text_hash)
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    return len(hashes) == len(cached)


def build_entity_index(
    articles: Sequence[Article],
    extract: Extract,
    cache_path: Path | None = None,
    *,
    extractor_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> EntityIndex:
    """Index `articles`, reusing cached entities for unchanged texts.

    `extract(article)` gives an article's entities. `progress(done, total)` is
    called now and then; `should_stop()` returning True raises BuildCancelled
    (what was extracted so far is still written to the cache). A cache write
    that fails (read-only folder) is not an error: the index is still returned.
    """
    fingerprint = extractor_id or extractor_fingerprint(extract)
    cached, status = (
        MentionStore.load(cache_path, fingerprint) if cache_path else (MentionStore(), "none")
    )
    store = MentionStore()
    reused = extracted = 0
    total = len(articles)
    cancelled = False
    write_error: str | None = None
    whole = status == "loaded" and _covers(cached, articles, progress)
    if whole:
        store, cached = cached, MentionStore()  # as loaded: no second copy
        reused = len(store)
        articles_left: Sequence[Article] = ()
    else:
        articles_left = articles
    for done, article in enumerate(articles_left, 1):
        if article.text_hash not in store.spans:
            if article.text_hash in cached.spans and cached.fits(
                article.text_hash, len(article.text)
            ):
                store.copy(article.text_hash, cached)
                reused += 1
            else:
                if should_stop is not None and should_stop():
                    cancelled = True
                    break
                store.add(article.text_hash, _rows_of(extract(article)))
                extracted += 1
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    changed = extracted or status != "loaded" or len(cached) != len(store)
    if cache_path is not None and not whole and changed:
        if cancelled:  # keep what the cache knew about the articles not reached
            for article in articles:
                if article.text_hash not in store.spans and article.text_hash in cached.spans:
                    store.copy(article.text_hash, cached)
        try:
            store.save(cache_path, fingerprint)
        except OSError as exc:
            write_error = f"cache not saved: {exc}"
    del cached
    if cancelled:
        raise BuildCancelled(f"stopped after {extracted} articles")
    index = EntityIndex(articles, store)
    store.seal()
    index.reused, index.extracted, index.cache_status = reused, extracted, status
    index.cache_error = write_error
    index.fingerprint = fingerprint
    return index
