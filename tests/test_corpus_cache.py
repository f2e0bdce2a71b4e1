"""The metadata cache: same articles, faster; never trusted blindly, never required."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.corpus import MetadataCache, iter_corpus, load_corpus, loader
from reader.corpus import cache as cache_module

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def refuse_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("metadata computed although cached")

    monkeypatch.setattr(loader, "read_metadata", refuse)


def test_a_second_load_reuses_the_metadata_and_gives_equal_articles(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    first = load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    assert first.articles == load_corpus(corpus_dir).articles
    (cache_file,) = cache_dir.iterdir()
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".tmp")]
    refuse_metadata(monkeypatch)
    second = load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    assert second.articles == first.articles
    assert cache_file.exists()


def test_an_edited_article_gets_fresh_metadata(corpus_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    target = corpus_dir / "002_3fcb7b3b48954a87.txt"
    target.write_text("A New Headline\n\nBy Jane Roe\n\nNew body.\n", encoding="utf-8")
    again = load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    article = again.by_id(target.name)
    assert article is not None
    assert article.title.value == "A New Headline" and article.author.value == "Jane Roe"


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 1, "rules": "x"}'])
def test_a_corrupt_or_foreign_cache_file_is_ignored_and_replaced(
    corpus_dir: Path, tmp_path: Path, content: str
) -> None:
    cache = MetadataCache.for_corpus(corpus_dir, tmp_path / "cache")
    assert cache.path is not None
    cache.path.parent.mkdir(parents=True)
    cache.path.write_text(content, encoding="utf-8")
    loaded = load_corpus(corpus_dir, cache=cache)
    assert loaded.articles == load_corpus(corpus_dir).articles
    data = json.loads(cache.path.read_text(encoding="utf-8"))
    assert data["rules"] == cache_module.rules_fingerprint() and len(data["entries"]) == 5


def test_an_entry_with_offsets_outside_the_text_is_not_used(
    corpus_dir: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    cache = MetadataCache.for_corpus(corpus_dir, cache_dir)
    load_corpus(corpus_dir, cache=cache)
    assert cache.path is not None
    data = json.loads(cache.path.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry[0][0] = ["Forged title", "text", [0, 10**9]]  # title span past the end
        entry[1] = -5  # body_start
    cache.path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    assert loaded.articles == load_corpus(corpus_dir).articles


def test_changed_rules_invalidate_the_cache(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    monkeypatch.setattr(cache_module, "_fingerprint", "rules-of-another-version")
    calls = []
    real = loader.read_metadata
    monkeypatch.setattr(loader, "read_metadata", lambda *a: calls.append(1) or real(*a))
    load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    assert len(calls) == 5


def test_entries_of_removed_articles_are_dropped(corpus_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    (corpus_dir / "000_3dc8ba9f9aacea48.txt").unlink()
    cache = MetadataCache.for_corpus(corpus_dir, cache_dir)
    load_corpus(corpus_dir, cache=cache)
    assert cache.path is not None
    assert len(json.loads(cache.path.read_text(encoding="utf-8"))["entries"]) == 4


def test_cache_location_from_the_environment_and_off_switch(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "env-cache"))
    list(iter_corpus(corpus_dir, cache=True))
    assert len(list((tmp_path / "env-cache").iterdir())) == 1
    monkeypatch.setenv("READER_CACHE_DIR", "off")
    cache = MetadataCache.for_corpus(corpus_dir)
    assert not cache.enabled
    assert load_corpus(corpus_dir, cache=cache).articles == load_corpus(corpus_dir).articles
    monkeypatch.delenv("READER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert MetadataCache.for_corpus(corpus_dir).path.parent == tmp_path / "xdg" / "reader"  # type: ignore[union-attr]


def test_an_unwritable_cache_folder_is_not_an_error(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = MetadataCache.for_corpus(corpus_dir, blocker / "cache")
    assert load_corpus(corpus_dir, cache=cache).articles == load_corpus(corpus_dir).articles


def test_a_stream_stopped_early_keeps_what_it_computed(corpus_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    (corpus_dir / "000_3dc8ba9f9aacea48.txt").write_text("Edited Title\n\nNew.\n", "utf-8")
    stream = iter_corpus(corpus_dir, cache=MetadataCache.for_corpus(corpus_dir, cache_dir))
    first = next(stream)
    assert first.title.value == "Edited Title"  # type: ignore[union-attr]
    stream.close()  # e.g. the app quits while loading
    (cache_file,) = cache_dir.iterdir()
    entries = json.loads(cache_file.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 6  # the five old texts kept, the edited one added
