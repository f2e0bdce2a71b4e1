"""The native JSON export: schema "reader-export", version 1 (see SCHEMA.md).

It carries everything the database holds about each annotation, so that an
import rebuilds identical records, plus what the reader can compute now: the
current placement, the anchor state and the entities inside the span.
"""

from __future__ import annotations

from typing import Any

from reader import __version__
from reader.corpus import MetaField
from reader.export.gather import ArticleEntry, Gathered, Item
from reader.export.jsontext import dumps

SCHEMA_NAME = "reader-export"
SCHEMA_VERSION = 1


def _meta(field: MetaField) -> str | None:
    return field.value


def article_record(entry: ArticleEntry) -> dict[str, Any]:
    article = entry.article
    if article is None:
        return {
            "id": entry.id,
            "in_corpus": False,
            "title": None,
            "outlet": None,
            "author": None,
            "date": None,
            "path": None,
            "text_hash": None,
        }
    return {
        "id": article.id,
        "in_corpus": True,
        "title": _meta(article.title),
        "outlet": _meta(article.outlet),
        "author": _meta(article.author),
        "date": _meta(article.published),
        "path": entry.path,
        "text_hash": article.text_hash,
    }


def annotation_record(item: Item) -> dict[str, Any]:
    a = item.annotation
    anchor = a.anchor
    placed = item.placed
    quote = offsets = None
    if anchor is not None:
        quote = {"exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix}
        current = None
        if placed.start is not None and placed.end is not None:
            current = {"start": placed.start, "end": placed.end}
        offsets = {
            "stored": {"start": anchor.start, "end": anchor.end, "text_hash": anchor.text_hash},
            "current": current,
        }
    return {
        "id": a.id,
        "article_id": a.article_id,
        "kind": str(a.kind),
        "anchor_state": str(placed.state),
        "quote": quote,
        "offsets": offsets,
        "entities": [
            {
                "text": e.text,
                "label": str(e.label),
                "value": e.value,
                "start": e.start,
                "end": e.end,
            }
            for e in item.entities
        ],
        "tags": list(a.tags),
        "note": a.note,
        "claim": a.claim,
        "claimant": a.claimant,
        "verdict": a.verdict,
        "conclusion": a.conclusion,
        "sources": [{"url": s.url, "note": s.note} for s in a.sources],
        "status": str(a.status),
        "author": a.author,
        "created": a.created,
        "updated": a.updated,
    }


def render(gathered: Gathered, exported_at: str) -> str:
    document = {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "exported_at": exported_at,
        "generator": {"name": "reader", "version": __version__},
        "articles": [article_record(entry) for entry in gathered.articles],
        "annotations": [annotation_record(item) for item in gathered.items],
    }
    return dumps(document)
