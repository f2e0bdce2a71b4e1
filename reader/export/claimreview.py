"""schema.org ClaimReview export (JSON-LD), one review per fact-check.

The document is a JSON array of self-contained ClaimReview objects (each with
its own @context), the shape search engines accept in one
<script type="application/ld+json"> block. Fact-checks without a verdict are
left out: a review needs a rating.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from reader.annotations.model import Kind, Source
from reader.entities import Entity, Label
from reader.export.gather import Gathered, Item
from reader.export.jsontext import dumps, is_link, utc_date, utc_stamp
from reader.export.webannotation import urn

BEST, WORST = 5, 1
RATINGS: dict[str, int] = {
    "true": 5,
    "mostly true": 4,
    "mixed": 3,
    "mostly false": 2,
    "false": 1,
}

_ORG_WORDS = re.compile(
    r"\b(ministry|government|agency|office|department|council|committee|commission|party|"
    r"army|forces|police|union|association|institute|foundation|company|corporation|corp|"
    r"inc|ltd|llc|group|bank|times|post|news|press|journal|tv|network|university|"
    r"kremlin|pentagon|white house|nato|un|eu|parliament|senate|congress|duma|court|"
    r"officials|spokespeople|administration|authorities|regime|staff|military)\b",
    re.IGNORECASE,
)


def rating(verdict: str) -> dict[str, Any]:
    """A Rating: the verdict as alternateName, with 1-5 values for the standard scale."""
    result: dict[str, Any] = {"@type": "Rating", "alternateName": verdict}
    value = RATINGS.get(" ".join(verdict.lower().split()))
    if value is not None:
        result.update(ratingValue=value, bestRating=BEST, worstRating=WORST)
    return result


def claimant_type(name: str, entities: Iterable[Entity] = ()) -> str:
    """Person or Organization: the label of an entity of the article with that
    name when there is one, else a word list (ministry, party, Kremlin, an acronym)."""
    name = name.strip()
    lowered = name.lower()
    for entity in entities:
        if entity.text.lower() == lowered and entity.label in (Label.ORG, Label.PERSON):
            return "Organization" if entity.label is Label.ORG else "Person"
    if _ORG_WORDS.search(name) or re.fullmatch(r"[A-Z]{2,6}", name):
        return "Organization"
    return "Person"


def citation(source: Source) -> dict[str, Any]:
    """A CreativeWork; only web/mail links become its url (never javascript: etc.)."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if is_link(source.url):
        work["url"] = source.url.strip()
        if source.note:
            work["name"] = source.note
    else:
        work["name"] = source.note or source.url
        if source.note:
            work["description"] = source.url
    return work


def review(item: Item, entities: Iterable[Entity] = ()) -> dict[str, Any]:
    """The ClaimReview of one fact-check; `entities`: its article's, to type the claimant."""
    a = item.annotation
    article = item.article
    appearance: dict[str, Any] = {"@type": "CreativeWork", "identifier": a.article_id}
    if article is not None:
        if article.title.value:
            appearance["headline"] = article.title.value
        if article.published.value:
            appearance["datePublished"] = article.published.value
        if article.author.value:
            appearance["author"] = {"@type": "Person", "name": article.author.value}
        if article.outlet.value:
            appearance["publisher"] = {"@type": "Organization", "name": article.outlet.value}
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if a.claimant.strip():
        kind = claimant_type(a.claimant, entities)
        claim["author"] = {"@type": kind, "name": a.claimant.strip()}
    quoted = a.anchor.exact if a.anchor is not None else ""
    if quoted:
        claim["text"] = quoted
    record: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": urn(a.id),
        "identifier": a.id,
        "claimReviewed": a.claim or quoted,
        "reviewRating": rating((a.verdict or "").strip()),
        "itemReviewed": claim,
        "datePublished": utc_date(a.updated),
        "dateModified": utc_stamp(a.updated),
    }
    if a.author:
        record["author"] = {"@type": "Person", "name": a.author}
    if a.conclusion:
        record["reviewBody"] = a.conclusion
    if a.sources:
        record["citation"] = [citation(s) for s in a.sources]
    return record


def render(gathered: Gathered, now: datetime) -> tuple[str, int]:
    reviews = [
        review(item, entry.entities)
        for entry in gathered.articles
        for item in entry.items
        if item.annotation.kind is Kind.FACTCHECK and (item.annotation.verdict or "").strip()
    ]
    return dumps(reviews), len(reviews)
