"""The one export entry point the CLI and the app both call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from reader.annotations.model import Annotation
from reader.corpus import Corpus
from reader.export import claimreview, markdown, native, webannotation
from reader.export.gather import ExportError, Gathered, gather
from reader.export.jsontext import as_utc, utc_stamp


@dataclass(frozen=True)
class ExportResult:
    text: str  # the whole document, ready to write (UTF-8)
    count: int  # annotations written into it


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str  # for a default file name
    description: str
    render: Callable[[Gathered, datetime], tuple[str, int]]


def _native(g: Gathered, now: datetime) -> tuple[str, int]:
    return native.render(g, utc_stamp(now.replace(microsecond=0))), g.count


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", ".json", "native reader JSON (re-importable)", _native),
        Format("webannotation", ".jsonld", "W3C Web Annotation (JSON-LD)", webannotation.render),
        Format(
            "claimreview", ".jsonld", "schema.org ClaimReview, fact-checks only", claimreview.render
        ),
        Format("markdown", ".md", "Markdown report for an editor", markdown.render),
    )
}
DEFAULT_FORMAT = "json"


def export_annotations(
    format: str,
    corpus: Corpus,
    annotations: Iterable[Annotation],
    *,
    article_id: str | None = None,
    now: datetime | str | None = None,
) -> ExportResult:
    """Render `annotations` (optionally only those of `article_id`) in `format`.

    Raises ExportError for an unknown format or an article that is neither in
    the corpus nor annotated. Pure: it reads the corpus and writes nothing.
    """
    spec = FORMATS.get(format)
    if spec is None:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    gathered = gather(corpus, annotations, article_id=article_id)
    text, count = spec.render(gathered, as_utc(now))
    return ExportResult(text=text, count=count)


def default_filename(format: str, now: datetime | str | None = None) -> str:
    """A file name such as 'reader-export-20261121-0803.json'."""
    stamp = as_utc(now).strftime("%Y%m%d-%H%M%S")
    suffix = FORMATS[format].suffix if format in FORMATS else ".txt"
    kind = {"claimreview": "claimreview", "webannotation": "annotations"}.get(format, "export")
    return f"reader-{kind}-{stamp}{suffix}"
