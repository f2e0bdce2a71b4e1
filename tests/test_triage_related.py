"""Related articles and duplicate headlines."""

from pathlib import Path

import pytest

from reader.corpus import load_corpus
from reader.entities.model import Entity, Label
from reader.triage.related import (
    SimilarityIndex,
    duplicates_of,
    near_duplicate_titles,
    normalise_title,
    related_articles,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    root = tmp_path / "c"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return load_corpus(root).articles


def test_seed_000_and_001_share_a_headline() -> None:
    articles = load_corpus(SEEDS).articles
    groups = near_duplicate_titles(articles)
    assert len(groups) == 1
    (group,) = groups
    assert sorted(group.article_ids) == ["000_3dc8ba9f9aacea48.txt", "001_11fb115ab1b30ee7.txt"]
    assert group.score == 100
    by_id = {a.id: a for a in articles}
    assert duplicates_of(by_id["000_3dc8ba9f9aacea48.txt"], articles) == [
        ("001_11fb115ab1b30ee7.txt", 100.0)
    ]
    assert duplicates_of(by_id["002_3fcb7b3b48954a87.txt"], articles) == []


def test_near_but_not_equal_titles(tmp_path: Path) -> None:
    articles = corpus(
        tmp_path,
        {
            "a.txt": "Ukraine’s Offensive Could Set Stage for Diplomacy With Russia\n\nBody one.",
            "b.txt": "Ukraine's offensive could set the stage for diplomacy with Russia\n\nB2.",
            "c.txt": "UKRAINE’S OFFENSIVE COULD SET STAGE FOR DIPLOMACY WITH RUSSIA!\n\nB3.",
            "d.txt": "Markets Rally as Inflation Cools in the Euro Area\n\nBody four.",
            "e.txt": "Ukraine Offensive Stalls as Winter Sets In\n\nBody five.",
        },
    )
    (group,) = near_duplicate_titles(articles)
    assert sorted(group.article_ids) == ["a.txt", "b.txt", "c.txt"]
    assert 90 <= group.score < 100  # b differs by "the"
    assert len(group.titles) == 3
    by_id = {a.id: a for a in articles}
    found = dict(duplicates_of(by_id["a.txt"], articles))
    assert found["c.txt"] == 100 and 90 <= found["b.txt"] < 100 and "e.txt" not in found
    assert near_duplicate_titles(articles, threshold=100)[0].article_ids == ("a.txt", "c.txt")


def test_normalise_title() -> None:
    assert normalise_title("  Ukraine’s  Offensive, Again!") == normalise_title(
        "ukraines offensive again"
    )
    assert normalise_title("!!!") == ""


def _fake_entities(articles):  # type: ignore[no-untyped-def]
    out = {}
    for article in articles:
        found = []
        for name in ("Zelensky", "Kursk", "Lagarde"):
            start = article.text.find(name)
            if start >= 0:
                label = Label.PLACE if name == "Kursk" else Label.PERSON
                found.append(Entity(start, start + len(name), name, label, key=name))
        out[article.id] = found
    return out


@pytest.fixture
def news(tmp_path: Path):  # type: ignore[no-untyped-def]
    return corpus(
        tmp_path,
        {
            "kursk1.txt": "Kursk raid\n\nZelensky said troops held ground near Kursk after a raid.",
            "kursk2.txt": "Kursk push\n\nTroops near Kursk held ground, Zelensky told reporters.",
            "bank.txt": "Rates\n\nLagarde said the central bank would hold interest rates steady.",
            "empty.txt": "!!!",
        },
    )


def test_related_ranks_by_shared_words_and_entities(news) -> None:  # type: ignore[no-untyped-def]
    entities = _fake_entities(news)
    index = SimilarityIndex.build(news, entities)
    ranked = index.related("kursk1.txt")
    assert ranked[0].article_id == "kursk2.txt"
    assert ranked[0].score > 0.3
    assert set(ranked[0].shared_entities) == {"Zelensky", "Kursk"}
    assert "troops" in ranked[0].shared_terms and "ground" in ranked[0].shared_terms
    assert all(r.article_id != "kursk1.txt" for r in ranked)
    assert all(0 < r.score <= 1 for r in ranked)
    bank = [r for r in ranked if r.article_id == "bank.txt"]
    assert not bank or bank[0].score < ranked[0].score / 3


def test_related_without_entities_and_edge_cases(news) -> None:  # type: ignore[no-untyped-def]
    plain = related_articles("kursk1.txt", news)
    assert plain[0].article_id == "kursk2.txt" and plain[0].shared_entities == ()
    index = SimilarityIndex.build(news)
    assert index.related("no-such-id") == []
    assert index.related("empty.txt") == []
    assert len(index.related("kursk1.txt", limit=1)) == 1
    assert len(index) == len(news)


def test_related_with_entity_index(news) -> None:  # type: ignore[no-untyped-def]
    from reader.triage.index_build import build_entity_index

    entities = _fake_entities(news)
    index = build_entity_index(news, lambda a: entities[a.id], extractor_id="t")
    ranked = SimilarityIndex.build(news, index).related("kursk2.txt")
    assert ranked[0].article_id == "kursk1.txt"
    assert set(ranked[0].shared_entities) == {"Zelensky", "Kursk"}


def test_seed_related_is_symmetric_and_ordered() -> None:
    articles = load_corpus(SEEDS).articles
    index = SimilarityIndex.build(articles)
    for article in articles:
        ranked = index.related(article.id)
        assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
        for r in ranked:
            back = {x.article_id: x.score for x in index.related(r.article_id)}
            assert back[article.id] == pytest.approx(r.score, abs=1e-3)


def test_similarity_cache_reuse_change_and_corruption(news, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.triage.index_build import build_entity_index
    from reader.triage.related import build_similarity

    entities = _fake_entities(news)
    index = build_entity_index(news, lambda a: entities[a.id], extractor_id="t")
    cache = tmp_path / "cache" / "similarity.bin"
    cold = build_similarity(news, index, cache)
    assert cold.cache_status == "missing" and cache.exists()
    warm = build_similarity(news, index, cache)
    assert warm.cache_status == "loaded"
    for article in news:
        assert warm.related(article.id) == cold.related(article.id)

    changed = [*news[:-1]]  # one article gone: the corpus changed, so rebuild
    assert build_similarity(changed, index, cache).cache_status == "ignored"

    for garbage in (b"{broken", b"[]", b'{"format": "reader-similarity", "version": 1}'):
        cache.write_bytes(garbage)
        rebuilt = build_similarity(news, index, cache)
        assert rebuilt.cache_status == "ignored"
        assert rebuilt.related("kursk1.txt") == cold.related("kursk1.txt")
    assert build_similarity(news, index, cache).cache_status == "loaded"

    # Entities given as a plain mapping cannot be fingerprinted: never cached.
    cache.unlink()
    assert build_similarity(news, entities, cache).cache_status == "none"
    assert not cache.exists()


def test_similarity_build_can_be_stopped() -> None:
    from reader.triage.index_build import BuildCancelled

    articles = load_corpus(SEEDS).articles * 120  # 600: past the first check at 500
    with pytest.raises(BuildCancelled):
        SimilarityIndex.build(articles, should_stop=lambda: True)
    seen: list[int] = []
    SimilarityIndex.build(articles, progress=lambda done, total: seen.append(done))
    assert seen == [500, 600]


def test_compact_postings_score_like_a_plain_dot_product(news) -> None:  # type: ignore[no-untyped-def]
    from reader.triage.related import SimilarityIndex

    index = SimilarityIndex.build(news, _fake_entities(news))
    vectors = [dict(zip(*index._vector(n), strict=True)) for n in range(len(news))]
    for doc, article in enumerate(news):
        plain = {
            news[other].id: sum(w * vectors[other].get(t, 0.0) for t, w in vectors[doc].items())
            for other in range(len(news))
            if other != doc
        }
        got = index.related(article.id, limit=len(news), min_score=0.0)
        assert {r.article_id for r in got} == {aid for aid, score in plain.items() if score > 0}
        for r in got:
            assert r.score == pytest.approx(min(plain[r.article_id], 1.0), abs=1e-4)


@pytest.mark.parametrize("cut", [5, 40, -4])
def test_truncated_similarity_cache_is_rebuilt(news, tmp_path: Path, cut: int) -> None:  # type: ignore[no-untyped-def]
    from reader.triage.index_build import build_entity_index
    from reader.triage.related import build_similarity

    entities = _fake_entities(news)
    index = build_entity_index(news, lambda a: entities[a.id], extractor_id="t")
    cache = tmp_path / "similarity.bin"
    cold = build_similarity(news, index, cache)
    cache.write_bytes(cache.read_bytes()[:cut])
    again = build_similarity(news, index, cache)
    assert again.cache_status == "ignored"
    assert again.related("kursk1.txt") == cold.related("kursk1.txt")


def test_similarity_numbers_are_two_bytes_when_they_fit(news, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from array import array

    from reader.triage.cachefile import narrow_ids, read_arrays, write_arrays_atomic
    from reader.triage.index_build import build_entity_index
    from reader.triage.related import build_similarity

    assert narrow_ids(array("i", [0, 70_000]), 70_001).typecode == "i"
    assert narrow_ids(array("i", [0, 65_535]), 65_536).tolist() == [0, 65_535]
    entities = _fake_entities(news)
    index = build_entity_index(news, lambda a: entities[a.id], extractor_id="t")
    cache = tmp_path / "similarity.bin"
    cold = build_similarity(news, index, cache)
    assert cold._terms.typecode == cold._docs.typecode == "H"
    header, arrays = read_arrays(cache)  # type: ignore[misc]
    assert [a.typecode for a in arrays] == ["H", "i", "H", "f", "i"]
    # A 4-byte file (as an older writer made) loads too, as 2-byte numbers.
    wide = [array("i", a) if a.typecode == "H" else a for a in arrays]
    write_arrays_atomic(cache, header, wide)
    warm = build_similarity(news, index, cache)
    assert warm.cache_status == "loaded" and warm._terms.typecode == "H"
    assert [warm.related(a.id) for a in news] == [cold.related(a.id) for a in news]
    # Any other type of number: ignored and rebuilt.
    write_arrays_atomic(cache, header, [array("d", a) if a.typecode == "H" else a for a in arrays])
    assert build_similarity(news, index, cache).cache_status == "ignored"
