"""Triage help for annotating (pure, no textual): who may have made a claim,
and the next check-worthy sentence no fact-check covers yet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.annotations.drafts import claimant_suggestions
from reader.annotations.model import Annotation
from reader.corpus.article import Article
from reader.entities.model import Entity
from reader.triage.claims import Claim, prefill_factcheck
from reader.triage.quotes import find_quotes
from reader.triage.workspace import triage_article

CLAIMANT_WINDOW = 3000  # characters each side of the span searched for speakers


def claimants_near(article: Article, entities: Sequence[Entity], start: int, end: int) -> list[str]:
    """Claimant suggestions for article.text[start:end], most likely first,
    found in the paragraphs around the span only (a long article is not
    scanned for quotes on every dialog)."""
    text = article.text
    low = text.rfind("\n", 0, max(0, start - CLAIMANT_WINDOW)) + 1
    high = text.find("\n", min(len(text), end + CLAIMANT_WINDOW))
    high = len(text) if high < 0 else high
    near = [
        replace(e, start=e.start - low, end=e.end - low)
        for e in entities
        if low <= e.start and e.end <= high
    ]
    try:
        quotes = find_quotes(text[low:high], near)
        claim = Claim(start - low, end - low, text[start:end], 0.0, ())
        _, first = prefill_factcheck(claim, near, quotes)
    except Exception:  # suggestions are a convenience: never block annotating
        quotes, first = [], ""
    return claimant_suggestions(start - low, end - low, near, quotes, first)


def unchecked_claims(
    article: Article, entities: Sequence[Entity], annotations: Sequence[Annotation]
) -> list[Claim]:
    """Check-worthy claims of the article that no fact-check overlaps, in order."""
    return triage_article(article, entities, annotations).unchecked


def next_claim(claims: Sequence[Claim], offset: int) -> tuple[Claim | None, bool]:
    """The first claim starting after `offset`, else the first one (wrapped=True)."""
    after = [c for c in claims if c.start > offset]
    if after:
        return after[0], False
    return (claims[0], True) if claims else (None, False)
