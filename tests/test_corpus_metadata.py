"""Metadata of each seed article and of tricky synthetic texts: stated, derived or unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import UNKNOWN, Article, MetaField, Provenance, load_corpus
from reader.corpus.metadata import read_metadata

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SAME_HEADLINE = "Ukraine’s Offensive Could Set Stage for Diplomacy With Russia, U.S. Officials Say"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {article.id[:3]: article for article in load_corpus(SEEDS)}


def assert_stated(article_text: str, field: MetaField, evidence: str | None = None) -> None:
    """A TEXT field points at its evidence in the text."""
    assert field.provenance == Provenance.TEXT
    assert field.span is not None
    start, end = field.span
    assert article_text[start:end] == (evidence if evidence is not None else field.value)


def assert_unknown(field: MetaField) -> None:
    assert field == UNKNOWN
    assert field.value is None and field.span is None and not field.known


def test_seed_000_and_001_share_a_stated_headline(seeds: dict[str, Article]) -> None:
    for key in ("000", "001"):
        article = seeds[key]
        assert article.title.value == SAME_HEADLINE
        assert_stated(article.text, article.title)
        assert article.text[article.body_start :].startswith(("The ongoing", "Ukraine’s planned"))
        for field in (article.author, article.outlet, article.published, article.subtitle):
            assert_unknown(field)


def test_seed_001_debris_is_marked_and_not_counted(seeds: dict[str, Article]) -> None:
    article = seeds["001"]
    ((start, end),) = article.debris
    assert article.text[start:end] == "Leave a Comment"
    # "Julian E. Barnes contributed reporting" is not a byline.
    assert_unknown(article.author)
    body_words = len(article.text[article.body_start : start].split())
    assert article.word_count == body_words


def test_seed_002_subtitle_and_author_at_the_end(seeds: dict[str, Article]) -> None:
    article = seeds["002"]
    assert article.title.value.startswith("US Wants to Help Ukraine Retake More Territory")
    assert_stated(article.text, article.title)
    assert article.subtitle.value.startswith("The Washington Post reports that some")
    assert_stated(article.text, article.subtitle)
    assert article.author.value == "Dave DeCamp"
    assert_stated(article.text, article.author)
    assert article.text[article.author.span[0] - len("Author: ") : article.author.span[0]] == (
        "Author: "
    )
    # The Post is a source it cites, Antiwar.com its author's employer: neither is stated as
    # the outlet, so none is invented.
    assert_unknown(article.outlet)
    assert_unknown(article.published)


def test_seed_003_derived_title_and_editors_note(seeds: dict[str, Article]) -> None:
    article = seeds["003"]
    title = article.title
    assert title.provenance == Provenance.DERIVED
    assert title.value.startswith("Ukraine’s bold incursion into Russia’s Kursk Oblast")
    assert title.span is not None
    evidence = article.text[title.span[0] : title.span[1]]
    assert evidence.endswith("setback for the Kremlin.")  # the first sentence, whole
    assert "\n" not in evidence and title.value.rstrip("…") in evidence
    assert article.body_start == 0  # no title line: the body is the whole text
    assert article.published.value == "2024-09-06"
    assert_stated(article.text, article.published, "Sept. 6, 2024")
    assert article.outlet.value == "Kyiv Independent"  # the republisher: where it was read
    assert_stated(article.text, article.outlet)
    assert article.original_outlet.value == "Project Syndicate"
    assert_stated(article.text, article.original_outlet)
    assert_unknown(article.author)


def test_seed_004_title_then_single_newline_body(seeds: dict[str, Article]) -> None:
    article = seeds["004"]
    assert article.title.value == (
        "Russian Forces Retake Much of Kursk Province Amid Ongoing Conflict with Ukraine"
    )
    assert_stated(article.text, article.title)
    assert article.text[article.body_start :].startswith("In a significant development")
    assert_unknown(article.subtitle)  # the next line is a paragraph of the body
    for field in (article.author, article.outlet, article.published):
        assert_unknown(field)


def test_seed_word_counts_and_reading_times(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        body = article.text[article.body_start :]
        for start, end in article.debris:
            body = body.replace(article.text[start:end], "")
        assert article.word_count == len(body.split())
        assert article.reading_minutes == max(1, round(article.word_count / 230))


def meta(text: str):  # type: ignore[no-untyped-def]
    return read_metadata(text, "fallback-name")


def test_byline_and_dateline_under_the_title() -> None:
    text = "Talks Resume in Geneva\nBy Jane Roe and Ivo van der Berg | March 3, 2023\n\nBody.\n"
    m = meta(text)
    assert m.author.value == "Jane Roe and Ivo van der Berg"
    assert_stated(text, m.author)
    assert m.published.value == "2023-03-03"
    assert_stated(text, m.published, "March 3, 2023")


def test_labelled_lines() -> None:
    text = (
        "Title: Grain Deal Extended\nPublished: 2024-07-18\nSource: The Daily Ledger\n\n"
        "The deal was extended.\n"
    )
    m = meta(text)
    assert m.title.value == "Grain Deal Extended"
    assert_stated(text, m.title)
    assert m.published.value == "2024-07-18"
    assert m.outlet.value == "The Daily Ledger"
    assert_stated(text, m.outlet)


def test_first_appeared_in_is_the_original_outlet() -> None:
    text = "T\n\nBody.\n\nThis story first appeared in The New York Times on 3 March 2023.\n"
    m = meta(text)
    assert m.original_outlet.value == "The New York Times"
    assert_stated(text, m.original_outlet)
    assert_unknown(m.outlet)
    assert m.published.value == "2023-03-03"


def test_original_publisher_only() -> None:
    text = (
        "A Headline\n\nSome body text here.\n\n"
        "This article was originally published by The Conversation on 5 June 2021.\n"
    )
    m = meta(text)
    assert m.original_outlet.value == "The Conversation"
    assert_unknown(m.outlet)  # where this copy ran is not stated
    assert m.published.value == "2021-06-05"


@pytest.mark.parametrize(
    "text",
    [
        "Headline Here\n\nBy successfully demonstrating strength, Kyiv gained leverage.\n",
        "Headline Here\n\nBy Monday, the troops had left.\n",
        "Headline Here\n\nThe report was published by the Pentagon on March 3, 2023.\n",
        "Headline Here\n\nThe offensive began in March 2022 and ended on 12 May.\n",
        "Headline Here\n\nPublished: February 30, 2024\n\nBody.\n",
        "Headline Here\n\nBody.\n\nThis report was published by the Pentagon on March 3, 2023.\n",
        "Headline Here\n\nBody.\n\nThis article was published at 10:00 today.\n",
    ],
)
def test_body_sentences_are_not_taken_for_cues(text: str) -> None:
    m = meta(text)
    for field in (m.author, m.outlet, m.original_outlet, m.published):
        assert_unknown(field)


def test_long_first_line_gives_a_shortened_derived_title() -> None:
    sentence = "A " + "very " * 60 + "long opening sentence."
    text = sentence + " A second one.\nMore.\n"
    m = meta(text)
    assert m.title.provenance == Provenance.DERIVED
    assert m.title.value.endswith("…") and len(m.title.value) <= 121
    assert m.title.span == (0, len(sentence))


def test_one_sentence_with_a_full_stop_is_a_derived_title() -> None:
    m = meta("Putin says the talks are over.\n\nMore text follows here.\n")
    assert m.title.value == "Putin says the talks are over"
    assert m.title.provenance == Provenance.DERIVED


def test_markdown_heading_and_headline_ending_in_an_initialism() -> None:
    m = meta("## Sanctions Hit Banks ##\n\nText.\n")
    assert m.title.value == "Sanctions Hit Banks"
    m = meta("Talks Stall, Says U.S.\n\nText.\n")
    assert m.title.value == "Talks Stall, Says U.S." and m.title.provenance == Provenance.TEXT


def test_text_without_letters_falls_back_but_never_invents_cues() -> None:
    m = meta("12345\n")
    assert m.title.value == "12345" and m.title.provenance == Provenance.DERIVED
    for field in (m.author, m.outlet, m.published):
        assert_unknown(field)


FRONT = """---
title: "Grain Deal: What Next"
authors:
  - Anna Roe
  - Ivo Berg
