"""Merge a colleague's native export into the annotation database.

Rules: ids are kept; an identical annotation is skipped; a different one with a
later `updated` time replaces ours, an older (or equally old) one is skipped;
an annotation whose article is not in the corpus, or whose quote cannot be
found in it, is stored all the same and counted as orphaned. The file is fully
checked first and everything is written in one durable batch, so a bad file
changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reader.annotations.model import AnchorState, Annotation
from reader.corpus import Corpus
from reader.export.jsontext import parse_time
from reader.export.placing import place_annotation
from reader.export.validate import ImportFormatError, annotations_from_document

MAX_IMPORT_BYTES = 512 * 1024 * 1024
RETRIES = 3


class BatchStore(Protocol):
    def all(self) -> list[Annotation]: ...

    def apply_batch(self, adds: Sequence[Annotation], updates: Sequence[Annotation]) -> Any: ...


@dataclass(frozen=True)
class ImportPlan:
    adds: tuple[Annotation, ...]
    updates: tuple[Annotation, ...]
    skipped: int
    orphaned: int  # of adds + updates
    missing_articles: tuple[str, ...]  # article ids not in the corpus, sorted


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    skipped: int
    orphaned: int
    missing_articles: tuple[str, ...]

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, skipped {self.skipped}, "
            f"orphaned {self.orphaned}"
        )


def read_export(path: Path) -> list[Annotation]:
    """Read and check a native export file; ImportFormatError (or OSError) if unusable."""
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"{path} is {size} bytes, more than an export can be")
    return parse_export(path.read_bytes())


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_export(raw: bytes | str) -> list[Annotation]:
    """The annotations of a native export given as bytes or text."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(
                f"not UTF-8 text (bad byte at offset {exc.start}), so not a reader export"
            ) from None
    if not raw.strip():
        raise ImportFormatError("the file is empty")
    try:
        document = json.loads(raw, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ImportFormatError(f"not valid JSON: {exc}") from None
    return annotations_from_document(document)


def _is_newer(incoming: Annotation, existing: Annotation) -> bool:
    return parse_time(incoming.updated) > parse_time(existing.updated)


def plan_import(
    incoming: Iterable[Annotation], existing: Iterable[Annotation], corpus: Corpus
) -> ImportPlan:
    """Decide, for each incoming annotation, whether to add, replace or skip it."""
    ours: dict[str, Annotation] = {}
    for annotation in existing:
        ours[annotation.id] = annotation
    adds: list[Annotation] = []
    updates: list[Annotation] = []
    skipped = orphaned = 0
    missing: set[str] = set()
    articles = {article.id: article for article in corpus.articles}
    for annotation in incoming:
        current = ours.get(annotation.id)
        if current is None:
            adds.append(annotation)
        elif current == annotation or not _is_newer(annotation, current):
            skipped += 1
            continue
        else:
            updates.append(annotation)
        article = articles.get(annotation.article_id)
        if article is None:
            missing.add(annotation.article_id)
        if place_annotation(annotation, article).state is AnchorState.ORPHANED:
            orphaned += 1
    return ImportPlan(tuple(adds), tuple(updates), skipped, orphaned, tuple(sorted(missing)))


def import_annotations(
    incoming: Iterable[Annotation], store: BatchStore, corpus: Corpus
) -> ImportReport:
    """Merge `incoming` into `store` with one durable write (none if nothing changes).

    If another process adds one of the same ids between our read and our write,
    the store refuses the whole batch; we plan again against the fresh state.
    """
    incoming = list(incoming)
    for attempt in range(RETRIES):
        plan = plan_import(incoming, store.all(), corpus)
        if not (plan.adds or plan.updates):
            break
        try:
            store.apply_batch(list(plan.adds), list(plan.updates))
            break
        except ValueError:
            if attempt == RETRIES - 1:
                raise
    return ImportReport(
        added=len(plan.adds),
        updated=len(plan.updates),
        skipped=plan.skipped,
        orphaned=plan.orphaned,
        missing_articles=plan.missing_articles,
    )
