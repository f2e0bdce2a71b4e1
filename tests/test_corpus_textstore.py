"""The TextStore: texts kept as lower-cased UTF-8 plus a case patch, read back
exactly, searched in chunks; and the Article/loader side of it."""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import Article, MetaField, TextRef, TextStore, load_corpus
from reader.corpus.textstore import RECENT_CHARS, RECENT_TEXTS

# Letters whose lower case is longer in UTF-8 or in characters (İ, K Kelvin,
# Å Angstrom, ẞ), final sigma, curly quotes, a lone surrogate, controls.
_TRICKY = "aZ İKÅẞΣσς “”’ é É\n\t\x00\x1b\u202e\udc80日本"
texts = st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=12), st.integers(1, 64))
def test_every_text_reads_back_exactly(items: list[tuple[str, str]], chunk: int) -> None:
    store = TextStore(chunk_bytes=chunk)
    refs = [store.add(title, text) for title, text in items]
    assert len(store) == len(items)
    for ref, (title, text) in zip(refs, items, strict=True):
        assert ref.read() == text
        lower = title.lower().encode("utf-8", "surrogatepass") + b"\n"
        assert store.haystack(ref.slot) == lower + text.lower().encode("utf-8", "surrogatepass")
    for slot in reversed(range(len(items))):  # again, now mostly not in the recent texts
        assert store.text(slot) == items[slot][1]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abAB \n", max_size=12), min_size=1, max_size=10),
    st.text(alphabet="ab \n", min_size=1, max_size=3),
    st.integers(1, 32),
)
def test_search_finds_what_a_plain_scan_finds(texts: list[str], needle: str, chunk: int) -> None:
    store = TextStore(chunk_bytes=chunk)
    for text in texts:
        store.add("T", text)
    hay = [f"t\n{text.lower()}".encode() for text in texts]
    want = [i for i, h in enumerate(hay) if needle.encode() in h]
    assert store.find_all(needle.encode()) == want
    backwards = list(reversed(range(len(texts))))
    assert store.find_in(backwards, needle.encode()) == list(reversed(want))
    assert all(store.contains(i, needle.encode()) == (i in want) for i in range(len(texts)))


def test_a_match_across_two_entries_is_not_a_match() -> None:
    store = TextStore()  # one chunk: the entries lie side by side in one buffer
    store.add("first", "ends with ab")
    store.add("cd", "second")
    assert store.find_all(b"abcd") == []
    assert store.find_all(b"ab") == [0]
    assert store.find_all(b"cd\nsec") == [1]
    assert store.find_all(b"") == [0, 1]


def test_texts_whose_lower_case_changes_length_are_kept_whole() -> None:
    store = TextStore()
    text = "İstanbul and Straße"  # "İ" lower-cased is two characters, three bytes
    assert len(text.lower().encode()) != len(text.encode())
    ref = store.add("", text)
    assert ref.read() == text
    assert store.find_all(b"istanbul") == []  # "İ".lower() is "i̇"
    assert store.find_all("i̇stanbul".encode()) == [0]


def test_reading_and_searching_while_another_thread_adds() -> None:
    store = TextStore(chunk_bytes=256)
    texts = [f"Article {n}: Kyiv {'AND ' * (n % 7)}Kursk “{n}”" for n in range(600)]
    errors: list[str] = []

    def add() -> None:
        for n, text in enumerate(texts):
            store.add(f"Title {n}", text)

    writer = threading.Thread(target=add)
    writer.start()
    while writer.is_alive() or (not errors and len(store) < len(texts)):
        seen = len(store)
        for slot in range(0, seen, 37):
            if store.text(slot) != texts[slot]:
                errors.append(f"slot {slot}")
        hits = store.find_all(b"kursk")
        if hits[: min(seen, len(hits))] != list(range(min(seen, len(hits)))):
            errors.append("search")
        if not writer.is_alive() and len(store) == len(texts):
            break
    writer.join()
    assert not errors
    assert store.find_all(b"and and and and and and") == [n for n in range(600) if n % 7 == 6]


def test_recent_texts_are_kept_and_bounded() -> None:
    store = TextStore()
    for n in range(RECENT_TEXTS * 2):
        store.add("", f"Text {n}")
    first = store.text(0)
    assert store.text(0) is first  # kept: the open article is not rebuilt on each access
    for slot in range(1, RECENT_TEXTS * 2):
        store.text(slot)
    assert store.text(0) == first and store.text(0) is not first  # evicted, rebuilt


