"""Check a parsed native export before anything is imported from it.

Errors name the place in the document ("annotations[3].created: missing"), so
a person can find and fix it. Unknown extra fields are ignored.
"""

from __future__ import annotations

from typing import Any

from reader.annotations.model import Anchor, AnchorState, Annotation, Kind, Source, Status
from reader.export.jsontext import parse_time
from reader.export.native import SCHEMA_NAME, SCHEMA_VERSION

MAX_REPORTED = 5


class ImportFormatError(ValueError):
    """The file is not an importable reader export; the message says where and why."""


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, where: str, why: str) -> None:
        self.errors.append(f"{where}: {why}")

    def get(self, record: dict[str, Any], where: str, key: str, kind: str) -> Any:
        """record[key] checked against `kind` ('str', 'str?', 'int', 'list', 'obj?'...)."""
        path = _join(where, key)
        if key not in record:
            self.fail(path, "missing")
            return None
        value = record[key]
        optional = kind.endswith("?")
        base = kind.rstrip("?")
        if value is None and optional:
            return None
        expected = {"str": str, "int": int, "list": list, "obj": dict}[base]
        if not isinstance(value, expected) or (base == "int" and isinstance(value, bool)):
            names = {"str": "a string", "int": "an integer", "list": "a list", "obj": "an object"}
            self.fail(path, f"must be {names[base]}{' or null' if optional else ''}")
            return None
        if base == "int" and value < 0:
            self.fail(path, "must not be negative")
            return None
        return value

    def choice(self, record: dict[str, Any], where: str, key: str, allowed: list[str]) -> Any:
        value = self.get(record, where, key, "str")
        if value is not None and value not in allowed:
            self.fail(_join(where, key), f"{value!r} is not one of {', '.join(allowed)}")
            return None
        return value

    def time(self, record: dict[str, Any], where: str, key: str) -> str | None:
        value = self.get(record, where, key, "str")
        if value is None:
            return None
        try:
            parse_time(value)
        except ValueError:
            self.fail(_join(where, key), f"{value!r} is not an ISO 8601 date-time")
            return None
        return value


def check_header(document: Any) -> None:
    """Raise ImportFormatError unless `document` is a reader export we can read."""
    if isinstance(document, list):
        raise ImportFormatError(
            "this is a JSON list, not a reader export (a ClaimReview export cannot be imported)"
        )
    if not isinstance(document, dict):
        raise ImportFormatError("this JSON is not an object, so it is not a reader export")
    if "@context" in document or document.get("type") in ("AnnotationCollection", "Annotation"):
        raise ImportFormatError(
            "this is a JSON-LD file (e.g. a W3C Web Annotation export); "
            "only the native reader JSON export (--format json) can be imported"
        )
    if document.get("schema") != SCHEMA_NAME:
        found = document.get("schema")
        what = 'no "schema" field' if found is None else f"schema {found!r}"
        raise ImportFormatError(f"not a reader export ({what}; expected {SCHEMA_NAME!r})")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(f"version: {version!r} is not a valid export version")
    if version > SCHEMA_VERSION:
        raise ImportFormatError(
            f"version: this file is version {version}, newer than this reader "
            f"understands (up to {SCHEMA_VERSION}); update reader to import it"
        )


def annotations_from_document(document: Any) -> list[Annotation]:
    """Every annotation of a native export, or ImportFormatError listing the problems."""
    check_header(document)
    check = _Checker()
    articles = check.get(document, "", "articles", "list")
    for n, article in enumerate(articles or []):
        if not isinstance(article, dict):
            check.fail(f"articles[{n}]", "must be an object")
        else:
            check.get(article, f"articles[{n}]", "id", "str")
    records = check.get(document, "", "annotations", "list")
    found: list[Annotation] = []
    first_seen: dict[str, int] = {}
    for n, record in enumerate(records or []):
        where = f"annotations[{n}]"
        if not isinstance(record, dict):
            check.fail(where, "must be an object")
            continue
        before = len(check.errors)
        annotation = _annotation(check, record, where)
        if annotation is None or len(check.errors) > before:
            continue
        if annotation.id in first_seen:
            check.fail(f"{where}.id", f"duplicate of annotations[{first_seen[annotation.id]}].id")
            continue
        first_seen[annotation.id] = n
        found.append(annotation)
    if check.errors:
        shown = check.errors[:MAX_REPORTED]
        more = len(check.errors) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more problem(s)" if more else "")
        raise ImportFormatError(text)
    return found


