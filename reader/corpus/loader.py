"""Load a folder of .txt/.md articles: one at a time (streaming) or all at once.

A bad file never stops the others: it becomes a LoadProblem (skipped, or loaded
with a caveat). Only an unusable corpus folder raises CorpusError.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus.article import Article
from reader.corpus.cache import MetadataCache
from reader.corpus.decode import NotText, decode_bytes, text_hash
from reader.corpus.errors import ArticleError, CorpusError, LoadProblem, ProblemKind
from reader.corpus.metadata import read_metadata
from reader.corpus.sanitize import describe_unsafe
from reader.corpus.textstore import TextStore
from reader.corpus.walk import (
    ARTICLE_SUFFIXES,
    ArticleFile,
    article_id_for,
    find_article_files,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "ArticleFile",
    "Corpus",
    "CorpusError",
    "LoadProblem",
    "MetadataCache",
    "TextStore",
    "find_article_files",
    "iter_corpus",
    "load_article",
    "load_corpus",
    "read_article_file",
]

_VISIBLE = re.compile(r"\S")
MAX_ARTICLE_BYTES = 5_000_000  # a longer file is refused: no news article is 5 MB of text


@dataclass
class Corpus:
    """The articles of a folder (sorted by id) and the problems met reading it.

    Add articles with `add` (or append to `articles`); `by_id` is a dict lookup.
    To replace an article in place, build a new Corpus."""

    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    _index: dict[str, Article] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)

    def add(self, item: Article | LoadProblem) -> None:
        if isinstance(item, Article):
            self.articles.append(item)
            if self._indexed == len(self.articles) - 1:
                self._index.setdefault(item.id, item)  # the first of equal ids wins
                self._indexed += 1
        else:
            self.problems.append(item)

    def by_id(self, article_id: str) -> Article | None:
        """The article with this id, or None. O(1)."""
        if self._indexed != len(self.articles):  # `articles` was changed directly
            self._index = {}
            for article in self.articles:
                self._index.setdefault(article.id, article)
            self._indexed = len(self.articles)
        return self._index.get(article_id)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)


def read_article_file(
    path: Path,
    article_id: str,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    cache: MetadataCache | None = None,
    store: TextStore | None = None,
) -> tuple[Article | None, LoadProblem | None]:
    """Read one file. Returns (article, None) when all is well, (article,
    problem) when it loaded with a caveat (not UTF-8), (None, problem) when it
    was skipped. Never raises for a bad file. With `cache`, metadata already
    computed for the same text is reused. With `store`, the text is kept
    there (compact) and the article holds a reference to it."""

    path = path if isinstance(path, Path) else Path(path)

    def skip(kind: str, message: str) -> tuple[None, LoadProblem]:
        return None, LoadProblem(path, message, True, kind, article_id)

    try:
        raw = _read_regular_file(path, max_bytes)
    except _Refused as refused:
        return skip(refused.kind, str(refused))
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else str(exc)
        return skip(ProblemKind.UNREADABLE, f"cannot read file: {reason}")
    if not raw:
        return skip(ProblemKind.EMPTY, "empty file (0 bytes): nothing to read")
    try:
        decoded = decode_bytes(raw)
    except NotText as exc:
        return skip(ProblemKind.BINARY, str(exc))
    text = decoded.text
    if not _VISIBLE.search(text):
        return skip(ProblemKind.EMPTY, f"holds only whitespace ({len(raw)} bytes): nothing to read")
    digest = text_hash(decoded.utf8)
    cached = cache.get(digest, len(text)) if cache is not None else None
    if cached is None:
        meta, unsafe = (
            read_metadata(text, path.stem, decoded.utf8),
            describe_unsafe(text, decoded.utf8),
        )
        if cache is not None:
            cache.put(digest, meta, unsafe)
    else:
        meta, unsafe = cached
    warnings = [note for note in (decoded.warning, unsafe) if note]
    kept = text if store is None else store.add(meta.title.value or "", text, decoded.utf8)
    article = Article(
        id=article_id,
        path=path,
        text=kept,
        text_hash=digest,
        title=meta.title,
        author=meta.author,
        outlet=meta.outlet,
        published=meta.published,
        body_start=meta.body_start,
        word_count=meta.word_count,
        reading_minutes=meta.reading_minutes,
        encoding=decoded.encoding,
        warnings=tuple(warnings),
        subtitle=meta.subtitle,
        original_outlet=meta.original_outlet,
        debris=meta.debris,
    )
    problem = None
    if decoded.warning:
        problem = LoadProblem(path, decoded.warning, False, ProblemKind.ENCODING, article_id)
    return article, problem


class _Refused(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    # O_NONBLOCK: opening a named pipe must not hang; it is refused below.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise _Refused(ProblemKind.NOT_A_FILE, f"not a regular file ({kind})")
        if info.st_size > max_bytes:
            raise _Refused(ProblemKind.TOO_LARGE, _too_large(info.st_size, max_bytes))
        # One read of the known size (plus one byte, to see a file that grew).
        chunks = [os.read(fd, info.st_size + 1)]
        size = len(chunks[0])
        while size > info.st_size and size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > max_bytes:  # it grew while we looked
        raise _Refused(ProblemKind.TOO_LARGE, _too_large(size, max_bytes))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit for one article: "
        "split it into articles"
    )


def load_article(
    path: Path, root: Path | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article:
    """Load one file; its id is its path relative to `root` (default: its own
    folder). Raises ArticleError (a CorpusError) when the file has to be skipped."""
    path = Path(path)
    article_id = article_id_for(path, root)
    article, problem = read_article_file(path, article_id, max_bytes=max_bytes)
    if article is None:
        assert problem is not None
        raise ArticleError(problem)
    return article


def iter_corpus(
    root: Path,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    cache: MetadataCache | bool | None = None,
    store: TextStore | bool = True,
) -> Iterator[Article | LoadProblem]:
    """Stream a corpus: the folder is checked at once (CorpusError), then each
    article or problem is yielded in id order as it is read. For workers that
    show articles as they arrive. `cache=True` keeps the metadata in the user's
    cache folder (see reader.corpus.cache), saved when the stream is exhausted.
    The texts go into `store` (`True`: a new TextStore, in article order;
    `False`: each article keeps its own str)."""
    files, problems = find_article_files(Path(root))
    if cache is True:
        cache = MetadataCache.for_corpus(Path(root))
    if store is True:
        store = TextStore()
    kept_in = store if isinstance(store, TextStore) else None  # (an empty store is falsy)
    return _stream(files, problems, max_bytes, cache or None, kept_in)


def _stream(
    files: list[ArticleFile],
    problems: list[LoadProblem],
    max_bytes: int,
    cache: MetadataCache | None,
    store: TextStore | None,
) -> Iterator[Article | LoadProblem]:
    finished = False
    try:
        yield from problems
        for item in files:
            article, problem = read_article_file(
                item.path, item.id, max_bytes=max_bytes, cache=cache, store=store
            )
            if problem is not None:
                yield problem
            if article is not None:
                yield article
        finished = True
    finally:  # also when the reader stops early (a cancelled worker): keep what was computed
        if cache is not None:
            cache.save(prune=finished)


def load_corpus(
    root: Path,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    cache: MetadataCache | bool | None = None,
    store: TextStore | bool = True,
) -> Corpus:
    """Every article of `root` (recursively, sorted by id) and every problem met.
    `store`: see iter_corpus."""
    corpus = Corpus(root=Path(root))
    for item in iter_corpus(root, max_bytes=max_bytes, cache=cache, store=store):
        corpus.add(item)
    return corpus
