"""The filter and word indexes over a corpus's TextStore: the same answers as
a plain scan of haystacks, whichever way the articles hold their texts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from reader.corpus import Article, MetaField, TextStore
from reader.corpus.filter_index import FilterIndex, haystack
from reader.corpus.word_index import WordIndex
from reader.tui.entity_summary import count_other_articles

_WORDS = [
    "Kyiv",
    "Kursk",
    "Blinken",
    "Lavrov",
    "talks",
    "said",
    "the",
    "minister",
    "“offensive”",
    "Zürich",
    "ÉTÉ",
]


def _texts(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [
        (" ".join(rng.sample(_WORDS, 2)), " ".join(rng.choices(_WORDS, k=rng.randint(1, 12))))
        for _ in range(n)
    ]


def _articles(items: list[tuple[str, str]], store: TextStore | None) -> list[Article]:
    return [
        Article(
            f"{n:03}.txt",
            Path(f"{n:03}.txt"),
            store.add(title, text) if store is not None else text,
            "h",
            MetaField(title),
        )
        for n, (title, text) in enumerate(items)
    ]


def _expected(items: list[tuple[str, str]], query: str) -> list[int]:
    hays = [haystack(title, text) for title, text in items]
    return [i for i, h in enumerate(hays) if query.lower().encode() in h]


_QUERIES = ["k", "ky", "kyiv", "kyiv k", "kyiv ku", "é", "été", "zzz", "", "“off", "said\nthe"]


@pytest.mark.parametrize("layout", ["store", "reordered", "subset", "plain", "mixed"])
def test_filter_gives_the_same_answers_whatever_holds_the_texts(layout: str) -> None:
    items = _texts(120)
    store = TextStore(chunk_bytes=300)  # several chunks
    articles = _articles(items, None if layout == "plain" else store)
    if layout == "reordered":
        articles.reverse()
        items.reverse()
    elif layout == "subset":
        articles, items = articles[::3], items[::3]
    elif layout == "mixed":
        articles[5] = _articles([items[5]], None)[0]
    index = FilterIndex.of_articles(articles)
    assert len(index) == len(articles)
    for query in _QUERIES:  # typed one after another: narrowing and searching afresh
        assert index.search(query) == _expected(items, query), query
    assert list(index.haystacks) == [haystack(title, text) for title, text in items]


def test_haystacks_behave_as_a_sequence() -> None:
    items = _texts(5)
    hays = FilterIndex.of_articles(_articles(items, TextStore())).haystacks
    assert len(hays) == 5
    assert hays[-1] == hays[4] == haystack(*items[4])
    assert hays[1:3] == [haystack(*items[1]), haystack(*items[2])]
    with pytest.raises(IndexError):
        hays[5]


def test_word_index_with_bitmaps_counts_as_a_full_search() -> None:
    # 400 articles: a word in more than 64 and 1/16 of them is kept as a bitmap
    items = _texts(400, seed=3)
    items[::50] = [(title, text + " Odesa") for title, text in items[::50]]  # a rare word
    hays = FilterIndex.of_articles(_articles(items, TextStore(chunk_bytes=4096))).haystacks
    words = WordIndex(hays)
    assert words.complete
    assert list(words.candidates(b"kyiv odesa") or []) == list(range(0, 400, 50))
    for word in (b"kyiv", b"blinken", b"lavrov", b"minister", b"odesa"):
        expected = [i for i, h in enumerate(hays) if word in re.findall(rb"\w+", h)]
        assert list(words.candidates(word) or []) == expected
    assert list(words.candidates(b"nowhere") or []) == []
    assert words.candidates(b"  ") is None
    for forms in (["Kyiv"], ["Blinken", "Lavrov"], ["the minister"], ["Zürich"], ["Odesa"]):
        for exclude in (None, 0, 17):
            assert count_other_articles(forms, hays, exclude, words=words) == (
                count_other_articles(forms, hays, exclude)
            )


def test_word_index_from_an_iterable_keeps_plain_lists() -> None:
    hays = [haystack("", "kyiv") for _ in range(300)]
    words = WordIndex(iter(hays))  # no length known: no bitmaps
    assert list(words.candidates(b"kyiv") or []) == list(range(300))