def test_recent_texts_are_bounded_in_characters_too() -> None:
    store = TextStore()
    big = store.add("", "x" * (RECENT_CHARS // 2 + 1))
    small = store.add("", "small")
    huge = store.add("", "y" * (RECENT_CHARS + 1))
    kept = big.read()
    assert big.read() is kept
    small.read()
    assert huge.read() == "y" * (RECENT_CHARS + 1)  # over the bound alone: still kept
    assert huge.read() is huge.read()
    assert big.read() is not kept  # pushed out by the characters, not the count


def _meta() -> MetaField:
    return MetaField("A title")


def test_an_article_reads_its_text_from_a_ref() -> None:
    store = TextStore()
    text = "Blinken met Lavrov in “Geneva”."
    stored = Article("a.txt", Path("a.txt"), store.add("A title", text), "h", _meta())
    plain = Article("a.txt", Path("a.txt"), text, "h", _meta())
    assert stored.text == text and stored.body == text
    assert isinstance(stored.text_ref, TextRef) and plain.text_ref is None
    assert stored == plain and hash(stored) == hash(plain)
    assert replace(stored, text_hash="x").text == text
    with pytest.raises(FrozenInstanceError):
        stored.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError, match="must be a str"):
        Article("b.txt", Path("b.txt"), b"bytes", "h", _meta())  # type: ignore[arg-type]


def test_an_article_path_is_a_path_whatever_it_was_given_as() -> None:
    given = [Article("a", where, "t", "h", _meta()) for where in (Path("/c/a.txt"), "/c/a.txt")]
    assert [a.path for a in given] == [Path("/c/a.txt")] * 2
    assert all(isinstance(a.path, Path) for a in given)
    assert given[0] == given[1] and replace(given[0], id="b").path == Path("/c/a.txt")


def test_an_article_repr_is_short_and_leaves_the_text_out() -> None:
    """Textual describes a worker by repr() of its arguments: a list of 10,000
    articles must not rebuild and copy every text."""
    store = TextStore()
    article = Article(
        "a.txt", Path("a.txt"), store.add("", "secret words " * 1000), "f" * 64, _meta()
    )
    shown = repr(article)
    assert "a.txt" in shown and "secret" not in shown and len(shown) < 80
    assert store._recent == {}  # not even rebuilt


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_loaded_corpus_keeps_its_texts_in_one_store_in_order(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Title A\r\n\r\nKyiv said “yes”.\r\n".encode())
    _write(tmp_path, "b.txt", "Café in Zürich\n\nThe café opened.".encode("cp1252"))
    _write(tmp_path, "c.txt", b"\xef\xbb\xbfTitle C\n\nNATO and the EU.")
    corpus = load_corpus(tmp_path)
    refs = [a.text_ref for a in corpus.articles]
    assert all(ref is not None for ref in refs)
    assert len({id(ref.store) for ref in refs if ref}) == 1
    assert [ref.slot for ref in refs if ref] == [0, 1, 2]
    assert [a.text for a in corpus.articles] == [
        "Title A\n\nKyiv said “yes”.\n",
        "Café in Zürich\n\nThe café opened.",
        "Title C\n\nNATO and the EU.",
    ]
    for article in corpus.articles:
        assert hashlib.sha256(article.text.encode()).hexdigest() == article.text_hash
    plain = load_corpus(tmp_path, store=False)
    assert all(a.text_ref is None for a in plain.articles)
    assert [a.text for a in plain.articles] == [a.text for a in corpus.articles]


@pytest.mark.parametrize("change", ["deleted", "edited", "binary", "unreadable"])
def test_the_text_is_the_one_loaded_whatever_happens_to_the_file(
    tmp_path: Path, change: str
) -> None:
    """Texts are kept in memory, not read again from disk: an article's text
    always matches its text_hash (so annotations anchor as they did)."""
    path = _write(tmp_path, "a.txt", b"Talks in Geneva\n\nLavrov and Blinken met.")
    for n in range(RECENT_TEXTS + 1):  # enough others that the text is rebuilt below
        _write(tmp_path, f"b{n}.txt", f"Other {n}\n\nText {n}.".encode())
    corpus = load_corpus(tmp_path)
    article = corpus.by_id("a.txt")
    assert article is not None
    before = article.text
    if change == "deleted":
        path.unlink()
    elif change == "edited":
        path.write_text("Completely different\n\nNew words.", encoding="utf-8")
    elif change == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    else:
        os.chmod(path, 0)
    try:
        for other in corpus.articles:
            assert other.text  # the recent texts now hold the others
        assert article.text == before
        assert hashlib.sha256(article.text.encode()).hexdigest() == article.text_hash
    finally:
        if path.exists():
            os.chmod(path, 0o644)
