"""An index of entity mentions across the corpus, cached on disk.

`build_entity_index(articles, extract, cache_path)` runs the extractor on each
article whose text (by hash) is not already in the cache, and writes the cache
back atomically. A cache that cannot be read, has another format, or was made
by another version of the extractor is ignored and rebuilt. Building touches no
shared state, so it can run in a background thread.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.triage.cachefile import CacheUnreadable, read_json, write_json_atomic

CACHE_FORMAT = "reader-entity-index"
CACHE_VERSION = 1
CACHE_FILE = "entity_index.json"

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
    `data/.cache/entity_index-<hash of the corpus path>.json`. The cache keeps
    only the texts of the corpus it was last built for."""
    stem = CACHE_FILE.removesuffix(".json")
    if corpus_root is not None:
        where = str(Path(corpus_root).resolve()).encode()
        stem += "-" + hashlib.sha256(where).hexdigest()[:12]
    return Path(db_path).parent / ".cache" / f"{stem}.json"


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


class EntityIndex:
    """Entities of every article, and for each entity key the articles and mentions."""

    def __init__(self, articles: Iterable[Article], rows: dict[str, list[_Row]]) -> None:
        self._texts: dict[str, str] = {}
        self._rows: dict[str, list[_Row]] = {}
        self._entities: dict[str, list[Entity]] = {}
        self._keys: dict[str, dict[str, int]] = {}
        self._by_key: dict[str, list[str]] = {}
        self._names: dict[str, str] = {}
        self._known: dict[tuple[str, str], str] = {}
        self.reused = 0  # articles whose entities came from the cache
        self.extracted = 0  # articles run through the extractor
        self.cache_status = "none"  # none | loaded | missing | ignored (corrupt/stale)
        self.cache_error: str | None = None  # why the cache could not be written
        self.fingerprint = ""  # the extractor's fingerprint the entities came from
        known = self._known = {}  # (label, name) -> key: names repeat a lot
        for article in articles:
            article_rows = rows.get(article.text_hash, [])
            self._texts[article.id] = article.text
            self._rows[article.id] = article_rows
            counts: dict[str, int] = {}
            text = article.text
            for start, end, label, _value, key in article_rows:
                name = key or text[start:end]
                k = known.get((label, name))
                if k is None:
                    k = known[(label, name)] = make_key(label, name)
                counts[k] = counts.get(k, 0) + 1
                if k not in self._names:
                    self._names[k] = name
            self._keys[article.id] = counts
            for k in counts:
                self._by_key.setdefault(k, []).append(article.id)

    def __len__(self) -> int:
        return len(self._by_key)

    @property
    def article_ids(self) -> list[str]:
        return list(self._rows)

    def rows(self, article_id: str) -> list[tuple[int, int, str, str | None, str | None]]:
        """Raw (start, end, label, value, key) of one article: cheaper than entities()."""
        return self._rows.get(article_id, [])

    def entities(self, article_id: str, label: Label | str | None = None) -> list[Entity]:
        """The entities of one article (built on first use), optionally of one label."""
        if label is not None:
            text = self._texts.get(article_id, "")
            return [
                Entity(start, end, text[start:end], Label(lab), value, key)
                for start, end, lab, value, key in self._rows.get(article_id, [])
                if lab == label
            ]
        cached = self._entities.get(article_id)
        if cached is None:
            text = self._texts.get(article_id, "")
            cached = [
                Entity(start, end, text[start:end], Label(label), value, key)
                for start, end, label, value, key in self._rows.get(article_id, [])
            ]
            self._entities[article_id] = cached
        return cached

    def entities_by_article(self) -> dict[str, list[Entity]]:
        return {article_id: self.entities(article_id) for article_id in self._rows}

    def _key(self, key: str | Entity) -> str:
        return entity_key(key) if isinstance(key, Entity) else key

    def articles_for(self, key: str | Entity) -> list[str]:
        """Ids of the articles that mention `key`, in corpus order."""
        return list(self._by_key.get(self._key(key), []))

    def article_count(self, key: str | Entity) -> int:
        return len(self._by_key.get(self._key(key), ()))

    def mention_count(self, key: str | Entity, article_id: str) -> int:
        return self._keys.get(article_id, {}).get(self._key(key), 0)

    def mentions(self, key: str | Entity, article_id: str | None = None) -> list[Mention]:
        """Every mention of `key` (only in `article_id` if given), by article
        (corpus order) then position."""
        k = self._key(key)
        known = self._known
        found: list[Mention] = []
        articles = self._by_key.get(k, ())
        if article_id is not None:
            articles = [article_id] if article_id in articles else []
        for aid in articles:
            text = self._texts[aid]
            for start, end, label, _value, entity_key_ in self._rows[aid]:
                name = entity_key_ or text[start:end]
                if known.get((label, name)) == k:
                    found.append(Mention(aid, start, end, text[start:end], Label(label)))
        return found

    def keys(self, label: Label | str | None = None) -> list[str]:
        """Every key (optionally of one label), most widely mentioned first."""
        prefix = f"{label}:" if label else ""
        chosen = [k for k in self._by_key if k.startswith(prefix)]
        return sorted(chosen, key=lambda k: (-len(self._by_key[k]), k))

    def keys_for(self, article_id: str) -> dict[str, int]:
        """Keys mentioned in one article with their mention counts."""
        return dict(self._keys.get(article_id, {}))

    def display_name(self, key: str) -> str:
        """A readable name for a key: the canonical name or first text seen."""
        return self._names.get(key, key.partition(":")[2])


