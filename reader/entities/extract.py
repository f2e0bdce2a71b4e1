"""Entity extraction entry points. (Placeholder; the real extractor is being built.)"""

from __future__ import annotations

from reader.corpus.article import Article
from reader.entities.model import Entity


def extract_entities(text: str, published: str | None = None) -> list[Entity]:
    """All entities of `text`, sorted by start. `published` is an ISO date used
    to resolve relative dates ("last week")."""
    return []


def entities_for(article: Article) -> list[Entity]:
    return extract_entities(article.text, article.published.value)
