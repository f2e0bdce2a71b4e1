"""Entities kept on disk from an earlier run, for the first screen.

The article open at start needs its entities in the first frame; finding them
means importing the extractor and building its word lists (~30 ms) and
running it (~10-15 ms on a seed). The entities of the last opened articles
are therefore kept in a small file of the reader cache folder (the folder of
reader.regex_cache; READER_CACHE_DIR=off: no file), each under the
extractor's fingerprint (reader.code_fingerprint: computed without importing
the extractor), the text's hash and the publication date (the two inputs of
`entities_for`). A start whose first article is there shows its entities
without the extractor, which is imported after the first frame.

This folder rather than the triage index beside the annotation db: the
index is read in a worker after the first frame, and there is no db when the
app runs without one (the headless bench). A file that cannot be read, is
damaged, or holds another fingerprint, text or date is ignored (the
extractor runs as without it); so is an entry whose rows do not fit the text.
Pure, no textual import.
"""

from __future__ import annotations

import marshal
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from reader import regex_cache
from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.tui.entity_work import EntityResult, Row, from_rows

FILE_NAME = "first-entities.marshal"
KEEP = 24  # articles kept (the last opened)
MAX_CHARS = 20_000  # longer texts are not kept (the start shows them later anyway)
_FORMAT = 1
_LABELS = frozenset(label.value for label in Label)

_Key = tuple[str, str]  # text hash, publication date ("" when unknown)
_Entry = tuple[int, tuple[Row, ...]]  # length of the text, its mentions' rows


def cache_path() -> Path | None:
    """The file, in the reader cache folder; None when caches are off."""
    path = regex_cache.cache_path()
    return None if path is None else path.with_name(FILE_NAME)


def article_key(article: Article) -> _Key:
    """What the extractor's result depends on besides its own code."""
    published = article.published.value
    return (article.text_hash, "" if published is None else str(published))


def keeps(fingerprint: str) -> bool:
    """Whether results of an extractor with this fingerprint may be kept: only
    one whose fingerprint hashes its code (reader.code_fingerprint), so that
    another version of it is told apart."""
    return "@" in fingerprint


def _valid_row(row: object, size: int) -> bool:
    if type(row) is not tuple or len(row) != 5:
        return False
    start, end, label, value, key = row
    return (
        type(start) is int
        and type(end) is int
        and 0 <= start < end <= size
        and label in _LABELS
        and (value is None or type(value) is str)
        and (key is None or type(key) is str)
    )


class KeptEntities:
    """The file's entries (read on first use) and this run's new ones."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._read_entries: OrderedDict[_Key, _Entry] | None = None
        self._fingerprint: str | None = None  # of the entries read
        self._added: OrderedDict[_Key, _Entry] = OrderedDict()  # saved with this run's

    def _read(self) -> OrderedDict[_Key, _Entry]:
        if self._read_entries is not None:
            return self._read_entries
        self._read_entries = entries = OrderedDict()
        if self.path is None:
            return entries
        try:
            data = marshal.loads(self.path.read_bytes())
            if data["format"] != _FORMAT or type(data["fingerprint"]) is not str:
                return entries
            for text_hash, published, size, rows in data["entries"]:
                if type(text_hash) is str and type(published) is str and type(size) is int:
                    entries[(text_hash, published)] = (size, tuple(rows))
            self._fingerprint = data["fingerprint"]
        except Exception:  # missing, unreadable, truncated or from elsewhere
            entries.clear()
        return entries

    def has_entries(self) -> bool:
        """Whether the file holds anything (reads it the first time)."""
        return bool(self._read())

    def recall(self, article: Article, text: str, fingerprint: str) -> EntityResult | None:
        """`article`'s entities (`text`: its text) as kept by an earlier run
        of the extractor with `fingerprint`, or None."""
        entries = self._read()
        if fingerprint != self._fingerprint or not keeps(fingerprint):
            return None
        found = entries.get(article_key(article))
        if found is None:
            return None
        size, rows = found
        if size != len(text) or not all(_valid_row(row, size) for row in rows):
            return None
        result = from_rows(text, rows)
        return result if len(result.entities) == len(rows) else None

    def keep(self, article: Article, entities: Iterable[Entity]) -> None:
        """Keep `article`'s entities (as the extractor found them) for `save`;
        texts over MAX_CHARS are left out."""
        text = article.text
        if len(text) > MAX_CHARS:
            return
        rows = tuple((e.start, e.end, e.label.value, e.value, e.key) for e in entities)
        key = article_key(article)
        self._added[key] = (len(text), rows)
        self._added.move_to_end(key)
        while len(self._added) > KEEP:
            self._added.popitem(last=False)

    def has_new(self) -> bool:
        """Whether `keep` added something the file does not hold."""
        entries = self._read()
        return any(entries.get(key) != entry for key, entry in self._added.items())

    def save(self, fingerprint: str) -> bool:
        """Write the last KEEP entries (the file's, when it has `fingerprint`,
        then this run's) if this run added one (atomic replace); False when
        nothing was written. `fingerprint`: the extractor that found this
        run's (only one whose code is hashed: `keeps`)."""
        if self.path is None or not keeps(fingerprint) or not self.has_new():
            return False
        merged = OrderedDict(self._read() if fingerprint == self._fingerprint else ())
        for key, entry in self._added.items():
            merged.pop(key, None)
            merged[key] = entry
        items = list(merged.items())[-KEEP:]
        entries = [(h, p, size, list(rows)) for (h, p), (size, rows) in items]
        data = {"format": _FORMAT, "fingerprint": fingerprint, "entries": entries}
        try:
            payload = marshal.dumps(data)
        except ValueError:  # a value marshal cannot hold (not from this extractor)
            return False
        if not regex_cache.write_bytes(self.path, payload):
            return False
        self._read_entries, self._fingerprint = OrderedDict(items), fingerprint
        self._added.clear()
        return True
