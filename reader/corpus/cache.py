"""A cache of article metadata keyed by the text's hash: a corpus opens faster
the second time.

Metadata is a pure function of the text, so an entry keyed by sha256(text) is
right wherever the file is and whatever it is called. Entries also carry a
fingerprint of the code that computed them: any change to the metadata rules
invalidates the whole cache. The cache is optional: a missing, corrupt or
unwritable file only means the metadata is computed again.

Location: $READER_CACHE_DIR, else $XDG_CACHE_HOME/reader, else ~/.cache/reader;
one file per corpus folder. READER_CACHE_DIR=off turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

from reader.corpus.article import UNKNOWN, MetaField, Provenance
from reader.corpus.metadata import Metadata

CACHE_ENV_VAR = "READER_CACHE_DIR"
_FORMAT = 1
# The modules whose rules decide the metadata: their source is the fingerprint.
_RULE_MODULES = (
    "cues.py",
    "decode.py",
    "frontmatter.py",
    "headline.py",
    "metadata.py",
    "sanitize.py",
    "spans.py",
)
_FIELDS = ("title", "subtitle", "author", "outlet", "original_outlet", "published")
_PROVENANCE = {str(provenance): provenance for provenance in Provenance}
_fingerprint: str | None = None


def rules_fingerprint() -> str:
    """A hash of the metadata rules' source code (computed once)."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(str(_FORMAT).encode())
        here = Path(__file__).resolve().parent
        for name in _RULE_MODULES:
            with contextlib.suppress(OSError):
                digest.update((here / name).read_bytes())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def default_cache_dir() -> Path | None:
    """Where caches live, or None when turned off."""
    configured = os.environ.get(CACHE_ENV_VAR)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reader"


class MetadataCache:
    """Metadata of texts by hash, loaded from and saved to one JSON file.

    Safe to use from the one thread that loads a corpus; `save` writes the
    entries used or added since loading (so entries of deleted articles go)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, list[object]] | None = None
        self._used: dict[str, list[object]] = {}
        self._added = 0
        self._lock = threading.Lock()

    @classmethod
    def for_corpus(cls, root: Path, cache_dir: Path | None = None) -> MetadataCache:
        """The cache of the corpus at `root` (in `cache_dir`, default: see module doc)."""
        folder = cache_dir if cache_dir is not None else default_cache_dir()
        if folder is None:
            return cls(None)
        key = hashlib.sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:20]
        return cls(folder / f"corpus-{key}.json")

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, text_hash: str, text_length: int) -> tuple[Metadata, str | None] | None:
        """(metadata, unsafe-characters note) cached for this text, or None."""
        if self.path is None:
            return None
        with self._lock:
            if self._old is None:
                self._old = self._read()
            entry = self._old.get(text_hash)
        if entry is None:
            return None
        try:
            found = _decode(entry, text_length)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            found = None  # damaged or foreign entry: compute again
        if found is not None:
            self._used[text_hash] = entry
        return found

    def put(self, text_hash: str, meta: Metadata, unsafe: str | None) -> None:
        if self.path is not None:
            self._used[text_hash] = _encode(meta, unsafe)
            self._added += 1

    def save(self, prune: bool = True) -> None:
        """Write the cache atomically; never raises for I/O. `prune`: keep only
        the entries used or added by this load (pass False after a partial load)."""
        if self.path is None:
            return
        stale = prune and self._old is not None and set(self._old) != set(self._used)
        if not self._added and not stale:
            return
        entries = self._used if prune else {**(self._old or {}), **self._used}
        data = {"format": _FORMAT, "rules": rules_fingerprint(), "entries": entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError:
            return  # a cache that cannot be written is no cache, not an error

    def _read(self) -> dict[str, list[object]]:
        try:
            with open(self.path, encoding="utf-8") as handle:  # type: ignore[arg-type]
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != _FORMAT
            or data.get("rules") != rules_fingerprint()
            or not isinstance(data.get("entries"), dict)
        ):
            return {}
        return data["entries"]


def _encode(meta: Metadata, unsafe: str | None) -> list[object]:
    fields = [
        None if field is UNKNOWN else [field.value, str(field.provenance), field.span]
        for field in (getattr(meta, name) for name in _FIELDS)
    ]
    return [
        fields,
        meta.body_start,
        [list(span) for span in meta.debris],
        meta.word_count,
        meta.reading_minutes,
        unsafe,
    ]


def _decode(entry: list[object], text_length: int) -> tuple[Metadata, str | None] | None:
    """The cached metadata, or None when an offset does not fit the text (a
    damaged or hand-edited cache): offsets must never point outside it."""
    fields_data, body_start, debris_data, words, minutes, unsafe = entry
    fields: list[MetaField] = []
    for item in fields_data:  # type: ignore[attr-defined]
        if item is None:
            fields.append(UNKNOWN)
            continue
        value, provenance, span = item
        if not isinstance(value, str):
            return None
        if span is not None:
            start, end = span
            if not 0 <= start <= end <= text_length:
                return None
            span = (start, end)
        fields.append(MetaField(value, _PROVENANCE[provenance], span))
    debris = tuple((start, end) for start, end in debris_data)  # type: ignore[attr-defined]
    if not 0 <= body_start <= text_length:  # type: ignore[operator]
        return None
    if not (isinstance(words, int) and isinstance(minutes, int)):
        return None
    if any(not 0 <= start <= end <= text_length for start, end in debris):
        return None
    meta = Metadata(*fields, body_start, debris, words, minutes)  # type: ignore[arg-type]
    return meta, unsafe if isinstance(unsafe, str) else None
