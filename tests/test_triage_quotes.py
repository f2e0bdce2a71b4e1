"""Quotes and attribution: speakers, anonymous sources, multi-paragraph quotes."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entities.model import Entity, Label
from reader.triage.attribution import find_attributions, is_anonymous
from reader.triage.quotes import find_quotes, sourcing_summary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def by_start(text: str, quotes, words: str):  # type: ignore[no-untyped-def]
    """The quote whose words start with `words`."""
    (quote,) = [q for q in quotes if q.text.startswith(words)]
    assert text[quote.start] in '“"'
    return quote


def test_said_after_named_speaker() -> None:
    text = "“We will win,” said Mr. Smith, the mayor. Then he left."
    (quote,) = find_quotes(text)
    assert quote.text == "We will win,"
    assert quote.speaker == "Mr. Smith"
    assert text[slice(*quote.speaker_span)] == "Mr. Smith"
    assert not quote.anonymous
    assert text[quote.start : quote.end] == "“We will win,”"


def test_speaker_before_verb_and_before_quote() -> None:
    text = 'Blinken said on Tuesday that Ukraine has "what it needs." Nothing else.'
    (quote,) = find_quotes(text)
    assert quote.speaker == "Blinken"
    assert quote.how == "attribution before the quote"


def test_according_to_and_told_reporters() -> None:
    text = (
        "According to Maria Lopez, the plan was “never viable.”\n"
        "“It will pass,” Senator Ray Dunn told reporters."
    )
    first, second = find_quotes(text)
    assert first.speaker == "Maria Lopez"
    assert second.speaker == "Senator Ray Dunn"


def test_anonymous_sources_are_flagged() -> None:
    text = (
        "“The offensive is working,” said one U.S. official.\n"
        "“We are close,” a senior official said.\n"
        "“Talks are over,” sources said.\n"
        "“No deal,” said Mr. Smith."
    )
    quotes = find_quotes(text)
    assert [q.anonymous for q in quotes] == [True, True, True, False]
    assert [q.speaker for q in quotes] == [
        "one U.S. official",
        "a senior official",
        "sources",
        "Mr. Smith",
    ]
    summary = sourcing_summary(text)
    assert summary.anonymous_quotes == 3
    assert summary.named_quotes == 1


def test_unattributed_quote() -> None:
    text = "The slogan “as long as it takes” was repeated everywhere."
    (quote,) = find_quotes(text)
    assert quote.speaker is None and quote.how == "" and not quote.anonymous
    assert sourcing_summary(text).unattributed_quotes == 1


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "“We will not give up,” said Jane Okafor. “Exports grew by 12 percent.\n\n"
        "“Nobody expected that.”\n\n"
        "Analysts were surprised."
    )
    quotes = find_quotes(text)
    assert len(quotes) == 2
    second = quotes[1]
    assert second.text == "Exports grew by 12 percent.\nNobody expected that."
    assert text[second.end - 1] == "”" and second.end == text.index("that.”") + 6
    assert second.speaker == "Jane Okafor" and second.how == "continues a quote"


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "He said “this never ends\n\nA new paragraph without a quote."
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert quote.end == text.index("\n")
    assert quote.text == "this never ends"


def test_pronoun_resolves_to_previous_named_speaker() -> None:
    text = (
        "“Territory matters,” said Alina Polyakova, an analyst.\n\n"
        "“I find that shocking,” she added."
    )
    quotes = find_quotes(text)
    assert quotes[1].speaker == "Alina Polyakova"
    assert text[slice(*quotes[1].speaker_span)] == "Alina Polyakova"


def test_pronoun_resolves_to_person_in_sentence_before() -> None:
    text = "Mr. Blinken has taken a different position. “Change must come,” he said last week."
    (quote,) = find_quotes(text)
    assert quote.speaker == "Mr. Blinken"


def test_pronoun_of_anonymous_speaker_stays_anonymous() -> None:
    text = "“It is done,” one senior official said. “We are ready,” he added."
    quotes = find_quotes(text)
    assert [q.anonymous for q in quotes] == [True, True]


def test_entities_name_the_speaker_of_a_colon_quote() -> None:
    text = "Li Wei, unusually, was blunt: “We reject it.”"
    entities = [Entity(0, 6, "Li Wei", Label.PERSON, key="Li Wei")]
    (without,) = find_quotes(text)
    (with_entities,) = find_quotes(text, entities)
    assert without.speaker is None
    assert with_entities.speaker == "Li Wei"
    assert with_entities.how == "person named in the sentence"


def test_is_anonymous() -> None:
    assert is_anonymous("one U.S. official")
    assert is_anonymous("Biden administration officials")
    assert is_anonymous("Mr. Biden’s aides")
    assert not is_anonymous("Representative Adam Smith")
    assert not is_anonymous("The report")


def test_verbs_inside_quotes_are_not_attributions() -> None:
    text = "“Mr. Putin said nothing,” she said, according to the report."
    spans = [(a.speaker, a.verb) for a in find_attributions(text)]
    assert ("Mr. Putin", "said") in spans  # found in raw text...
    (quote,) = find_quotes(text)
    assert quote.speaker != "Mr. Putin"  # ...but never used for the quote holding it


def test_seed_000_quotes_are_all_anonymous() -> None:
    text = seed("000")
    quotes = find_quotes(text)
    assert len(quotes) == 5
    assert all(q.anonymous for q in quotes)
    assert {q.speaker for q in quotes} == {
        "one U.S. official",
        "another U.S. official",
        "one official",
    }
    second = by_start(text, quotes, "That could change")
    assert second.speaker == "another U.S. official" and second.how == "continues a quote"
    summary = sourcing_summary(text)
    assert summary.anonymous_quotes == 5 and summary.named_quotes == 0
    assert summary.anonymous_attributions >= 3  # "according to U.S. officials", ...


def test_seed_001_named_speakers() -> None:
    text = seed("001")
    quotes = find_quotes(text)
    assert by_start(text, quotes, "what they need").speaker == "Mr. Blinken"
    assert by_start(text, quotes, "I know that").speaker.startswith("Representative Adam Smith")
    assert by_start(text, quotes, "scaling back").speaker == "Avril D. Haines"
    assert by_start(text, quotes, "he may be willing").speaker == "Ms. Haines"
    assert by_start(text, quotes, "I personally").speaker == "Alina Polyakova"
    assert by_start(text, quotes, "Territorial concessions").speaker == "Alina Polyakova"
    assert by_start(text, quotes, "There has to be").speaker == "Mr. Blinken"
    assert by_start(text, quotes, "Neutrality means").speaker == "Annalena Baerbock"
    assert by_start(text, quotes, "We need to continue").speaker == "Mr. Cleverly"
    summary = sourcing_summary(text)
    assert summary.anonymous_quotes == 0
    assert summary.anonymous_attributions >= 5  # "U.S. officials say", ...


def test_seed_002_anonymous_administration_official() -> None:
    text = seed("002")
    quotes = find_quotes(text)
    official = by_start(text, quotes, "We will continue")
    assert official.anonymous and official.speaker == "an administration official"


def test_hostile_input_is_handled() -> None:
    assert find_quotes("") == []
    text = "“" * 500 + "\x1b[31m said he" + '"' * 301
    quotes = find_quotes(text)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)


def test_speaker_key_from_entities() -> None:
    text = (
        "Secretary of State Antony J. Blinken spoke first. "
        "“We are open to it,” Mr. Blinken said. “Not now,” one aide said."
    )
    start = text.index("Antony")
    short = text.index("Blinken said")
    entities = [
        Entity(
            start,
            start + len("Antony J. Blinken"),
            "Antony J. Blinken",
            Label.PERSON,
            key="Antony J. Blinken",
        ),
        Entity(short, short + 7, "Blinken", Label.PERSON, key="Antony J. Blinken"),
    ]
    named, anonymous = find_quotes(text, entities)
    assert named.speaker == "Mr. Blinken" and named.speaker_key == "Antony J. Blinken"
    assert anonymous.anonymous and anonymous.speaker_key is None
    assert find_quotes(text)[0].speaker_key is None  # without entities no key is guessed


_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "said",
        " said Mr. Smith",
        "he said",
        " one official said",
        ",",
        ".",
        " ",
        "\n",
        "\n\n",
        "Word",
        "according to",
        "U.S.",
        "she added",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_quotes_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    quotes = find_quotes(text)
    end = 0
    for quote in quotes:
        assert end <= quote.start < quote.end <= len(text)
        assert text[quote.start] in '“"'
        end = quote.end
        if quote.speaker_span is not None:
            start, stop = quote.speaker_span
            assert 0 <= start < stop <= len(text)
        assert (quote.speaker is None) == (quote.how == "")
    summary = sourcing_summary(text)
    assert summary.quotes == len(quotes)
    assert summary.named_quotes + summary.anonymous_quotes + summary.unattributed_quotes == len(
        quotes
    )
