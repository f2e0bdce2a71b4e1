"""Shared fixtures for the export/import tests: a small corpus on disk and
annotations of every kind, including hostile text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.annotations.model import Anchor, Annotation, Kind, Source, Status
from reader.corpus import Article, Corpus, MetaField, Provenance

FIRST = (
    "Talks Resume in Geneva\n\n"
    "Antony Blinken met Sergei Lavrov in Geneva on Friday. "
    "Officials said 40,000 troops had moved to the border in early 2022.\n"
    "The ministry denied it.\n"
)
SECOND = "A Second Piece\n\nThe Kremlin said the offensive succeeded.\n"
HOSTILE = "# Heading?\n\n<script>alert(1)</script> [link](javascript:x) \x1b[31mred\u202e\n"


def _meta(value: str | None) -> MetaField:
    return MetaField(value, Provenance.TEXT if value else Provenance.UNKNOWN)


def write_article(
    root: Path,
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
) -> Article:
    path = root / article_id
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return Article(
        id=article_id,
        path=path,
        text=text,
        text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=_meta(title),
        author=_meta(author),
        outlet=_meta(outlet),
        published=_meta(published),
    )


def make_corpus(root: Path) -> Corpus:
    root.mkdir(parents=True, exist_ok=True)
    first = write_article(
        root,
        "first.txt",
        FIRST,
        title="Talks Resume in Geneva",
        outlet="The Daily Planet",
        author="Lois Lane",
        published="2023-05-11",
    )
    second = write_article(root, "sub/second.md", SECOND, title="A Second Piece")
    hostile = write_article(root, "hostile.txt", HOSTILE, title="# Heading?")
    return Corpus(root=root, articles=[first, second, hostile])


def span(article: Article, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(quote, start + 1)
    return Anchor.from_text(article.text, start, start + len(quote), article.text_hash)


def sample_annotations(corpus: Corpus) -> list[Annotation]:
    """One of each kind, an article-level note, an orphan and hostile text."""
    first = corpus.by_id("first.txt")
    second = corpus.by_id("sub/second.md")
    hostile = corpus.by_id("hostile.txt")
    assert first and second and hostile
    return [
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
            article_id="first.txt",
            kind=Kind.FACTCHECK,
            anchor=span(first, "40,000 troops had moved to the border in early 2022"),
            claim="40,000 troops moved to the border in early 2022",
            claimant="Officials",
            verdict="mostly false",
            conclusion="Satellite images show fewer troops.",
            sources=(Source("https://example.org/images", "Satellite images"),),
            status=Status.DONE,
            author="Ana Reviewer",
            tags=("numbers",),
            created="2024-01-02T10:00:00+00:00",
            updated="2024-01-03T11:30:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2",
            article_id="first.txt",
            kind=Kind.NOTE,
            anchor=span(first, "Antony Blinken met Sergei Lavrov"),
            note="Check the date of the meeting.",
            author="Ana Reviewer",
            created="2024-01-02T09:00:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3",
            article_id="first.txt",
            kind=Kind.HIGHLIGHT,
            anchor=span(first, "The ministry denied it."),
            created="2024-01-02T09:05:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4",
            article_id="sub/second.md",
            kind=Kind.TAG,
            anchor=span(second, "The Kremlin"),
            tags=("source", "official"),
            created="2024-01-04T09:00:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5",
            article_id="sub/second.md",
            kind=Kind.FACTCHECK,
            anchor=span(second, "the offensive succeeded"),
            claim="The offensive succeeded",
            claimant="The Kremlin",
            verdict="unproven",
            created="2024-01-04T09:10:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6",
            article_id="first.txt",
            kind=Kind.NOTE,
            note="Whole article: compare with the wire copy.",
            created="2024-01-05T09:00:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa7",
            article_id="gone/missing.txt",
            kind=Kind.NOTE,
            anchor=Anchor(3, 9, "vanish", "a ", " b", "0" * 64),
            note="Its article is not in this corpus.",
            created="2024-01-06T09:00:00+00:00",
        ),
        Annotation(
            id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa8",
            article_id="hostile.txt",
            kind=Kind.FACTCHECK,
            anchor=span(hostile, "<script>alert(1)</script> [link](javascript:x)"),
            claim="# Not a heading\n- not a list\n1. not numbered\n> not a quote",
            claimant="<b>Mallory</b>",
            verdict="custom [verdict]",
            conclusion="```\ncode\n```\n---",
            note="\x1b]0;title\x07 \u202egnp.exe [x](y) *bold* _it_ `code` &amp; | a |",
            sources=(
                Source("javascript:alert(1)", "click me"),
                Source("https://example.org/a b)c>d", "odd url"),
            ),
            created="2024-01-07T09:00:00+00:00",
        ),
    ]
