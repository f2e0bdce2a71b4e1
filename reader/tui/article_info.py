"""Plain-text descriptions of an article for the sidebar and the header.

Pure, no textual import. Where a field is unknown it says so; where a value
was derived rather than stated, it says that too. Nothing here is markup: the
widgets wrap these strings in Content objects, never in markup strings.
"""

from __future__ import annotations

from reader.corpus.article import Article, MetaField, Provenance
from reader.corpus.sanitize import display_safe


def _safe(value: str) -> str:
    return display_safe(" ".join(value.split()))


def title_of(article: Article) -> str:
    """The title as shown, whitespace collapsed and made safe."""
    if article.title.value:
        return _safe(article.title.value)
    return f"(untitled: {article.id})"


def row_detail(article: Article, notes: int = 0, open_checks: int = 0) -> str:
    """The second line of a sidebar row: date · outlet · notes · open fact-checks."""
    parts = []
    if article.published.known:
        parts.append(_safe(article.published.value or ""))
    if article.outlet.known:
        parts.append(_safe(article.outlet.value or ""))
    parts.append("1 note" if notes == 1 else f"{notes} notes")
    if open_checks:
        parts.append(f"{open_checks} open")
    return " · ".join(parts)


def _field(name: str, meta: MetaField) -> str:
    if not meta.known:
        return f"{name} unknown"
    value = _safe(meta.value or "")
    if meta.provenance is Provenance.DERIVED:
        return f"{value} ({name} derived)"
    return value


def metadata_parts(article: Article) -> list[tuple[str, bool]]:
    """The metadata line as (text, known) pieces: outlet, author, date, words,
    reading time, and a note when the title was derived, not stated."""
    parts = [
        (_field("outlet", article.outlet), article.outlet.known),
        (_field("author", article.author), article.author.known),
        (_field("date", article.published), article.published.known),
        (f"{article.word_count:,} words", True),
        (f"{article.reading_minutes} min read", True),
    ]
    if article.title.provenance is Provenance.DERIVED:
        parts.append(("title derived from the text", False))
    elif not article.title.known:
        parts.append(("title unknown", False))
    return parts


def metadata_line(article: Article) -> str:
    return " · ".join(text for text, _known in metadata_parts(article))
