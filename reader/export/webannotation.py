"""W3C Web Annotation export (JSON-LD).

One AnnotationCollection whose single embedded AnnotationPage lists every
annotation: a collection is the model's own container for a set, states the
total, and stays one valid JSON-LD document. Each annotation repeats the
@context, so it can be lifted out on its own.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reader.annotations.model import Annotation, Kind
from reader.export.gather import Gathered, Item
from reader.export.jsontext import dumps, is_link, utc_stamp

CONTEXT = "http://www.w3.org/ns/anno.jsonld"

MOTIVATION: dict[Kind, str] = {
    Kind.NOTE: "commenting",
    Kind.TAG: "tagging",
    Kind.HIGHLIGHT: "highlighting",
    Kind.FACTCHECK: "assessing",
}
_NAMESPACE = uuid.UUID("6f1c2d3e-8a94-4b1e-9c57-2a0d5e7b9f13")  # reader's own uuid5 namespace


def urn(annotation_id: str) -> str:
    """urn:uuid:… for an annotation id (a uuid4 hex; other ids get a stable uuid5)."""
    try:
        value = uuid.UUID(hex=annotation_id)
    except ValueError:
        value = uuid.uuid5(_NAMESPACE, "annotation:" + annotation_id)
    return value.urn


@functools.lru_cache(maxsize=4096)
def _file_uri(path: Path) -> str:
    return path.resolve().as_uri()


def article_source(item: Item, root: Path | None) -> str:
    """The target's source IRI: the article file's file: URI (where it would be,
    under the corpus root, for an article that is not in the corpus)."""
    article = item.article
    if article is not None:
        return _file_uri(article.path)
    base = _file_uri(root or Path(".")).rstrip("/")
    return f"{base}/{quote(item.annotation.article_id)}"  # any id, even with odd characters


def _text(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def bodies(a: Annotation) -> list[dict[str, Any]]:
    """Note (commenting), tags (tagging), and for a fact-check: the claim
    (describing), the claimant (identifying), the verdict (classifying), the
    conclusion (assessing) and the sources (linking)."""
    found: list[dict[str, Any]] = []
    if a.note:
        found.append(_text(a.note, "commenting"))
    found += [_text(tag, "tagging") for tag in a.tags]
    if a.claim:
        found.append(_text(a.claim, "describing"))
    if a.claimant:
        found.append(_text(a.claimant, "identifying"))
    if a.verdict:
        found.append(_text(a.verdict, "classifying"))
    if a.conclusion:
        found.append(_text(a.conclusion, "assessing"))
    for source in a.sources:
        # A web link becomes an external resource; anything else (javascript:,
        # a bare title) stays text, so no consumer follows it as a link.
        if is_link(source.url):
            link: dict[str, Any] = {"id": source.url.strip(), "purpose": "linking"}
        else:
            link = _text(source.url, "linking")
        if source.note:
            link["label"] = source.note
        found.append(link)
    return found


def target(item: Item, root: Path | None) -> dict[str, Any] | str:
    source = article_source(item, root)
    anchor = item.annotation.anchor
    if anchor is None:
        return source
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        }
    ]
    placed = item.placed
    if placed.start is not None and placed.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": placed.start, "end": placed.end})
    return {"source": source, "selector": selectors}


def annotation(item: Item, root: Path | None) -> dict[str, Any]:
    a = item.annotation
    record: dict[str, Any] = {
        "@context": CONTEXT,
        "id": urn(a.id),
        "type": "Annotation",
        "motivation": MOTIVATION[a.kind],
        "created": utc_stamp(a.created),
        "modified": utc_stamp(a.updated),
    }
    if a.author:
        record["creator"] = {"type": "Person", "name": a.author}
    body = bodies(a)
    if len(body) == 1:
        record["body"] = body[0]
    elif body:
        record["body"] = body
    record["target"] = target(item, root)
    return record


def render(gathered: Gathered, now: datetime) -> tuple[str, int]:
    items = gathered.items
    stamp = utc_stamp(now)
    ids = ",".join(item.annotation.id for item in items)
    collection = uuid.uuid5(_NAMESPACE, f"collection:{stamp}:{ids}")
    page = uuid.uuid5(_NAMESPACE, f"page:{collection}")
    document = {
        "@context": CONTEXT,
        "id": collection.urn,
        "type": "AnnotationCollection",
        "label": "reader export",
        "generated": stamp,
        "total": len(items),
        "first": {
            "id": page.urn,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [annotation(item, gathered.root) for item in items],
        },
    }
    return dumps(document), len(items)
