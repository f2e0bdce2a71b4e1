"""Pure helpers of the reading view: offsets to lines/columns, filter index,
entity grouping and the metadata line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corpus.article import Article, MetaField, Provenance
from reader.corpus.filter_index import FilterIndex, haystack
from reader.corpus.word_index import WordIndex
from reader.entities.model import Entity, Label
from reader.tui.article_info import metadata_line, row_detail, title_of
from reader.tui.entity_summary import count_other_articles, summarize
from reader.tui.text_layout import (
    line_starts,
    location_to_offset,
    offset_to_location,
    reading_text,
    spans_by_line,
    utf8_columns,
)

SEED_LINE = "Ukraine’s “offensive” — said Mr. Blinken"


def test_offsets_round_trip_on_multibyte_text() -> None:
    text = f"{SEED_LINE}\n\n“Quote” by Blinken\n"
    starts = line_starts(text)
    assert starts == [0, len(SEED_LINE) + 1, len(SEED_LINE) + 2, len(text)]
    for offset in range(len(text) + 1):
        row, col = offset_to_location(starts, offset)
        assert location_to_offset(starts, row, col) == offset
    blinken = text.rindex("Blinken")
    assert offset_to_location(starts, blinken) == (2, text.split("\n")[2].index("Blinken"))


def test_spans_split_per_line_in_code_point_columns() -> None:
    text = f"{SEED_LINE}\nKyiv and\nMoscow"
    starts = line_starts(text)
    b = text.index("Blinken")
    spans = [(b, b + 7, "PERSON"), (text.index("Kyiv"), text.index("Moscow") + 6, "PLACE")]
    by_line = spans_by_line(starts, spans)
    line0 = text.split("\n")[0]
    ((c0, c1, tag),) = by_line[0]
    assert line0[c0:c1] == "Blinken" and tag == "PERSON"
    # a span across two line breaks is cut into three pieces, newlines excluded
    assert [text.split("\n")[r][a:z] for r in (1, 2) for a, z, _ in by_line[r]] == [
        "Kyiv and",
        "Moscow",
    ]


def test_utf8_columns_count_bytes_of_curly_quotes() -> None:
    line = "“Kyiv” said"
    start = line.index("Kyiv")
    assert utf8_columns(line, start, start + 4) == (3, 7)  # “ is three bytes
    assert line.encode()[3:7].decode() == "Kyiv"


@given(st.text(alphabet=st.sampled_from("ab\n’“é漢 "), max_size=60), st.data())
def test_spans_by_line_covers_exactly_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    starts = line_starts(text)
    lines = text.split("\n")
    pieces = spans_by_line(starts, [(start, end, "X")])
    got = "".join(lines[r][a:z] for r in sorted(pieces) for a, z, _ in pieces[r])
    assert got == text[start:end].replace("\n", "")


def test_reading_text_keeps_length_and_splits_only_at_newline() -> None:
    raw = "a\u2028b\u2029c\x0bd\x0ce\x1cf\x85g\nh"
    shown = reading_text(raw)
    assert len(shown) == len(raw)
    assert shown.splitlines() == shown.split("\n") == [shown[:13], "h"]


def test_filter_narrows_and_widens_case_insensitively() -> None:
    index = FilterIndex(
        [
            haystack("Kursk offensive", "Russian forces"),
            haystack("Talks", "KURSK again"),
            haystack("", "x"),
        ]
    )
    assert index.search("kursk") == [0, 1]
    assert index.search("kursk a") == [1]  # narrowed from the previous result
    assert index.search("KURS") == [0, 1]  # shorter query: searched afresh
    assert index.search("") == [0, 1, 2]
    assert index.search("zzz") == []


def _article(**kw: object) -> Article:
    base: dict[str, object] = dict(
        id="a.txt",
        path=Path("a.txt"),
        text="Title\nBody",
        text_hash="0",
        title=MetaField("Title", Provenance.TEXT, (0, 5)),
        word_count=1234,
        reading_minutes=6,
    )
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_metadata_line_says_what_is_unknown_and_derived() -> None:
    line = metadata_line(_article(title=MetaField("Derived", Provenance.DERIVED)))
    assert "outlet unknown" in line and "author unknown" in line and "date unknown" in line
    assert "1,234 words" in line and "6 min read" in line
    assert "title derived" in line
    known = metadata_line(
        _article(
            outlet=MetaField("Daily", Provenance.TEXT),
            published=MetaField("2024-09-06", Provenance.TEXT),
        )
    )
    assert "Daily" in known and "2024-09-06" in known and "date unknown" not in known
    assert "title derived" not in known


def test_sidebar_texts_are_single_line_and_safe() -> None:
    art = _article(title=MetaField("Evil\x1b]52;c;AAAA\x07\n[bold]x[/]", Provenance.TEXT))
    title = title_of(art)
    assert "\x1b" not in title and "\x07" not in title and "\n" not in title
    assert "[bold]x[/]" in title
    assert row_detail(art, 1) == "1 note"
    assert row_detail(_article(outlet=MetaField("Post", Provenance.TEXT)), 3) == "Post · 3 notes"


def test_summarize_groups_by_key_and_counts_mentions() -> None:
    text = "Antony J. Blinken met Putin. Mr. Blinken left. Blinken"
    ents = [
        Entity(0, 17, "Antony J. Blinken", Label.PERSON, key="Antony J. Blinken"),
        Entity(22, 27, "Putin", Label.PERSON),
        Entity(33, 40, "Blinken", Label.PERSON, key="Antony J. Blinken"),
        Entity(47, 54, "Blinken", Label.PERSON, key="Antony J. Blinken"),
    ]
    for e in ents:
        assert text[e.start : e.end] == e.text
    summary = summarize(ents)
    first, second = summary[Label.PERSON]
    assert (first.key, first.count, first.forms) == (
        "Antony J. Blinken",
        3,
        ("Antony J. Blinken", "Blinken"),
    )
    assert second.key == "Putin" and second.count == 1
    assert first.next_mention(0) == (33, 40)
    assert first.next_mention(47) == (0, 17)  # wraps around


@pytest.mark.parametrize(
    ("forms", "expected"),
    [(["Russia"], 2), (["Blinken", "Antony Blinken"], 2), (["  "], 0), (["Russ"], 0)],
)
def test_count_other_articles_matches_whole_words(forms: list[str], expected: int) -> None:
    hays = [
        haystack("", "russia and blinken"),  # excluded: the article itself
        haystack("", "Russian troops; Blinken spoke"),  # "Russian" is not "Russia"
        haystack("", "In Russia, Antony Blinken"),
        haystack("", "nothing"),
        haystack("", "Russia’s war"),  # a curly apostrophe ends the word
    ]
    assert count_other_articles(forms, hays, exclude=0) == expected


@given(
    st.lists(st.text(alphabet=st.sampled_from("ab ’.\n"), max_size=20), min_size=1, max_size=8),
    st.lists(st.text(alphabet=st.sampled_from("ab ’"), min_size=1, max_size=5), max_size=3),
)
def test_word_index_gives_the_same_counts_as_a_full_search(
    texts: list[str], forms: list[str]
) -> None:
    hays = [haystack("", t) for t in texts]
    words = WordIndex(hays)
    assert words.complete
    for exclude in (None, 0):
        assert count_other_articles(forms, hays, exclude, words=words) == count_other_articles(
            forms, hays, exclude
        )


def test_counting_and_indexing_stop_when_asked() -> None:
    hays = [haystack("", "Kyiv")] * 1000
    assert count_other_articles(["kyiv"], hays, None, should_stop=lambda: True) is None
    assert not WordIndex(hays, should_stop=lambda: True).complete
    assert list(WordIndex(hays).candidates(b"kyiv") or []) == list(range(1000))


def test_the_pure_tui_helpers_import_without_textual() -> None:
    import subprocess
    import sys

    from tests.test_layers import BLOCK_TEXTUAL

    modules = [
        "reader.tui.text_layout",
        "reader.corpus.filter_index",
        "reader.corpus.word_index",
        "reader.tui.entity_summary",
        "reader.tui.entity_work",
        "reader.tui.entity_runner",  # the entity process imports it: no textual there
        "reader.tui.article_info",
    ]
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
