"""Load a folder of .txt/.md articles. (Minimal first version; being deepened.)"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus.article import Article, MetaField, Provenance

ARTICLE_SUFFIXES = (".txt", ".md")


class CorpusError(Exception):
    """The corpus folder itself cannot be used (missing, unreadable)."""


@dataclass(frozen=True)
class LoadProblem:
    path: Path
    message: str
    skipped: bool  # True: the file was not loaded at all


@dataclass
class Corpus:
    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    def by_id(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None


def load_article(path: Path, root: Path) -> Article:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    first_line = text.split("\n", 1)[0].strip()
    title = MetaField(first_line or path.stem, Provenance.TEXT, (0, len(first_line)))
    words = len(text.split())
    return Article(
        id=path.relative_to(root).as_posix(),
        path=path,
        text=text,
        text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        body_start=min(len(text), len(first_line) + 1),
        word_count=words,
        reading_minutes=max(1, round(words / 230)),
    )


def load_corpus(root: Path) -> Corpus:
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    corpus = Corpus(root=root)
    for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES):
        corpus.articles.append(load_article(path, root))
    return corpus
