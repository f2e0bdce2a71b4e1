"""The extractor never crashes and never returns a bad span, whatever the text."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entities import extract_entities

# Pieces that exercise every rule: names, titles, gazetteer words, numbers, dates,
# connectors, quotes, possessives, hyphens, markup and odd Unicode.
PIECES = [
    "Mr.",
    "Dr.",
    "President",
    "Secretary of State",
    "Antony",
    "J.",
    "Blinken",
    "Blinken’s",
    "U.S.",
    "US",
    "The",
    "the",
    "of",
    "and",
    "Kursk",
    "Oblast",
    "province",
    "city of",
    "Washington Post",
    "Inc.",
    "Ltd",
    "Russian",
    "Russian-backed",
    "said",
    "in",
    "last week",
    "next week",
    "tomorrow",
    "next month",
    "in December",
    "two years ago",
    "Tuesday",
    "May",
    "March 2022",
    "Sept. 6, 2024",
    "2014",
    "$1.5 billion",
    "15 percent",
    "3.2%",
    "tens of thousands",
    "two",
    "one",
    "a year",
    "600-mile",
    "“",
    "”",
    '"',
    "'",
    ",",
    ".",
    "\n",
    "\n\n",
    "[bold]x[/]",
    "\x1b[31m",
    "\u202e",
    "\x00",
    "É",
    "İstanbul",
    "Ǆ",
    "ß",
    "ﬁ",
    "𝔘𝔖",
    "@handle",
    "Antiwar.com",
    "—",
]


def check(text: str, published: str | None = None) -> None:
    ents = extract_entities(text, published)
    last_end = 0
    for e in ents:
        assert 0 <= e.start < e.end <= len(text)
        assert e.text == text[e.start : e.end]
        assert e.start >= last_end  # sorted, no overlaps
        last_end = e.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_unicode(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=60),
    st.lists(st.sampled_from([" ", "", "  ", "\t", "\n", "-", "’s "]), min_size=1),
    st.sampled_from([None, "2023-05-11", "2024-02-29", "garbage", "9999-12-31", "0001-01-01"]),
)
def test_composed_hostile_text(pieces: list[str], seps: list[str], published: str | None) -> None:
    text = "".join(p + seps[i % len(seps)] for i, p in enumerate(pieces))
    check(text, published)


def test_control_characters_and_markup() -> None:
    text = "\x00\x07\x1b[2J President [bold]Joe Biden[/] met \u202eAmy Chen\u202c in Paris.\r\n"
    check(text)
    labels = {(str(e.label), e.text) for e in extract_entities(text)}
    assert ("PLACE", "Paris") in labels


def test_megabyte_of_text() -> None:
    rng = random.Random(7)
    words = [p for p in PIECES if p.strip()] + ["word", "news", "today", "Smith", "Osei"]
    text = " ".join(rng.choice(words) for _ in range(180_000))
    assert len(text) > 1_000_000
    check(text, "2023-05-11")


def test_long_lines_without_spaces() -> None:
    check("A" * 300_000)
    check("Ab" * 150_000)
    check("1" * 200_000)
    check("1," * 100_000)
    check("Mr." * 50_000)
    check("-A" * 100_000)
    check("of " * 50_000 + "A")
    check("A of " * 50_000)
    check("“" * 100_000 + "Smith")


def test_five_megabytes_finish() -> None:
    """No quadratic behaviour: 5 MB of article-like text completes (timing is in bench/)."""
    base = (
        "Secretary of State Antony J. Blinken met Foreign Minister Qin Gang in Vienna on "
        "Tuesday, U.S. officials said. Mr. Blinken said $1.5 billion in aid, 15 percent more "
        "than last year, would reach Kursk Oblast by March 2024.\n"
    )
    rng = random.Random(3)
    parts = []
    size = 0
    while size < 5_000_000:
        # vary names so that the per-sequence cache cannot do all the work
        name = f"Osei{rng.randrange(10**6)} Mensah{rng.randrange(10**6)}"
        chunk = base + f"Dr. {name} said, and {name.split()[1]} agreed.\n"
        parts.append(chunk)
        size += len(chunk)
    check("".join(parts), "2024-04-02")


def test_cost_grows_linearly() -> None:
    """Four times the text must not cost sixteen times as much (a quadratic step would).

    CPU time, best of two runs, and a generous bound: this guards the shape, not speed.
    """
    import time

    rng = random.Random(11)
    words = [p for p in PIECES if p.strip()] + ["word", "news", "Smith", "Osei", "\n"]

    def cost(n_words: int) -> float:
        text = " ".join(rng.choice(words) for _ in range(n_words))
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            extract_entities(text, "2023-05-11")
            best = min(best, time.process_time() - start)
        return best

    small, large = cost(15_000), cost(60_000)
    assert large < 10 * max(small, 0.01)
