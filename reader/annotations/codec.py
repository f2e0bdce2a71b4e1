"""Annotation <-> plain JSON-able dict, shared by the store, export and import."""

from __future__ import annotations

from typing import Any

from reader.annotations.model import Anchor, Annotation, Kind, Source, Status


class CodecError(ValueError):
    """A record that does not describe a valid annotation."""


def annotation_to_dict(annotation: Annotation) -> dict[str, Any]:
    anchor = annotation.anchor
    return {
        "id": annotation.id,
        "article_id": annotation.article_id,
        "kind": str(annotation.kind),
        "anchor": None
        if anchor is None
        else {
            "start": anchor.start,
            "end": anchor.end,
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "text_hash": anchor.text_hash,
        },
        "tags": list(annotation.tags),
        "note": annotation.note,
        "claim": annotation.claim,
        "claimant": annotation.claimant,
        "verdict": annotation.verdict,
        "conclusion": annotation.conclusion,
        "sources": [{"url": s.url, "note": s.note} for s in annotation.sources],
        "status": str(annotation.status),
        "author": annotation.author,
        "created": annotation.created,
        "updated": annotation.updated,
    }


def annotation_from_dict(data: dict[str, Any]) -> Annotation:
    """Build an Annotation; raises CodecError naming the first bad field."""
    try:
        raw_anchor = data.get("anchor")
        anchor = (
            None
            if raw_anchor is None
            else Anchor(
                start=int(raw_anchor["start"]),
                end=int(raw_anchor["end"]),
                exact=str(raw_anchor["exact"]),
                prefix=str(raw_anchor.get("prefix", "")),
                suffix=str(raw_anchor.get("suffix", "")),
                text_hash=str(raw_anchor.get("text_hash", "")),
            )
        )
        return Annotation(
            id=str(data["id"]),
            article_id=str(data["article_id"]),
            kind=Kind(data.get("kind", Kind.NOTE)),
            anchor=anchor,
            tags=tuple(str(t) for t in data.get("tags", ())),
            note=str(data.get("note", "")),
            claim=str(data.get("claim", "")),
            claimant=str(data.get("claimant", "")),
            verdict=None if data.get("verdict") is None else str(data["verdict"]),
            conclusion=str(data.get("conclusion", "")),
            sources=tuple(
                Source(url=str(s["url"]), note=str(s.get("note", "")))
                for s in data.get("sources", ())
            ),
            status=Status(data.get("status", Status.OPEN)),
            author=str(data.get("author", "")),
            created=str(data["created"]),
            updated=str(data.get("updated") or data["created"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CodecError(f"not a valid annotation record: {exc!r}") from exc
