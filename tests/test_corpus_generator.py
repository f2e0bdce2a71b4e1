"""bench/make_corpus.py: deterministic, varied, and loadable (the UI benchmarks build on it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reader.corpus import load_corpus

BENCH = Path(__file__).resolve().parent.parent / "bench" / "make_corpus.py"


def make_corpus_function():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    make_corpus = make_corpus_function()
    make_corpus(tmp_path / "a", 25, seed=3)
    make_corpus(tmp_path / "b", 25, seed=3)
    make_corpus(tmp_path / "c", 25, seed=4)
    names = sorted(path.name for path in (tmp_path / "a").iterdir())
    assert len(names) == 25 and names[0] == "gen_00000.txt"
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert any(
        (tmp_path / "a" / name).read_bytes() != (tmp_path / "c" / name).read_bytes()
        for name in names
    )


def test_generated_articles_differ_and_load_cleanly(tmp_path: Path) -> None:
    make_corpus_function()(tmp_path, 40)
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 40 and corpus.problems == []
    assert len({article.text_hash for article in corpus}) == 40
    assert all(article.title.known and article.word_count > 50 for article in corpus)
    assert any(article.published.known for article in corpus)
    assert any(article.author.known for article in corpus)
