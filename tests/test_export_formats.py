"""W3C Web Annotation, schema.org ClaimReview and the Markdown report."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from reader.annotations.model import Annotation, Kind
from reader.corpus import Article, Corpus
from reader.entities import Entity, Label
from reader.export import export_annotations
from reader.export.claimreview import claimant_type, rating
from tests.export_support import make_corpus, sample_annotations

NOW = "2025-02-03T04:05:06Z"
ANNO = "http://www.w3.org/ns/anno.jsonld"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path / "corpus")


@pytest.fixture
def annotations(corpus: Corpus) -> list[Annotation]:
    return sample_annotations(corpus)


def by_suffix(items: list[dict], key: str, suffix: str) -> dict:
    return next(item for item in items if str(item[key]).endswith(suffix))


# --- Web Annotation -----------------------------------------------------------


def web(corpus: Corpus, annotations: list[Annotation]) -> tuple[dict, list[dict]]:
    result = export_annotations("webannotation", corpus, annotations, now=NOW)
    document = json.loads(result.text)
    items = document["first"]["items"]
    assert result.count == len(items) == document["total"]
    return document, items


def test_web_annotation_collection(corpus: Corpus, annotations: list[Annotation]) -> None:
    document, items = web(corpus, annotations)
    assert document["@context"] == ANNO
    assert document["type"] == "AnnotationCollection"
    assert document["first"]["type"] == "AnnotationPage"
    assert document["id"].startswith("urn:uuid:") and document["first"]["id"] != document["id"]
    assert len(items) == len(annotations)
    again, _ = web(corpus, list(reversed(annotations)))
    assert again == document  # deterministic for the same data and time


def test_web_annotation_each_item(corpus: Corpus, annotations: list[Annotation]) -> None:
    _, items = web(corpus, annotations)
    for item in items:
        assert item["@context"] == ANNO
        assert item["type"] == "Annotation"
        uuid.UUID(item["id"].removeprefix("urn:uuid:"))
        assert item["id"].startswith("urn:uuid:")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", item["created"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", item["modified"])
    motivations = {item["id"][-1]: item["motivation"] for item in items}
    assert motivations == {
        "1": "assessing",
        "2": "commenting",
        "3": "highlighting",
        "4": "tagging",
        "5": "assessing",
        "6": "commenting",
        "7": "commenting",
        "8": "assessing",
    }


def test_web_annotation_selectors(corpus: Corpus, annotations: list[Annotation]) -> None:
    _, items = web(corpus, annotations)
    check = by_suffix(items, "id", "aaaaaaa1")
    target = check["target"]
    assert target["source"] == (corpus.root / "first.txt").resolve().as_uri()
    quote, position = target["selector"]
    text = corpus.by_id("first.txt").text
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "40,000 troops had moved to the border in early 2022"
    assert text.index(quote["prefix"] + quote["exact"] + quote["suffix"]) >= 0
    assert position["type"] == "TextPositionSelector"
    assert text[position["start"] : position["end"]] == quote["exact"]
    # whole-article note: the target is the article itself
    assert by_suffix(items, "id", "aaaaaaa6")["target"] == target["source"]
    # orphan: the quote survives, there is no position to give
    orphan = by_suffix(items, "id", "aaaaaaa7")["target"]
    assert [s["type"] for s in orphan["selector"]] == ["TextQuoteSelector"]
    assert orphan["source"].endswith("/gone/missing.txt")


def test_web_annotation_bodies(corpus: Corpus, annotations: list[Annotation]) -> None:
    _, items = web(corpus, annotations)
    check = by_suffix(items, "id", "aaaaaaa1")
    purposes = [(b.get("purpose"), b.get("value", b.get("id"))) for b in check["body"]]
    assert ("tagging", "numbers") in purposes
    assert ("classifying", "mostly false") in purposes
    assert ("assessing", "Satellite images show fewer troops.") in purposes
    assert ("linking", "https://example.org/images") in purposes
    assert check["creator"] == {"type": "Person", "name": "Ana Reviewer"}
    note = by_suffix(items, "id", "aaaaaaa2")["body"]
    assert note == {
        "type": "TextualBody",
        "value": "Check the date of the meeting.",
        "format": "text/plain",
        "purpose": "commenting",
    }
    tags = by_suffix(items, "id", "aaaaaaa4")["body"]
    assert [(b["purpose"], b["value"]) for b in tags] == [
        ("tagging", "source"),
        ("tagging", "official"),
    ]
    assert "body" not in by_suffix(items, "id", "aaaaaaa3")  # a bare highlight
    hostile = by_suffix(items, "id", "aaaaaaa8")["body"]
    js = next(b for b in hostile if b.get("label") == "click me")
    assert js["type"] == "TextualBody" and "id" not in js  # never a followable link


# --- ClaimReview --------------------------------------------------------------


def reviews(corpus: Corpus, annotations: list[Annotation]) -> list[dict]:
    result = export_annotations("claimreview", corpus, annotations, now=NOW)
    data = json.loads(result.text)
    assert result.count == len(data)
    return data


@pytest.mark.parametrize(
    ("verdict", "value"),
    [("true", 5), ("mostly true", 4), ("mixed", 3), ("mostly false", 2), ("false", 1)],
)
def test_rating_scale(verdict: str, value: int) -> None:
    assert rating(verdict) == {
        "@type": "Rating",
        "alternateName": verdict,
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert rating(verdict.upper())["ratingValue"] == value


@pytest.mark.parametrize("verdict", ["unproven", "satire", "needs context"])
def test_rating_without_a_number(verdict: str) -> None:
    assert rating(verdict) == {"@type": "Rating", "alternateName": verdict}


def test_claimreview_only_fact_checks(corpus: Corpus, annotations: list[Annotation]) -> None:
    data = reviews(corpus, annotations)
    checks = [a for a in annotations if a.kind is Kind.FACTCHECK]
    assert {r["identifier"] for r in data} == {a.id for a in checks}
    data = reviews(corpus, [replace(checks[0], verdict=None), replace(checks[1], verdict=" ")])
    assert data == []


def test_claimreview_shape(corpus: Corpus, annotations: list[Annotation]) -> None:
    review = by_suffix(reviews(corpus, annotations), "identifier", "aaaaaaa1")
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "40,000 troops moved to the border in early 2022"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["reviewRating"]["alternateName"] == "mostly false"
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Organization", "name": "Officials"}
    assert claim["appearance"] == {
        "@type": "CreativeWork",
        "identifier": "first.txt",
        "headline": "Talks Resume in Geneva",
        "datePublished": "2023-05-11",
        "author": {"@type": "Person", "name": "Lois Lane"},
        "publisher": {"@type": "Organization", "name": "The Daily Planet"},
    }
    assert review["author"] == {"@type": "Person", "name": "Ana Reviewer"}
    assert review["datePublished"] == "2024-01-03"  # the annotation's updated date
    assert review["reviewBody"] == "Satellite images show fewer troops."
    assert review["citation"] == [
        {"@type": "CreativeWork", "url": "https://example.org/images", "name": "Satellite images"}
    ]
    kremlin = by_suffix(reviews(corpus, annotations), "identifier", "aaaaaaa5")
    assert kremlin["itemReviewed"]["author"]["@type"] == "Organization"
    assert kremlin["reviewRating"] == {"@type": "Rating", "alternateName": "unproven"}


def test_claimreview_claimant_person_and_unsafe_citation(
    corpus: Corpus, annotations: list[Annotation]
) -> None:
    check = annotations[0]
    person = replace(check, claimant="Sergei Lavrov")
    review = reviews(corpus, [person])[0]
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Sergei Lavrov"}
    hostile = by_suffix(reviews(corpus, annotations), "identifier", "aaaaaaa8")
    assert all("javascript" not in c.get("url", "") for c in hostile["citation"])
    assert {"@type": "CreativeWork", "name": "click me", "description": "javascript:alert(1)"} in (
        hostile["citation"]
    )


# --- Markdown -----------------------------------------------------------------


def markdown(corpus: Corpus, annotations: list[Annotation]) -> str:
    result = export_annotations("markdown", corpus, annotations, now=NOW)
    assert result.count == len(annotations)
    return result.text


def test_markdown_report_content(corpus: Corpus, annotations: list[Annotation]) -> None:
    text = markdown(corpus, annotations)
    assert text.startswith("# Fact-check report\n")
    assert "## Talks Resume in Geneva" in text
    assert "The Daily Planet · by Lois Lane · 2023-05-11" in text
    assert "#### 1. MOSTLY FALSE" in text
    assert "> 40,000 troops had moved to the border in early 2022" in text
    assert "- **Claimant:** Officials" in text
    assert "- **Conclusion:** Satellite images show fewer troops." in text
    assert "[Satellite images](<https://example.org/images>)" in text
    assert "### Other notes" in text
    assert "- **Note:** Check the date of the meeting." in text
    assert "*(this passage is no longer found in the article)*" in text
    # fact-checks come before the other notes of the same article
    section = text.split("## Talks Resume in Geneva")[1].split("\n## ")[0]
    assert section.index("### Fact-checks") < section.index("### Other notes")


def test_markdown_escapes_hostile_text(corpus: Corpus, annotations: list[Annotation]) -> None:
    text = markdown(corpus, annotations)
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    # only the report's own headings: the hostile title and claim add none
    assert all(
        re.match(r"#{1,4} ", h) and not h.lstrip("# ").startswith("Not a heading") for h in headings
    )
    assert "## \\# Heading?" in text
    assert (
        "- **Claim:**\n  \\# Not a heading\n  \\- not a list\n"
        "  1\\. not numbered\n  \\> not a quote" in text
    )
    for line in text.splitlines():
        assert not line.lstrip().startswith(("<script", "```", "---")), line
    assert "\\<script\\>alert(1)\\</script\\> \\[link\\](javascript:x)" in text
    assert "<b>" not in text
    assert "\\*bold\\* \\_it\\_ \\`code\\` \\&amp; \\| a \\|" in text
    # a javascript: source is text, not a link; a web link with odd characters stays one link
    assert "click me (not a web link: javascript:alert(1))" in text
    assert "](<https://example.org/a%20b)c%3Ed>)" in text


def test_markdown_quotes_each_line(corpus: Corpus, annotations: list[Annotation]) -> None:
    from reader.annotations.model import Anchor

    first = corpus.by_id("first.txt")
    start = first.text.index("Friday.")
    end = first.text.index("The ministry") + len("The ministry")
    multi = replace(annotations[1], anchor=Anchor.from_text(first.text, start, end))
    text = markdown(corpus, [multi])
    assert "> Friday. Officials said" in text
    assert "> The ministry" in text


def test_markdown_empty(corpus: Corpus) -> None:
    text = markdown(corpus, [])
    assert "0 annotations (0 fact-checks) in 0 articles" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sergei Lavrov", "Person"),
        ("Russia's Foreign Ministry", "Organization"),
        ("NATO", "Organization"),
        ("U.S. officials", "Organization"),
        ("the Kremlin", "Organization"),
        ("Maria Zakharova", "Person"),
    ],
)
def test_claimant_type_word_list(name: str, expected: str) -> None:
    assert claimant_type(name) == expected


def test_claimant_type_prefers_the_article_entities(
    corpus: Corpus, annotations: list[Annotation], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entity of the article (anywhere in it, not only in the quote) decides."""
    text = corpus.by_id("first.txt").text

    def entities(article: Article) -> list[Entity]:
        if article.id != "first.txt":
            return []
        at = text.index("Sergei Lavrov")  # outside the fact-check's quote
        return [Entity(at, at + 13, "Sergei Lavrov", Label.ORG)]

    monkeypatch.setattr("reader.export.gather.entities_for", entities)
    check = replace(annotations[0], claimant="sergei lavrov")
    review = reviews(corpus, [check])[0]
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