def _anchor(check: _Checker, record: dict[str, Any], where: str) -> Anchor | None:
    quote = check.get(record, where, "quote", "obj?")
    offsets = check.get(record, where, "offsets", "obj?")
    if quote is None and offsets is None:
        return None
    if quote is None or offsets is None:
        missing = "quote" if quote is None else "offsets"
        check.fail(f"{where}.{missing}", "must be set when the other one is (or both null)")
        return None
    q_where, o_where = f"{where}.quote", f"{where}.offsets"
    exact = check.get(quote, q_where, "exact", "str")
    prefix = check.get(quote, q_where, "prefix", "str")
    suffix = check.get(quote, q_where, "suffix", "str")
    stored = check.get(offsets, o_where, "stored", "obj")
    if stored is None:
        return None
    s_where = f"{o_where}.stored"
    start = check.get(stored, s_where, "start", "int")
    end = check.get(stored, s_where, "end", "int")
    text_hash = check.get(stored, s_where, "text_hash", "str")
    if start is not None and end is not None and end < start:
        check.fail(f"{s_where}.end", f"{end} is before start {start}")
        return None
    if None in (exact, prefix, suffix, start, end, text_hash):
        return None
    return Anchor(start, end, exact, prefix, suffix, text_hash)


def _annotation(check: _Checker, r: dict[str, Any], where: str) -> Annotation | None:
    ident = check.get(r, where, "id", "str")
    if ident == "":
        check.fail(f"{where}.id", "must not be empty")
    article_id = check.get(r, where, "article_id", "str")
    if article_id == "":
        check.fail(f"{where}.article_id", "must not be empty")
    kind = check.choice(r, where, "kind", [str(k) for k in Kind])
    check.choice(r, where, "anchor_state", [str(s) for s in AnchorState])
    anchor = _anchor(check, r, where)
    tags = check.get(r, where, "tags", "list")
    for n, tag in enumerate(tags or []):
        if not isinstance(tag, str):
            check.fail(f"{where}.tags[{n}]", "must be a string")
    texts = {k: check.get(r, where, k, "str") for k in ("note", "claim", "claimant", "conclusion")}
    verdict = check.get(r, where, "verdict", "str?")
    sources = []
    for n, source in enumerate(check.get(r, where, "sources", "list") or []):
        s_where = f"{where}.sources[{n}]"
        if not isinstance(source, dict):
            check.fail(s_where, "must be an object")
            continue
        url, note = (
            check.get(source, s_where, "url", "str"),
            check.get(source, s_where, "note", "str"),
        )
        if url is not None and note is not None:
            sources.append(Source(url=url, note=note))
    status = check.choice(r, where, "status", [str(s) for s in Status])
    author = check.get(r, where, "author", "str")
    check.get(r, where, "entities", "list")
    created = check.time(r, where, "created")
    updated = check.time(r, where, "updated")
    required = (ident, article_id, kind, tags, status, author, created, updated, *texts.values())
    if any(value is None for value in required):
        return None
    return Annotation(
        id=ident,
        article_id=article_id,
        kind=Kind(kind),
        anchor=anchor,
        tags=tuple(tags),
        note=texts["note"],
        claim=texts["claim"],
        claimant=texts["claimant"],
        verdict=verdict,
        conclusion=texts["conclusion"],
        sources=tuple(sources),
        status=Status(status),
        author=author,
        created=created,
        updated=updated,
    )
