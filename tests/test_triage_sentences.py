"""Sentence splitting: offsets, abbreviations, initials, quotes, paragraphs."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.triage.sentences import paragraph_bounds, sentence_at, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_always_point_at_the_text() -> None:
    text = "  First one.  Second one!\n\nThird?  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one.", "Second one!", "Third?"]
    for s in sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones and Gen. Mark A. Milley on Tuesday.",
        "Secretary of State Antony J. Blinken met his counterparts.",
        "It was published on Sept. 6, 2024, by the outlet.",
        "Talks resumed on Jan. 12 in Geneva.",
        "U.S. officials say the plan is working.",
        "Some U.S. and U.K. diplomats disagreed.",
        "“Is it over?” he asked.",
        "The price rose 3.5 percent.",
        "See No. 5 on the list.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_sentence_ending_inside_closing_quote() -> None:
    text = "“That could change the dynamics.” The officials agreed. “We will see,” he said."
    assert texts(text) == [
        "“That could change the dynamics.”",
        "The officials agreed.",
        "“We will see,” he said.",
    ]


def test_dotted_acronym_then_common_opener_ends_sentence() -> None:
    assert texts("He moved to the U.S. The move was hard.") == [
        "He moved to the U.S.",
        "The move was hard.",
    ]


def test_title_line_and_paragraphs_without_final_stop() -> None:
    text = "A Headline With No Stop\n\nFirst paragraph here.\nSecond paragraph, one line\nThird"
    assert texts(text) == [
        "A Headline With No Stop",
        "First paragraph here.",
        "Second paragraph, one line",
        "Third",
    ]


def test_hard_wrapped_line_continues_the_sentence() -> None:
    text = "The talks were held\nin Istanbul in March. They failed."
    assert texts(text) == ["The talks were held\nin Istanbul in March.", "They failed."]


def test_lowercase_after_stop_is_not_a_new_sentence() -> None:
    assert texts("He said it was a.m. traffic and left.") == [
        "He said it was a.m. traffic and left."
    ]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_range_arguments() -> None:
    text = "Title\n\nOne. Two."
    body = split_sentences(text, start=7)
    assert [s.text for s in body] == ["One.", "Two."]
    assert body[0].start == 7


def test_seed_001_sentences() -> None:
    text = (SEEDS / "001_11fb115ab1b30ee7.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    found = [s.text for s in sentences]
    assert any(
        s.startswith("Mr. Blinken said on Tuesday") and s.endswith("14 months.”") for s in found
    )
    assert "“I personally find that shocking,” she added." in found
    assert not any(s.endswith(("Mr.", "J.", "Gen.", "U.S.", "V.")) for s in found)
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_sentence_at_and_paragraph_bounds() -> None:
    text = "Intro line\nOne here. Two here.\nLast"
    offset = text.index("Two")
    assert sentence_at(text, offset).text == "Two here."  # type: ignore[union-attr]
    assert paragraph_bounds(text, offset) == (11, 30)
    assert sentence_at(text, len(text)) is None


def test_huge_input_is_linear_enough() -> None:
    text = ("Mr. A. B. said U.S. growth was 3.5 percent. " * 5000).strip()
    sentences = split_sentences(text)
    assert len(sentences) == 5000


def test_abbreviation_like_word_can_end_a_sentence() -> None:
    assert texts("The answer was no. Then he left.") == ["The answer was no.", "Then he left."]
    assert texts("They met in Sept. Talks failed.") == ["They met in Sept.", "Talks failed."]


_PIECES = st.sampled_from(
    [
        "Mr.",
        "U.S.",
        "J.",
        "Sept.",
        "6,",
        "word",
        "Word",
        ".",
        "!",
        "?",
        "“",
        "”",
        '"',
        " ",
        "  ",
        "\n",
        "\n\n",
        "a.m.",
        "3.5",
        "No.",
        "\t",
        "\x1b[31m",
        "\u202e",
        "’",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_sentences_cover_the_text_in_order(text: str) -> None:
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= position
        assert not text[position : sentence.start].strip()  # only whitespace between
        position = sentence.end
    assert not text[position:].strip()
