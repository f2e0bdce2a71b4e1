"""Entity index: lookups, cache reuse, stale and corrupt caches, cancellation."""

import json
import re
import threading
from pathlib import Path

import pytest

from reader.corpus import load_corpus
from reader.entities.model import Entity, Label
from reader.triage.index import entity_key, make_key
from reader.triage.index_build import (
    BuildCancelled,
    build_entity_index,
    default_cache_path,
    extractor_fingerprint,
)
from reader.triage.mention_store import MentionStore

TEXTS = {
    "a.txt": "Blinken met Putin in Geneva.\n\nLater Blinken flew home.",
    "b.txt": "Putin spoke in Moscow.",
    "c.txt": "Nothing named here at all.",
}
_NAME = re.compile(r"\b(Blinken|Putin|Geneva|Moscow)\b")


class FakeExtractor:
    """Deterministic: four known words; counts the articles it is run on."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, article):  # type: ignore[no-untyped-def]
        self.calls.append(article.id)
        out = []
        for m in _NAME.finditer(article.text):
            label = Label.PLACE if m.group() in ("Geneva", "Moscow") else Label.PERSON
            key = "Antony J. Blinken" if m.group() == "Blinken" else None
            out.append(Entity(m.start(), m.end(), m.group(), label, key=key))
        return out


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_lookups(corpus_dir: Path) -> None:
    articles = load_corpus(corpus_dir).articles
    index = build_entity_index(articles, FakeExtractor())
    blinken = make_key("PERSON", "Antony J. Blinken")
    putin = make_key("PERSON", "putin")
    assert index.articles_for(blinken) == ["a.txt"]
    assert index.article_count(putin) == 2
    assert index.articles_for(putin) == ["a.txt", "b.txt"]
    mentions = index.mentions(blinken)
    assert [(m.article_id, m.text) for m in mentions] == [("a.txt", "Blinken")] * 2
    text = TEXTS["a.txt"]
    assert all(text[m.start : m.end] == "Blinken" for m in mentions)
    assert index.keys()[0] == putin  # in the most articles
    assert index.keys(Label.PLACE) == sorted(
        [make_key("PLACE", "Geneva"), make_key("PLACE", "Moscow")]
    )
    assert index.mention_count(blinken, "a.txt") == 2
    assert [m.article_id for m in index.mentions(putin, "b.txt")] == ["b.txt"]
    assert index.mentions(putin, "c.txt") == [] and index.mentions(putin, "nope") == []
    assert index.display_name(blinken) == "Antony J. Blinken"
    assert index.entities("c.txt") == []
    assert index.article_count("PERSON:nobody") == 0 and index.mentions("PERSON:nobody") == []
    entity = index.entities("b.txt")[0]
    assert index.articles_for(entity) == index.articles_for(entity_key(entity))


def test_key_normalisation() -> None:
    assert (
        make_key("ORG", "  The  Kremlin’s ")
        == make_key("ORG", "the kremlin's")
        == "ORG:the kremlin"
    )
    assert make_key("ORG", "X") != make_key("PERSON", "X")


def test_cache_is_reused_after_restart(corpus_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "data" / ".cache" / "idx.json"
    first = FakeExtractor()
    index = build_entity_index(load_corpus(corpus_dir).articles, first, cache, extractor_id="v1")
    assert sorted(first.calls) == sorted(TEXTS) and index.cache_status == "missing"
    assert cache.exists()

    again = FakeExtractor()
    warm = build_entity_index(load_corpus(corpus_dir).articles, again, cache, extractor_id="v1")
    assert again.calls == []
    assert warm.reused == 3 and warm.extracted == 0 and warm.cache_status == "loaded"
    assert warm.entities_by_article() == index.entities_by_article()

    # Edit one file: only that one is extracted again.
    (corpus_dir / "b.txt").write_text("Putin and Blinken spoke.", encoding="utf-8")
    edited = FakeExtractor()
    index3 = build_entity_index(load_corpus(corpus_dir).articles, edited, cache, extractor_id="v1")
    assert edited.calls == ["b.txt"]
    assert index3.article_count(make_key("PERSON", "Antony J. Blinken")) == 2


def test_renamed_file_reuses_its_entities(corpus_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "idx.json"
    build_entity_index(load_corpus(corpus_dir).articles, FakeExtractor(), cache, extractor_id="v1")
    (corpus_dir / "b.txt").rename(corpus_dir / "renamed.txt")
    fake = FakeExtractor()
    index = build_entity_index(load_corpus(corpus_dir).articles, fake, cache, extractor_id="v1")
    assert fake.calls == []
    assert "renamed.txt" in index.articles_for(make_key("PERSON", "putin"))


def test_other_extractor_version_is_not_reused(corpus_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "idx.json"
    build_entity_index(load_corpus(corpus_dir).articles, FakeExtractor(), cache, extractor_id="v1")
    fake = FakeExtractor()
    index = build_entity_index(load_corpus(corpus_dir).articles, fake, cache, extractor_id="v2")
    assert len(fake.calls) == 3 and index.cache_status == "ignored"


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"\x00\xff\xfe garbage",
        b"[1, 2, 3]",
        json.dumps({"format": "reader-entity-index", "version": 99, "entries": {}}).encode(),
    ],
)
def test_corrupt_cache_is_ignored_and_rebuilt(
    corpus_dir: Path, tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / "idx.json"
    cache.write_bytes(content)
    fake = FakeExtractor()
    index = build_entity_index(load_corpus(corpus_dir).articles, fake, cache, extractor_id="v1")
    assert len(fake.calls) == 3 and index.cache_status == "ignored"
    assert index.article_count(make_key("PERSON", "putin")) == 2
    # The rebuilt cache is valid: the next start reuses it.
    again = FakeExtractor()
    build_entity_index(load_corpus(corpus_dir).articles, again, cache, extractor_id="v1")
    assert again.calls == []


def test_cache_entries_that_do_not_fit_the_text_are_reextracted(
    corpus_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "idx.json"
    articles = load_corpus(corpus_dir).articles
    build_entity_index(articles, FakeExtractor(), cache, extractor_id="v1")
    store, status = MentionStore.load(cache, "v1")
    assert status == "loaded" and len(store) == 3
    a_hash = next(a.text_hash for a in articles if a.id == "a.txt")
    first, _stop = store.spans[a_hash]
    store.widen()  # loaded narrowed (1-byte numbers here): room for any number
    store.ends[first] = 10_000  # past the end of the text
    store.save(cache, "v1")
    fake = FakeExtractor()
    build_entity_index(articles, fake, cache, extractor_id="v1")
    assert fake.calls == ["a.txt"]
    # A label code outside the labels: the whole file is ignored.
    store, _status = MentionStore.load(cache, "v1")
    store.labels[0] = 99
    store.save(cache, "v1")
    fake = FakeExtractor()
    index = build_entity_index(articles, fake, cache, extractor_id="v1")
    assert len(fake.calls) == 3 and index.cache_status == "ignored"


def test_unwritable_cache_still_returns_an_index(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    index = build_entity_index(
        load_corpus(corpus_dir).articles,
        FakeExtractor(),
        blocker / "sub" / "idx.json",
        extractor_id="v1",
    )
    assert index.cache_error is not None
    assert index.article_count(make_key("PERSON", "putin")) == 2


def test_cancel_in_background_thread_keeps_partial_cache(corpus_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "idx.json"
    articles = load_corpus(corpus_dir).articles
    fake = FakeExtractor()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build_entity_index(
                articles, fake, cache, extractor_id="v1", should_stop=lambda: len(fake.calls) >= 1
            )
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(10)
    assert len(errors) == 1 and isinstance(errors[0], BuildCancelled)
    resumed = FakeExtractor()
    build_entity_index(articles, resumed, cache, extractor_id="v1")
    assert len(resumed.calls) == 2  # the first article came from the partial cache


def test_progress_is_reported(corpus_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    build_entity_index(
        load_corpus(corpus_dir).articles, FakeExtractor(), progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (3, 3)


def test_no_entities_at_all(corpus_dir: Path) -> None:
    index = build_entity_index(load_corpus(corpus_dir).articles, lambda article: [])
    assert len(index) == 0 and index.keys() == []


def test_default_cache_path_per_corpus(tmp_path: Path) -> None:
    db = tmp_path / "data" / "annotations.json"
    a = default_cache_path(db, tmp_path / "one")
    b = default_cache_path(db, tmp_path / "two")
    assert a.parent == tmp_path / "data" / ".cache" and a != b


def test_fingerprint_changes_with_the_package() -> None:
    from reader.entities import extract_entities

    fp = extractor_fingerprint(extract_entities)
    assert fp.startswith("reader.entities.extract.extract_entities@")
    assert extractor_fingerprint(len) == "builtins.len"


def _plain_index(articles, extract):  # type: ignore[no-untyped-def]
    """The straightforward representation: key -> [(article id, start, end, text)]."""
    by_key: dict[str, list[tuple[str, int, int, str]]] = {}
    for article in articles:
        for e in extract(article):
            by_key.setdefault(entity_key(e), []).append((article.id, e.start, e.end, e.text))
    return by_key


def test_compact_index_matches_the_plain_one_on_the_seeds(tmp_path: Path) -> None:
    from reader.entities import entities_for

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    articles = list(load_corpus(seeds).articles)[:40]
    assert articles
    plain = _plain_index(articles, entities_for)
    cache = tmp_path / "idx.bin"
    cold = build_entity_index(articles, entities_for, cache, extractor_id="v1")
    warm = build_entity_index(articles, entities_for, cache, extractor_id="v1")
    assert warm.cache_status == "loaded" and warm.extracted == 0
    for index in (cold, warm):
        assert sorted(index.keys()) == sorted(plain)
        for key, found in plain.items():
            got = [(m.article_id, m.start, m.end, m.text) for m in index.mentions(key)]
            assert sorted(got) == sorted(found)
            assert index.article_count(key) == len({aid for aid, *_ in found})
        for article in articles:
            assert index.entities(article.id) == list(entities_for(article))
            counts = index.keys_for(article.id)
            assert sum(counts.values()) == len(index.rows(article.id))


@pytest.mark.parametrize("cut", [1, 20, -1, -7])
def test_truncated_binary_cache_is_ignored(corpus_dir: Path, tmp_path: Path, cut: int) -> None:
    cache = tmp_path / "idx.bin"
    articles = load_corpus(corpus_dir).articles
    build_entity_index(articles, FakeExtractor(), cache, extractor_id="v1")
    data = cache.read_bytes()
    cache.write_bytes(data[:cut])
    fake = FakeExtractor()
    index = build_entity_index(articles, fake, cache, extractor_id="v1")
    assert len(fake.calls) == 3 and index.cache_status == "ignored"
    assert index.mention_count(make_key("PERSON", "Antony J. Blinken"), "a.txt") == 2


def test_compact_index_matches_the_plain_one_on_a_generated_corpus(tmp_path: Path) -> None:
    from reader.entities import entities_for
    from tests.test_corpus_generator import make_corpus_function

    make_corpus_function()(tmp_path / "gen", 30, seed=11)
    for name in ("gen_00003.txt", "gen_00007.txt"):  # two copies of one text
        (tmp_path / "gen" / f"copy_{name}").write_bytes((tmp_path / "gen" / name).read_bytes())
    articles = list(load_corpus(tmp_path / "gen").articles)
    plain = _plain_index(articles, entities_for)
    cache = tmp_path / "idx.bin"
    cold = build_entity_index(articles, entities_for, cache, extractor_id="v1")
    written = cache.read_bytes()
    warm = build_entity_index(articles, entities_for, cache, extractor_id="v1")
    assert cache.read_bytes() == written  # nothing changed: not rewritten
    assert warm.reused == len({a.text_hash for a in articles}) < len(articles)
    for index in (cold, warm):
        assert sorted(index.keys()) == sorted(plain)
        for key, found in plain.items():
            got = [(m.article_id, m.start, m.end, m.text) for m in index.mentions(key)]
            assert got == sorted(found, key=lambda m: (index.article_ids.index(m[0]), m[1]))
            ids = list(dict.fromkeys(aid for aid, *_ in found))
            assert index.articles_for(key) == ids and index.article_count(key) == len(ids)
            for aid in ids[:2]:
                mine = [m for m in found if m[0] == aid]
                assert index.mention_count(key, aid) == len(mine)
                assert [(m.start, m.end) for m in index.mentions(key, aid)] == sorted(
                    (m[1], m[2]) for m in mine
                )
        ranked = index.keys()
        counts = [index.article_count(k) for k in ranked]
        assert counts == sorted(counts, reverse=True)
        for article in articles:
            assert index.entities(article.id) == list(entities_for(article))
            dates = index.entities(article.id, Label.DATE)
            assert dates == [e for e in entities_for(article) if e.label == Label.DATE]
            assert [r[:2] for r in index.rows(article.id, "DATE")] == [
                (e.start, e.end) for e in dates
            ]
    names = [(cold.display_name(k), warm.display_name(k)) for k in cold.keys(Label.PERSON)]
    assert names and all(a == b for a, b in names)


def test_a_cache_with_a_deleted_article_is_reused_then_rewritten(
    corpus_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "idx.bin"
    build_entity_index(load_corpus(corpus_dir).articles, FakeExtractor(), cache, extractor_id="v1")
    (corpus_dir / "c.txt").unlink()
    fake = FakeExtractor()
    index = build_entity_index(load_corpus(corpus_dir).articles, fake, cache, extractor_id="v1")
    assert fake.calls == [] and index.reused == 2 and index.cache_status == "loaded"
    assert len(MentionStore.load(cache, "v1")[0]) == 2  # the deleted text is dropped
    assert index.articles_for(make_key("PERSON", "putin")) == ["a.txt", "b.txt"]


def test_the_index_keeps_no_article_text(corpus_dir: Path) -> None:
    articles = load_corpus(corpus_dir).articles
    index = build_entity_index(articles, FakeExtractor())
    texts = {a.text for a in articles}
    held = list(vars(index).values())
    held += [x for v in vars(index).values() if isinstance(v, list | tuple) for x in v]
    assert not any(isinstance(x, str) and x in texts for x in held)
    assert index.entities("a.txt")[0].text == "Blinken"  # read from the article when asked