date: 2024-07-18T09:30:00Z
source: The Daily Ledger
tags: [a, b]
---

# Grain Deal: What Next

The deal was extended on Monday. More text here.
"""


def test_front_matter_fields_are_stated_with_spans() -> None:
    m = meta(FRONT)
    assert m.title.value == "Grain Deal: What Next"
    assert_stated(FRONT, m.title)
    assert m.author.value == "Anna Roe, Ivo Berg" and m.author.provenance == Provenance.TEXT
    assert m.published.value == "2024-07-18"
    assert_stated(FRONT, m.published, "2024-07-18")
    assert m.outlet.value == "The Daily Ledger"
    assert_stated(FRONT, m.outlet)
    # The repeated "# title" line is the title line, not body; the front matter is not counted.
    assert FRONT[m.body_start :].startswith("The deal was extended")
    assert m.word_count == 9


def test_front_matter_title_differs_from_the_first_line() -> None:
    text = "---\ntitle: Other Title\n---\nThe first paragraph of the body. It goes on.\n"
    m = meta(text)
    assert m.title.value == "Other Title"
    assert text[m.body_start :].startswith("The first paragraph")
    assert m.word_count == 9


@pytest.mark.parametrize(
    "text",
    [
        "---\nnot: closed\n\nBody Title Here\n",  # no closing line: not front matter
        "Intro\n---\ntitle: Later\n---\n",  # not at the very start
    ],
)
def test_what_is_not_front_matter(text: str) -> None:
    assert meta(text).title.value != "Later"
    assert meta(text).title.value != "closed"


def test_markdown_rules_emphasis_and_setext_headings() -> None:
    m = meta("***\n\n**Bold Title**\n\nBody.\n")
    assert m.title.value == "Bold Title" and m.title.provenance == Provenance.TEXT
    text = "Setext Title\n============\n\nBody text.\n"
    m = meta(text)
    assert m.title.value == "Setext Title"
    assert text[m.body_start :] == "Body text.\n"


PATHOLOGICAL = {
    "one long line": "word " * 200_000,
    "only newlines": "\n" * 1_000_000 + "Title\n",
    "abbreviations": "a. " * 300_000 + "Mr. " * 100_000,
    "huge note line": "Title\n\nThis article was published by " + "Xyz " * 200_000,
    "huge first note": "Editor's note: " + "published by Ab " * 60_000,
    "many bylines": "Title\n" + "By Ab Cd\n" * 100_000,
    "no-break spaces": "\u00a0" * 1_000_000 + "x",
    "carriage returns": "Title" + "\r" * 1_000_000,
}


@pytest.fixture
def hang_guard():  # type: ignore[no-untyped-def]
    """Fail (instead of hanging CI) if a scan turns quadratic: each case takes
    about 0.05 s when linear, tens of seconds to hours when not."""
    import signal

    def expired(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("metadata scan took over 5 s: quadratic?")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_texts_stay_linear(name: str, hang_guard: None) -> None:
    text = PATHOLOGICAL[name]
    m = meta(text)
    assert m.title.known and len(m.title.value or "") <= 200
    assert m.word_count == len(text.split()) - len(
        text[m.title.span[0] : m.title.span[1]].split() if m.title.provenance == "text" else []
    )


def test_byline_and_dateline_above_the_headline() -> None:
    text = "By Jane Roe\nPublished: March 3, 2023\nThe Real Headline Here\n\nBody text. More.\n"
    m = meta(text)
    assert m.title.value == "The Real Headline Here"
    assert_stated(text, m.title)
    assert m.author.value == "Jane Roe" and m.published.value == "2023-03-03"
    assert text[m.body_start :].startswith("Body text.")


def test_a_headline_that_starts_like_a_byline_stays_the_title() -> None:
    m = meta("By the Numbers: The War in Ukraine\n\nBody.\n")
    assert m.title.value == "By the Numbers: The War in Ukraine"
    assert_unknown(m.author)