def _rows_of(entities: Sequence[Entity]) -> list[_Row]:
    return [(e.start, e.end, str(e.label), e.value, e.key) for e in entities]


_LABELS = frozenset(str(label) for label in Label)


def _valid_rows(raw: object, text: str) -> list[_Row] | None:
    """Rows from the cache, or None if anything in them does not fit `text`."""
    if not isinstance(raw, list):
        return None
    try:
        rows = [(start, end, label, value, key) for start, end, label, value, key in raw]
    except (TypeError, ValueError):
        return None
    size = len(text)
    for start, end, label, value, key in rows:
        if (
            type(start) is not int
            or type(end) is not int
            or not 0 <= start < end <= size
            or label not in _LABELS
            or (value is not None and type(value) is not str)
            or (key is not None and type(key) is not str)
        ):
            return None
    return rows


def _load_cache(path: Path | None, fingerprint: str) -> tuple[dict[str, object], str]:
    if path is None:
        return {}, "none"
    try:
        data = read_json(path)
    except CacheUnreadable:
        return {}, "ignored"
    if data is None:
        return {}, "missing"
    if (
        not isinstance(data, dict)
        or data.get("format") != CACHE_FORMAT
        or data.get("version") != CACHE_VERSION
        or data.get("extractor") != fingerprint
        or not isinstance(data.get("entries"), dict)
    ):
        return {}, "ignored"
    return data["entries"], "loaded"


def _write_cache(path: Path, fingerprint: str, entries: dict[str, object]) -> None:
    data = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "extractor": fingerprint,
        "entries": entries,
    }
    write_json_atomic(path, data)


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
    cached, status = _load_cache(cache_path, fingerprint)
    rows: dict[str, list[_Row]] = {}
    reused = extracted = 0
    total = len(articles)
    cancelled = False
    write_error: str | None = None
    for done, article in enumerate(articles, 1):
        if article.text_hash not in rows:
            hit = _valid_rows(cached.get(article.text_hash), article.text)
            if hit is not None:
                rows[article.text_hash] = hit
                reused += 1
            else:
                if should_stop is not None and should_stop():
                    cancelled = True
                    break
                rows[article.text_hash] = _rows_of(extract(article))
                extracted += 1
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    if cache_path is not None and (extracted or status != "loaded" or len(cached) != len(rows)):
        entries: dict[str, object] = dict(rows)
        if cancelled:  # keep what the cache knew about the articles not reached
            for article in articles:
                if article.text_hash not in entries and article.text_hash in cached:
                    entries[article.text_hash] = cached[article.text_hash]
        try:
            _write_cache(cache_path, fingerprint, entries)
        except OSError as exc:
            write_error = f"cache not saved: {exc}"
    if cancelled:
        raise BuildCancelled(f"stopped after {extracted} articles")
    index = EntityIndex(articles, rows)
    index.reused, index.extracted, index.cache_status = reused, extracted, status
    index.cache_error = write_error
    index.fingerprint = fingerprint
    return index
