"""The filter answering word-character queries from the word index: always
the same indices as a plain scan, and a scan again when that is quicker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus.filter_index import FilterIndex, haystack
from reader.corpus.word_index import WordIndex

_ALPHABET = "abcxyzAKZ_09 .,-é“”\n"
_texts = st.lists(st.text(alphabet=_ALPHABET, max_size=60), min_size=1, max_size=25)
_queries = st.lists(st.text(alphabet="abcxyzK_09 é.", min_size=1, max_size=4), max_size=8)


def _scan(hays: list[bytes], query: str) -> list[int]:
    needle = query.lower().encode("utf-8")
    return [i for i, hay in enumerate(hays) if needle in hay]


def _with_words(hays: list[bytes]) -> FilterIndex:
    index = FilterIndex(hays)
    words = WordIndex(hays)
    index.attach_words(words)
    return index


@settings(max_examples=200, deadline=None)
@given(texts=_texts, queries=_queries)
def test_word_answers_equal_a_plain_scan(texts: list[str], queries: list[str]) -> None:
    hays = [haystack(f"T{i}", text) for i, text in enumerate(texts)]
    index = _with_words(hays)
    for query in queries:  # typed one after another: narrowing and fresh queries mixed
        assert index.search(query) == _scan(hays, query), query


def test_a_rare_fragment_is_answered_from_the_postings() -> None:
    hays = [haystack(f"Title {i}", f"common words here {i}") for i in range(300)]
    hays[17] = haystack("Title 17", "the Kurskaya oblast")
    hays[250] = haystack("Title 250", "from Kursk, said")
    words = WordIndex(hays)
    assert words.containing(b"ursk") == [17, 250]
    assert words.containing(b"zzq") == []
    assert words.containing(b"urs k") is None  # not one word: the caller scans
    assert words.containing(b"") is None
    index = FilterIndex(hays)
    index.attach_words(words)
    assert index.search("URSK") == [17, 250]


def test_a_fragment_in_too_many_words_falls_back_to_the_scan() -> None:
    hays = [haystack("t", f"word{i} other") for i in range(50)]
    words = WordIndex(hays)
    assert words.containing(b"word", max_words=10) is None
    assert words.containing(b"word", max_words=100) == list(range(50))
    index = FilterIndex(hays)
    index.attach_words(words)
    assert index.search("word") == list(range(50))


def test_an_incomplete_word_index_is_not_used() -> None:
    hays = [haystack("t", f"text {i}") for i in range(200)]
    words = WordIndex(hays, should_stop=lambda: True)  # stopped at once
    assert not words.complete and words.containing(b"text") is None
    index = FilterIndex(hays)
    index.attach_words(words)
    assert index.search("text") == list(range(200))


def test_bitmap_postings_union_equals_a_plain_scan() -> None:
    # 2,000 articles: words in more than 1/16 of them are kept as bitmaps
    words = ["alpha", "alpine", "beta", "kursk", "kursky", "zeta", "quiz"]
    hays = [
        haystack(f"T{i}", " ".join(w for n, w in enumerate(words) if (i >> n) & 1 or i % 7 == n))
        for i in range(2000)
    ]
    index = WordIndex(hays)
    assert any(type(p) is bytearray for p in index._postings.values())  # the dense path runs
    for fragment in ["al", "alp", "ursk", "z", "ta", "qu", "nothing", "t19"]:
        assert index.containing(fragment.encode()) == _scan(hays, fragment), fragment
    assert index.containing(b"t1") is None  # in 1,111 distinct words ("t1", "t10", ...): a scan
